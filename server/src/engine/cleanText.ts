// Clean text of a paragraph or footnote: source pieces joined into one line, without Markdown
// emphasis or footnote markers, white space kept only where UN typography has it (between
// Chinese and Arabic numerals or Latin letters). Each clean unit remembers its source offset.
import { FootnoteRef, MappedText, Span } from './model';

const CLOSERS = '，,；;。';
const CJK_PUNCT = /[，。；：、！？《》〈〉「」『』“”‘’（）【】—…·]/;
const ASCII_ALNUM = /[A-Za-z0-9]/;
const SPACE = /[\s\u3000\ufeff]/;

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

/** Whether a line of paragraph text ends with closing punctuation, markers and emphasis aside. */
export function endsClosed(text: string): boolean {
  return /[，,；;。](?:\s*(?:<sup>\s*\d+\s*<\/sup>|\[\^\d+\]|(?<![0-9])[0-9]{1,2}(?![0-9])|\*\*))*\s*$/.test(text);
}

/** Glued footnote markers in one line of text: [start, end, number], offsets into `text`. */
export function findInlineMarkers(text: string, footnoteNumbers: Set<number>): [number, number, number][] {
  const found: [number, number, number][] = [];
  for (const m of text.matchAll(GLUED_MARKER)) {
    const n = Number(m[1]);
    const at = m.index ?? 0;
    if (!footnoteNumbers.has(n)) continue;
    if (text[at - 1] === '第' || text[at - 1] === '至') continue;
    if (COUNTER_AFTER.test(text.slice(at + m[1].length))) continue;
    found.push([at, at + m[1].length, n]);
  }
  return found;
}

/**
 * Joins source pieces (trimmed lines) into clean text. Text before `bodyStart` (an operative
 * number, a footnote number) is left out. Footnote markers found are pushed onto `refs`.
 */
export function assembleText(
  source: string,
  pieces: Span[],
  bodyStart: number,
  footnoteNumbers: Set<number>,
  refs: FootnoteRef[],
): MappedText {
  const chars: string[] = [];
  const offs: number[] = [];
  for (const piece of pieces) {
    const start = Math.max(piece.start, Math.min(bodyStart, piece.end));
    if (start >= piece.end) continue;
    if (chars.length) {
      chars.push(' '); // the line break, kept or dropped below like any white space
      offs.push(offs[offs.length - 1]);
    }
    const text = source.slice(start, piece.end);
    const removed = removals(text, footnoteNumbers, start, refs);
    let r = 0;
    for (let i = 0; i < text.length; i++) {
      while (r < removed.length && removed[r][1] <= i) r++;
      if (r < removed.length && removed[r][0] <= i) continue;
      chars.push(text[i]);
      offs.push(start + i);
    }
  }
  return collapseSpaces(chars, offs);
}

/** Ranges of `text` to leave out, sorted; markers among them are recorded as refs. */
function removals(text: string, footnoteNumbers: Set<number>, base: number, refs: FootnoteRef[]): [number, number][] {
  const out: [number, number][] = [];
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

/** Folds each run of white space into one space where UN typography keeps one, else none. */
function collapseSpaces(chars: string[], offs: number[]): MappedText {
  // Units are collected in an array and joined once: reading the last unit of a string being
  // built with `+=` flattens it each time, which made long paragraphs with many spaces quadratic.
  const out: string[] = [];
  const offsets: number[] = [];
  let i = 0;
  while (i < chars.length) {
    if (!SPACE.test(chars[i])) {
      out.push(chars[i]);
      offsets.push(offs[i]);
      i++;
      continue;
    }
    const runStart = i;
    while (i < chars.length && SPACE.test(chars[i])) i++;
    const before = out[out.length - 1];
    const after = chars[i];
    if (before !== undefined && after !== undefined && keepsSpace(before, after)) {
      out.push(' ');
      offsets.push(offs[runStart]);
    }
  }
  return { text: out.join(''), offsets };
}

function keepsSpace(before: string, after: string): boolean {
  if (CJK_PUNCT.test(before) || CJK_PUNCT.test(after)) return false;
  return ASCII_ALNUM.test(before) || ASCII_ALNUM.test(after);
}
