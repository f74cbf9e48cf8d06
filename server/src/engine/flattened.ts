// Texts flattened onto one line (copied from a web page or a PDF viewer): `52/232. 标题 大会，
// 审议了……，1. 决定……；2. 还决定……。 第 43 次全体会议` is cut into the lines it had, so that the
// parser reads it like any other text. A line is cut only where it shows it was flattened:
//  - before the opening (`大会，`, `安全理事会，`…) when heading text precedes it, and after it;
//  - before a title number (`52/232.`) that follows heading text after white space;
//  - after closing punctuation, before the next operative number (the expected one: `；2. 请`);
//  - after closing punctuation, before a closing line (`第 43 次全体会议`, a date) or `注：`, and
//    in a `注：` section before each footnote after the first (`。2 见……`);
//  - in the preamble, after closing punctuation, before a paragraph verb (`，又回顾`), in a line
//    cut at one of the places above, or holding at least two such places in a text of a few
//    lines (in a text of many lines, a long line is a paragraph with clauses). When the line
//    shows it was joined with white space (`, 审议了`, `; 2. 请`), only places with white space
//    after the punctuation count: a clause inside a paragraph (`……主席，还欢迎……`) has none.
//    Joined without spaces, such a clause cannot be told from a paragraph and is cut
//    (test/realworld/README.md).
// Once an operative number is found, verbs no longer cut: operative paragraphs often hold a
// second verb clause (`……，吁请所有会员国……；`).
import { Line } from './lines';
import { matchVerb } from './verbs';
import { halfWidthDigits } from './dates';
import { closesAt, isSpace } from './cleanText';

/** Lines shorter than this are never cut: they cannot hold two paragraphs. */
const MIN_LENGTH = 8;
/** A text of at most this many lines may be a flattened one without an opening or numbers. */
const FEW_LINES = 6;

export const OPENING_WORDS = '大会|安全理事会|人权理事会|经济及社会理事会|经社理事会';
const OPENING_IN_LINE = new RegExp(`(?:^|(?<=[\\s.．]))(?:#+\\s*)?(?:\\*\\*)?(?:${OPENING_WORDS})(?:\\*\\*)?\\s*[，,]`, 'g');
/** A line that is the opening (as the parser's OPENING reads it). */
const OPENING_LINE = new RegExp(`^\\s*(?:#+\\s*)?(?:\\*\\*)?(?:${OPENING_WORDS})(?:\\*\\*)?\\s*[，,]?\\s*$`);
/** After a title number, joined without a space: `58/241.小武器……问题大会，重申`. */
const OPENING_AFTER_TITLE = new RegExp(`^\\s*(?:(?:ES-|S-)?[0-9]{1,4}\\/[0-9]{1,4}|[0-9]{1,4}\\s*[(（][IVXL]{1,8}[)）])\\s*[.．][^，,；;。]{1,200}?(?=(?:${OPENING_WORDS})\\s*[，,])`);
const TITLE_IN_LINE = /(?<=\s)(?:(?:ES-|S-)?[0-9]{1,4}\/[0-9]{1,4}|[0-9]{1,4}\s*[(（][IVXL]{1,8}[)）])\s*[.．]\s/g;
/** A Security Council's title, a line of its own: `第 1540 (2004) 号决议`. */
const SC_TITLE_IN_LINE = /(?<=^|\s)第\s*[0-9]{1,4}\s*[(（]\s*[0-9]{4}\s*[)）]\s*号决议(?=\s)/g;
const OPERATIVE_AT = /^(?:\*\*)?([0-9０-９]{1,3})\s*[.．、](?![0-9])/;
const CLOSING_PART = '第\\s*[0-9０-９〇零一二三四五六七八九十百千]{1,6}\\s*次(?:全体)?会议|[0-9０-９〇零一二三四五六七八九]{4}\\s*年';
const NOTES = '注\\s*[：:]';
const CLOSING_AT = new RegExp(`^(?:${CLOSING_PART}|${NOTES})`);
/** The next part of a closing, after white space: `第 43 次全体会议 2024 年 12 月 2 日`. */
const CLOSING_IN_LINE = new RegExp(`(?<=\\s|会议|日)(?:${CLOSING_PART})|(?<=[\\s。.]|会议|日)${NOTES}`, 'g');
/** In a `注：` section, the next footnote after the one before it closed: `。2 A/HRC/35/35。`. */
const NEXT_NOTE = /[。.]\s*(?=[0-9]{1,3}(?:[ \t\u3000]|[.．、]\s*)\S)/g;

/** The lines with every flattened one cut into the lines it had (the same array when none is). */
export function splitFlattened(lines: Line[]): Line[] {
  let out: Line[] | undefined;
  let nonBlank = 0;
  for (let i = 0; i < lines.length && nonBlank <= FEW_LINES; i++) if (/\S/.test(lines[i].text)) nonBlank++;
  // Only the first opening counts: once seen, `大会，` opening a line is a line break within a
  // paragraph (`……召开审议\n大会，为期两周……`).
  let opened = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const { cuts, opening }: Cuts = l.text.length < MIN_LENGTH ? NO_CUT : cutsOf(l.text, nonBlank <= FEW_LINES, opened);
    opened ||= opening || OPENING_LINE.test(l.text);
    if (cuts.length === 0) {
      out?.push(l);
      continue;
    }
    out ??= lines.slice(0, i);
    let from = 0;
    for (const at of [...cuts, l.text.length]) {
      out.push({ start: l.start + from, end: l.start + at, text: l.text.slice(from, at), cut: true });
      from = at;
    }
  }
  return out ?? lines;
}

interface Cuts {
  /** Offsets in the line where a new line starts, ascending; none when it was not flattened. */
  cuts: number[];
  /** Whether the line holds the text's opening. */
  opening: boolean;
}

const NO_CUT: Cuts = { cuts: [], opening: false };

/** Where `t` was flattened; `opened`: whether the text's opening came before this line. */
function cutsOf(t: string, fewLines: boolean, opened: boolean): Cuts {
  const cuts: number[] = [];
  let bodyFrom = 0;
  OPENING_IN_LINE.lastIndex = 0;
  const withComma = !opened && hasOpeningComma(t);
  let opening = withComma ? OPENING_IN_LINE.exec(t) : null;
  const afterTitle = opening === null && withComma ? OPENING_AFTER_TITLE.exec(t) : null;
  if (afterTitle) {
    OPENING_IN_LINE.lastIndex = 0;
    opening = OPENING_IN_LINE.exec(t.slice(afterTitle[0].length));
    if (opening) opening.index += afterTitle[0].length;
  }
  if (opening && opening.index + opening[0].length < t.trimEnd().length) {
    TITLE_IN_LINE.lastIndex = 0;
    for (let m; (m = TITLE_IN_LINE.exec(t)) && m.index < opening.index; ) cuts.push(m.index);
    SC_TITLE_IN_LINE.lastIndex = 0;
    for (let m; (m = SC_TITLE_IN_LINE.exec(t)) && m.index < opening.index; ) cuts.push(m.index, m.index + m[0].length);
    if (opening.index > 0) cuts.push(opening.index);
    bodyFrom = opening.index + opening[0].length;
    cuts.push(bodyFrom);
  }
  // In a text of many lines, only a number or a closing after punctuation can cut a line that
  // has no opening: most lines have neither, and a native scan tells so.
  if (!fewLines && cuts.length === 0 && !MAY_CUT.test(t)) return NO_CUT;
  /** Whether the line was joined with white space: some place it was cut at has some. */
  let spacedLine = /^\s/.test(t.slice(bodyFrom, bodyFrom + 1));
  /** Where a verb may open a paragraph (before the operative part), and whether white space precedes it. */
  const verbCuts: [number, boolean][] = [];
  let next = 1;
  let operative = false;
  const start = OPERATIVE_AT.exec(t.slice(bodyFrom).trimStart());
  if (start) {
    operative = true;
    next = Number(halfWidthDigits(start[1])) + 1;
  }
  // One pass over the characters: a line is read for every text of the corpus.
  for (let i = bodyFrom; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // In the operative part, the next number after white space (`；__________ 24-23058 6. 鼓励`:
    // page furniture of a PDF between two paragraphs).
    if (operative && isSpace(c) && isOperativeNumber(t, i + 1, next)) {
      cuts.push(i + 1);
      next++;
      continue;
    }
    const period = c === 0x3002 || (c === 0x2e && (isSpace(t.charCodeAt(i + 1)) || closesAt(t, i)));
    if (!period && c !== 0xff0c && c !== 0x2c && c !== 0xff1b && c !== 0x3b) continue;
    let j = i + 1;
    while (j < t.length && isSpace(t.charCodeAt(j))) j++;
    if (j >= t.length) break;
    // After a footnote marker perhaps (`……的报告，1 审议了`, `……原则,1 1. 注意到`)…
    let at = j;
    const sup = t.startsWith('<sup>', j) ? /^<sup>\s*\d{1,3}\s*<\/sup>/.exec(t.slice(j, j + 20)) : null;
    if (sup) at += sup[0].length;
    else while (at < j + 2 && isMarkerDigit(t.charCodeAt(at))) at++;
    const afterMarker = t.charCodeAt(at);
    const marker = at > j && (isSpace(afterMarker) || (afterMarker >= 0x4e00 && afterMarker < 0xa000) || afterMarker === 0x2a);
    if (!marker) at = j;
    while (marker && at < t.length && isSpace(t.charCodeAt(at))) at++;
    const spaced = j > i + 1 || (marker && isSpace(afterMarker));
    // …the next operative number (`；2. 请`, `，1.着重指出`; one right after the punctuation is
    // the paragraph's number rather than a marker; joined without a space, a marker may touch
    // it: `，51. 鼓励` is marker 5, then 1.)…
    const touching = (k: number) => isDigit(t.charCodeAt(k - 1)) && (k === j + 1 || isDigit(t.charCodeAt(j)));
    const numAt = [j, marker ? at : -1, j + 1, j + 2].find((k) => k >= 0 && (k === j || k === at || touching(k)) && isOperativeNumber(t, k, next)) ?? -1;
    if (numAt >= 0) {
      cuts.push(numAt);
      spacedLine ||= spaced;
      next++;
      operative = true;
      continue;
    }
    // …or a closing line, or a verb.
    // Markdown emphasis around a verb: `，**又回顾**`.
    const e = t.charCodeAt(t.startsWith('**', at) ? at + 2 : at);
    if (period && (isDigit(e) || e === 0x7b2c || e === 0x6ce8 || NUMERAL_CODES.has(e)) && CLOSING_AT.test(t.slice(at, at + 24))) {
      cuts.push(at);
      CLOSING_IN_LINE.lastIndex = at + 1;
      for (let m; (m = CLOSING_IN_LINE.exec(t)); ) cuts.push(m.index);
      const notes = cuts.find((c) => c >= at && /^注/.test(t.slice(c, c + 1)));
      NEXT_NOTE.lastIndex = notes ?? t.length;
      for (let m; (m = NEXT_NOTE.exec(t)); ) cuts.push(m.index + m[0].length);
      break;
    }
    if (!operative && e >= 0x4e00 && e < 0xa000) verbCuts.push([at, spaced]);
  }
  if (!fewLines && cuts.length === 0) return NO_CUT;
  // Verbs are looked up only now, in a line that shows it was flattened, or in a text of few lines.
  const verbAt: [number, boolean][] = [];
  for (const c of verbCuts) {
    const from = t.slice(c[0], c[0] + 12).replace(/^\*\*/, '');
    const verb = matchVerb(from);
    if (!verb) continue;
    verbAt.push(c);
    // `决定：恢复……，承认……。`: a verb and a colon open a single operative paragraph, whose clauses are not cut.
    if (/^(?:\*\*)?[：:]/.test(from.slice(verb.length))) break;
  }
  const spaced = verbAt.filter((c) => c[1]);
  const verbs = spacedLine || spaced.length > 0 ? spaced : verbAt;
  if ((fewLines && verbs.length >= 2) || (verbs.length > 0 && cuts.length > 0)) cuts.push(...verbs.map((c) => c[0]));
  return { cuts: [...new Set(cuts)].filter((c) => c > 0 && c < t.length).sort((a, b) => a - b), opening: opening !== null };
}


/** Punctuation, then a number, or what opens a closing line or `注：`. */
const MAY_CUT = /[，,；;。.]\s*[0-9０-９第注〇零一二三四五六七八九]/;
/** Whether the operative number `next` opens t at `at` (`2.`, `２．`, `2、`). */
function isOperativeNumber(t: string, at: number, next: number): boolean {
  if (!isDigit(t.charCodeAt(at))) return false;
  const num = OPERATIVE_AT.exec(t.slice(at, at + 8));
  return num !== null && Number(halfWidthDigits(num[1])) === next;
}

const NUMERAL_CODES: ReadonlySet<number> = new Set(Array.from('〇零一二三四五六七八九', (c) => c.charCodeAt(0)));

function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/** A digit of a footnote marker after punctuation: ASCII or superscript (`¹²³`, `⁰`–`⁹`). */
function isMarkerDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0xb9 || c === 0xb2 || c === 0xb3 || (c >= 0x2070 && c <= 0x2079);
}

/** Whether a body's name may stand in the line with its comma (`大会，`): 会 then `，` or `,`. */
function hasOpeningComma(t: string): boolean {
  for (let i = t.indexOf('会'); i >= 0; i = t.indexOf('会', i + 1)) {
    let j = i + 1;
    while (j < t.length && (isSpace(t.charCodeAt(j)) || t.charCodeAt(j) === 0x2a)) j++;
    const c = t.charCodeAt(j);
    if (c === 0xff0c || c === 0x2c) return true;
  }
  return false;
}
