// The numbers Word prints before the paragraphs of a numbered list (word/numbering.xml). Drafts
// are often numbered so, and their operative paragraphs then have no number in their text: the
// parser needs it (an operative paragraph starts at a printed number).
//
// What is read: each list (w:num) and its abstract definition's levels (start, number format,
// level text such as `%1.`, suffix), and start overrides. Counters are kept per list and level;
// a paragraph at a level resets the deeper ones. Numbering given through a paragraph style, and
// restarts other than start overrides, are not followed.
import { SaxesParser, SaxesTagPlain } from 'saxes';

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
}

export interface ListDefinitions {
  /** numId → abstract levels by ilvl (with the list's start overrides applied). */
  lists: Map<string, Map<number, Level>>;
}

/** Reads word/numbering.xml; an unreadable part gives no lists (the paragraphs keep their text). */
export function readListDefinitions(xml: Uint8Array | undefined): ListDefinitions {
  const abstracts = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { abstract: string; starts: Map<number, number> }>();
  if (!xml) return { lists: new Map() };
  let abstract: Map<number, Level> | undefined;
  let level: Level | undefined;
  let num: { abstract: string; starts: Map<number, number> } | undefined;
  let override: number | undefined;
  const parser = new SaxesParser();
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const val = (n = 'w:val') => (typeof tag.attributes[n] === 'string' ? (tag.attributes[n] as string) : undefined);
    switch (tag.name) {
      case 'w:abstractNum':
        abstract = new Map();
        abstracts.set(val('w:abstractNumId') ?? '', abstract);
        break;
      case 'w:lvl':
        if (abstract) {
          level = { start: 1, format: 'decimal', text: '', suffix: '\t' };
          abstract.set(Number(val('w:ilvl') ?? 0), level);
        }
        break;
      case 'w:start':
        if (level) level.start = Number(val() ?? 1);
        else if (num && override !== undefined) num.starts.set(override, Number(val() ?? 1));
        break;
      case 'w:startOverride':
        if (num && override !== undefined) num.starts.set(override, Number(val() ?? 1));
        break;
      case 'w:numFmt':
        if (level) level.format = val() ?? 'decimal';
        break;
      case 'w:lvlText':
        if (level) level.text = val() ?? '';
        break;
      case 'w:suff':
        if (level) level.suffix = val() === 'space' ? ' ' : val() === 'nothing' ? '' : '\t';
        break;
      case 'w:num':
        num = { abstract: '', starts: new Map() };
        nums.set(val('w:numId') ?? '', num);
        break;
      case 'w:abstractNumId':
        if (num) num.abstract = val() ?? '';
        break;
      case 'w:lvlOverride':
        override = Number(val('w:ilvl') ?? 0);
        break;
    }
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (tag.name === 'w:abstractNum') abstract = undefined;
    else if (tag.name === 'w:lvl') level = undefined;
    else if (tag.name === 'w:num') num = undefined;
    else if (tag.name === 'w:lvlOverride') override = undefined;
  });
  try {
    parser.write(new TextDecoder().decode(xml)).close();
  } catch {
    return { lists: new Map() };
  }
  const lists = new Map<string, Map<number, Level>>();
  for (const [id, n] of nums) {
    const levels = new Map<number, Level>();
    for (const [ilvl, l] of abstracts.get(n.abstract) ?? []) levels.set(ilvl, { ...l, start: n.starts.get(ilvl) ?? l.start });
    lists.set(id, levels);
  }
  return { lists };
}

/** A paragraph's place in a list: w:pPr/w:numPr. */
export interface ListItem {
  numId: string;
  level: number;
}

/** Counts the items of the lists of one view of a document, in order, and gives each its number. */
export class ListCounter {
  private readonly counters = new Map<string, number[]>();

  constructor(private readonly definitions: ListDefinitions) {}

  /** The number printed before `item` (`3. `, `(b) `), or '' for none (a bullet, an unknown list). */
  next(item: ListItem | undefined): string {
    const levels = item && this.definitions.lists.get(item.numId);
    const level = levels?.get(item!.level);
    if (!item || !levels || !level || level.format === 'bullet' || level.format === 'none') return '';
    const counts = this.counters.get(item.numId) ?? [];
    this.counters.set(item.numId, counts);
    counts[item.level] = counts[item.level] === undefined ? level.start : counts[item.level] + 1;
    counts.length = item.level + 1; // deeper levels start again
    const text = level.text.replace(/%(\d)/g, (_, k: string) => {
      const at = Number(k) - 1;
      const l = levels.get(at);
      return l ? formatNumber(counts[at] ?? l.start, l.format) : '';
    });
    return text ? text + level.suffix : '';
  }
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
    case 'upperLetter': {
      // a … z, aa … zz, as Word counts.
      const letter = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === 'upperLetter' ? letter.toUpperCase() : letter;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      const roman = toRoman(n);
      return format === 'lowerRoman' ? roman.toLowerCase() : roman;
    }
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'ideographTraditional':
      return n > 0 && n < 100 ? `${n >= 20 ? CHINESE_DIGITS[Math.floor(n / 10)] : ''}${n >= 10 ? '十' : ''}${n % 10 || n < 10 ? CHINESE_DIGITS[n % 10] : ''}` : String(n);
    default:
      return String(n);
  }
}

function toRoman(n: number): string {
  const numerals: Array<[number, string]> = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [value, text] of numerals) for (; n >= value; n -= value) out += text;
  return out;
}
