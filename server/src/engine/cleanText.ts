// Clean text of a paragraph or footnote: source pieces joined into one line, without Markdown
// emphasis or footnote markers, white space kept only where UN typography has it (between
// Chinese and Arabic numerals or Latin letters). Each clean unit remembers its source offset.
import { FootnoteRef, MappedText, Span } from './model';

const CLOSERS = '，,；;。';
const CJK_PUNCT_CODES: ReadonlySet<number> = new Set(Array.from('，。；：、！？《》〈〉「」『』“”‘’（）【】—…·', (c) => c.charCodeAt(0)));

/** Markdown/HTML footnote markers and emphasis, removed from the clean text. */
const MARKUP = /<sup>\s*([0-9]{1,3})\s*<\/sup>|\[\^([0-9]{1,3})\]|\*\*/g;

/**
 * Footnote numbers glued to the text as PDF extraction leaves them: `》，1 `, `报告6 未经`.
 * A number only counts when a footnote of that number exists, it follows a Chinese character
 * or closing punctuation, and white space or the line end follows it; so `第 24 段`, `目标 16`
 * and `2003年7月` stay text.
 */
const GLUED_MARKER = /(?<=[\u3400-\u9fff》」』）)\]，,。；;、”"])([0-9]{1,2})(?=[ \t\u3000]|$)/g;
const COUNTER_AFTER = /^\s*[年月日号次届段名卷个项条款%]/;

export function isClosingPunct(c: string): boolean {
  return CLOSERS.includes(c);
}

/**
 * Whether text[i] closes a paragraph: `，；。` of either width, or a half-width `.` after what is
 * not a Latin letter, a digit or a space (`临时议程.`, not `Corr.` nor `16.`).
 */
export function closesAt(text: string, i: number): boolean {
  return isClosingPunct(text[i]) || (text[i] === '.' && (i === 0 || (!isAsciiAlnum(text.charCodeAt(i - 1)) && !isSpace(text.charCodeAt(i - 1)))));
}

/** Whether a line of paragraph text ends with closing punctuation, markers and emphasis aside. */
export function endsClosed(text: string): boolean {
  // What the pattern below ends with, before white space: a closer, `>`, `]`, a digit or `*`.
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  const c = i < 0 ? 0 : text.charCodeAt(i);
  if (c === 0xff0c || c === 0x2c || c === 0xff1b || c === 0x3b || c === 0x3002) return true;
  if (c === 0x2e) return closesAt(text, i);
  if (!(c === 0x3e || c === 0x5d || c === 0x2a || (c >= 0x30 && c <= 0x39))) return false;
  return /(?:[，,；;。]|(?<![A-Za-z0-9\s])\.)(?:\s*(?:<sup>\s*\d+\s*<\/sup>|\[\^\d+\]|(?<![0-9])[0-9]{1,2}(?![0-9])|\*\*))*\s*$/.test(text);
}

/** Glued footnote markers in one line of text: [start, end, number], offsets into `text`. */
export function findInlineMarkers(text: string, footnoteNumbers: Set<number>): [number, number, number][] {
  const found: [number, number, number][] = [];
  for (const m of text.matchAll(GLUED_MARKER)) {
    const n = Number(m[1]);
    const at = m.index ?? 0;
    // A number right after closing punctuation is a marker even when the footnote itself was
    // not copied (`……的报告，1`, `……》，1 并确认`); a counted number (`，2 名`) is not.
    if (!footnoteNumbers.has(n) && !isClosingPunct(text[at - 1])) continue;
    if (text[at - 1] === '第' || text[at - 1] === '至') continue;
    if (COUNTER_AFTER.test(text.slice(at + m[1].length))) continue;
    found.push([at, at + m[1].length, n]);
  }
  return found;
}

// Scratch of assembleText, reused across calls (it runs for every paragraph of every corpus file).
let units = new Uint16Array(4096);
let unitOffsets = new Int32Array(4096);

/**
 * Joins source pieces (trimmed lines) into clean text. Text before `bodyStart` (an operative
 * number, a footnote number) is left out. Footnote markers found are pushed onto `refs`; they
 * are looked for in `view`, the source's Simplified form (engine/script.ts: `第 3 號` is no marker).
 */
export function assembleText(
  source: string,
  pieces: Span[],
  bodyStart: number,
  footnoteNumbers: Set<number>,
  refs: FootnoteRef[],
  view = source,
): MappedText {
  let room = 0;
  for (const piece of pieces) room += piece.end - piece.start + 1;
  if (units.length < room) {
    units = new Uint16Array(room * 2);
    unitOffsets = new Int32Array(room * 2);
  }
  let n = 0;
  for (const piece of pieces) {
    const start = Math.max(piece.start, Math.min(bodyStart, piece.end));
    if (start >= piece.end) continue;
    if (n > 0) {
      units[n] = 0x20; // the line break, kept or dropped below like any white space
      unitOffsets[n] = unitOffsets[n - 1];
      n++;
    }
    const text = source.slice(start, piece.end);
    const removed = removals(view === source ? text : view.slice(start, piece.end), footnoteNumbers, start, refs);
    let r = 0;
    for (let i = 0; i < text.length; i++) {
      while (r < removed.length && removed[r][1] <= i) r++;
      if (r < removed.length && removed[r][0] <= i) continue;
      units[n] = text.charCodeAt(i);
      unitOffsets[n++] = start + i;
    }
  }
  return collapseSpaces(units, unitOffsets, n);
}

/** Ranges of `text` to leave out, sorted; markers among them are recorded as refs. */
function removals(text: string, footnoteNumbers: Set<number>, base: number, refs: FootnoteRef[]): [number, number][] {
  const out: [number, number][] = [];
  // Both kinds of marker contain a digit or `*`: most lines have neither.
  if (!/[0-9*]/.test(text)) return out;
  for (const m of text.matchAll(MARKUP)) {
    const at = m.index ?? 0;
    out.push([at, at + m[0].length]);
    const n = m[1] ?? m[2];
    if (n !== undefined) {
      const s = base + at + m[0].indexOf(n);
      refs.push({ number: Number(n), span: { start: s, end: s + n.length } });
    }
  }
  for (const [s, e, n] of findInlineMarkers(text, footnoteNumbers)) {
    out.push([s, e]);
    refs.push({ number: n, span: { start: base + s, end: base + e } });
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** White space (`\s` of a regular expression, which includes U+3000 and U+FEFF), by code unit. */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Folds each run of white space in units[0, n) into one space where UN typography keeps one,
 * else none. Works in place: the output is never longer than what is left to read.
 */
function collapseSpaces(chars: Uint16Array, offs: Int32Array, n: number): MappedText {
  const offsets: number[] = [];
  let out = 0;
  let i = 0;
  while (i < n) {
    if (!isSpace(chars[i])) {
      offsets.push(offs[i]);
      chars[out++] = chars[i++];
      continue;
    }
    const runStart = offs[i];
    while (i < n && isSpace(chars[i])) i++;
    if (out > 0 && i < n && keepsSpace(chars[out - 1], chars[i])) {
      offsets.push(runStart);
      chars[out++] = 0x20;
    }
  }
  let text = '';
  for (let at = 0; at < out; at += 8192) text += String.fromCharCode.apply(null, chars.subarray(at, Math.min(out, at + 8192)) as never);
  return { text, offsets };
}

function keepsSpace(before: number, after: number): boolean {
  if (CJK_PUNCT_CODES.has(before) || CJK_PUNCT_CODES.has(after)) return false;
  return isAsciiAlnum(before) || isAsciiAlnum(after);
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
