// Texts flattened onto one line (copied from a web page or a PDF viewer): `52/232. 标题 大会，
// 审议了……，1. 决定……；2. 还决定……。 第 43 次全体会议` is cut into the lines it had, so that the
// parser reads it like any other text. Only long lines are looked at, and a line is cut only
// where it shows it was flattened:
//  - before the opening (`大会，`, `安全理事会，`…) when heading text precedes it, and after it;
//  - before a title number (`52/232.`) that follows heading text after white space;
//  - after closing punctuation, before the next operative number (the expected one: `；2. 请`);
//  - after closing punctuation, before a closing line (`第 43 次全体会议`, a date) or `注：`;
//  - in the preamble, after closing punctuation, before a paragraph verb (`，又回顾`), in a line
//    cut at one of the places above, or holding at least two such places in a text of a few
//    lines (in a text of many lines, a long line is a paragraph with clauses). When some of them have white space after the
//    punctuation (`, 审议了`), as a line joined with spaces has, only those count: a clause
//    inside a paragraph (`……主席，还欢迎……`) has none. Joined without spaces, such a clause
//    cannot be told from a paragraph and is cut (test/realworld/README.md).
// Once an operative number is found, verbs no longer cut: operative paragraphs often hold a
// second verb clause (`……，吁请所有会员国……；`).
import { Line } from './lines';
import { matchVerb } from './verbs';
import { halfWidthDigits } from './dates';

/** Lines shorter than this are never cut: a PDF line or a short draft line holds one paragraph at most. */
const MIN_LENGTH = 60;
/** A text of at most this many lines may be a flattened one without an opening or numbers. */
const FEW_LINES = 6;

export const OPENING_WORDS = '大会|安全理事会|人权理事会|经济及社会理事会|经社理事会';
const OPENING_IN_LINE = new RegExp(`(?:^|(?<=[\\s.．]))(?:#+\\s*)?(?:\\*\\*)?(?:${OPENING_WORDS})(?:\\*\\*)?\\s*[，,]`, 'g');
const TITLE_IN_LINE = /(?<=\s)(?:(?:ES-|S-)?[0-9]{1,4}\/[0-9]{1,4}|[0-9]{1,4}\s*[(（][IVXL]{1,8}[)）])\s*[.．]\s/g;
/** Closing punctuation, perhaps a footnote marker after it, then white space (group 1 = marker). */
const CLOSER = /[，,；;。]|\.(?=\s)/g;
const AFTER_CLOSER = /^([0-9]{1,2}|[¹²³⁰-⁹]{1,2})?(\s*)/;
const OPERATIVE_AT = /^(?:\*\*)?([0-9０-９]{1,3})\s*[.．、](?![0-9])/;
const CLOSING_PART = '第\\s*[0-9０-９〇零一二三四五六七八九十百千]{1,6}\\s*次(?:全体)?会议|[0-9０-９〇零一二三四五六七八九]{4}\\s*年';
const CLOSING_AT = new RegExp(`^(?:${CLOSING_PART}|注\\s*[：:])`);
/** The next part of a closing, after white space: `第 43 次全体会议 2024 年 12 月 2 日`. */
const CLOSING_IN_LINE = new RegExp(`(?<=\\s)(?:${CLOSING_PART})`, 'g');

/** The lines with every flattened one cut into the lines it had (the same array when none is). */
export function splitFlattened(lines: Line[]): Line[] {
  let out: Line[] | undefined;
  let nonBlank = 0;
  for (let i = 0; i < lines.length && nonBlank <= FEW_LINES; i++) if (/\S/.test(lines[i].text)) nonBlank++;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const cuts = l.text.length < MIN_LENGTH ? [] : cutsOf(l.text, nonBlank <= FEW_LINES);
    if (cuts.length === 0) {
      out?.push(l);
      continue;
    }
    out ??= lines.slice(0, i);
    let from = 0;
    for (const at of [...cuts, l.text.length]) {
      out.push({ start: l.start + from, end: l.start + at, text: l.text.slice(from, at) });
      from = at;
    }
  }
  return out ?? lines;
}

/** Offsets in `t` where a new line starts, ascending; none when the line was not flattened. */
function cutsOf(t: string, fewLines: boolean): number[] {
  const cuts: number[] = [];
  let bodyFrom = 0;
  OPENING_IN_LINE.lastIndex = 0;
  const opening = OPENING_IN_LINE.exec(t);
  if (opening && opening.index + opening[0].length < t.trimEnd().length) {
    TITLE_IN_LINE.lastIndex = 0;
    for (let m; (m = TITLE_IN_LINE.exec(t)) && m.index < opening.index; ) cuts.push(m.index);
    if (opening.index > 0) cuts.push(opening.index);
    bodyFrom = opening.index + opening[0].length;
    cuts.push(bodyFrom);
  }
  const verbCuts: [number, boolean][] = [];
  let next = 1;
  let operative = false;
  const start = OPERATIVE_AT.exec(t.slice(bodyFrom).trimStart());
  if (start) {
    operative = true;
    next = Number(halfWidthDigits(start[1])) + 1;
  }
  CLOSER.lastIndex = bodyFrom;
  for (let m; (m = CLOSER.exec(t)); ) {
    // The next operative number, right after the punctuation (`；2. 请`, `，1.着重指出`)…
    const spaces = /^\s*/.exec(t.slice(m.index + 1, m.index + 8))![0].length;
    const num = OPERATIVE_AT.exec(t.slice(m.index + 1 + spaces, m.index + 16));
    if (num && Number(halfWidthDigits(num[1])) === next) {
      cuts.push(m.index + 1 + spaces);
      next++;
      operative = true;
      continue;
    }
    // …or, after a footnote marker perhaps (`……的报告，1 审议了`), a closing line or a verb.
    const after = AFTER_CLOSER.exec(t.slice(m.index + 1, m.index + 8))!;
    const at = m.index + 1 + after[0].length;
    if (at >= t.length) break;
    const rest = t.slice(at, at + 24);
    if (CLOSING_AT.test(rest) && (m[0] === '。' || m[0] === '.')) {
      cuts.push(at);
      CLOSING_IN_LINE.lastIndex = at + 1;
      for (let c; (c = CLOSING_IN_LINE.exec(t)); ) cuts.push(c.index);
      break;
    } else if (!operative && matchVerb(rest)) {
      verbCuts.push([at, after[2].length > 0]);
    }
  }
  const spaced = verbCuts.filter((c) => c[1]);
  const verbs = spaced.length > 0 ? spaced : verbCuts;
  if ((fewLines && verbs.length >= 2) || (verbs.length > 0 && cuts.length > 0)) cuts.push(...verbs.map((c) => c[0]));
  return [...new Set(cuts)].filter((c) => c > 0 && c < t.length).sort((a, b) => a - b);
}

