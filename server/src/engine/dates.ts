// Adoption dates as UN Chinese texts write them: `2023 年 12 月 4 日` (spaces optional,
// full-width digits accepted).
import { AdoptionDate } from './model';

const DIGIT = '[0-9０-９]';
/**
 * A date `YYYY 年 M 月 D 日` with groups year, month, day. Every quantifier is bounded, so a
 * regular expression built from it stays linear on any input.
 */
export const DATE_SOURCE = `(${DIGIT}{4})[ \\t\\u3000]{0,3}年[ \\t\\u3000]{0,3}(${DIGIT}{1,2})[ \\t\\u3000]{0,3}月[ \\t\\u3000]{0,3}(${DIGIT}{1,2})[ \\t\\u3000]{0,3}日`;

const DATE = new RegExp(DATE_SOURCE);

/** Full-width digits → ASCII digits. */
export function halfWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date in the life of the United Nations, or undefined. */
export function parseDateParts(year: number, month: number, day: number): AdoptionDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1945 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  return day <= max ? { year, month, day } : undefined;
}

/** Reads the first date in `text`, or undefined when there is none (or it is impossible). */
export function parseDate(text: string): AdoptionDate | undefined {
  const m = DATE.exec(text);
  return m ? dateFromGroups(m[1], m[2], m[3]) : undefined;
}

/** The date made of three captured groups of digits (full-width or not) or Chinese numerals. */
export function dateFromGroups(y: string, m: string, d: string): AdoptionDate | undefined {
  return parseDateParts(numberValue(y), numberValue(m), numberValue(d));
}

const NUMERAL_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUMERAL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A number written in digits (`1481`, `１４８１`) or Chinese numerals, digit by digit as old
 * texts date and number meetings (`一九六六`, `一四八一`) or counted (`二十九`, `十一`); NaN if neither.
 */
export function numberValue(s: string): number {
  if (/^[0-9０-９]+$/.test(s)) return Number(halfWidthDigits(s));
  if (!/^[〇零一二两三四五六七八九十百千]+$/.test(s)) return NaN;
  if (!/[十百千]/.test(s)) return Number(Array.from(s, (c) => NUMERAL_DIGITS[c]).join(''));
  let total = 0;
  let digit = 0;
  for (const c of s) {
    const unit = NUMERAL_UNITS[c];
    if (unit === undefined) digit = NUMERAL_DIGITS[c];
    else {
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

/** `2023 年 12 月 4 日`: the house style, with a space around each number. */
export function formatDate(d: AdoptionDate): string {
  return `${d.year} 年 ${d.month} 月 ${d.day} 日`;
}

export function sameDate(a: AdoptionDate, b: AdoptionDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** `2023-12-04`, for keys and machine-readable output. */
export function isoDate(d: AdoptionDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
