// Normalisation of paragraph text for reuse detection, with a map back to the input.
//
// Two texts that a drafter would call "the same wording" must normalise to the same string:
// full/half-width punctuation, digits and letters are unified, whitespace is dropped
// (`2023 年` = `2023年`), Traditional characters read as Simplified (回顧 = 回顾, engine/script.ts), and numbers, dates and document symbols become one placeholder
// character each, so `第 78/46 号决议` and `第 71/48 号决议` read as the same template.

import { simplifiedTable } from '../script';

/** Placeholder characters (Unicode private use area), one per kind of token. */
export const PLACEHOLDER = {
  number: '\uE000',
  /** An ordinal in Chinese numerals, `七十三` in `第七十三届`: a number too. */
  ordinal: '\uE000',
  date: '\uE001',
  /** A session/number pair as in `第 78/46 号决议`, `第 56/24 V 号`. */
  resolution: '\uE002',
  /** A document symbol such as `A/CONF.192/15`, `A/RES/78/46`. */
  symbol: '\uE003',
} as const;

export interface Normalized {
  /** The normalised text. */
  text: string;
  /** start[i], end[i]: the input range [start, end) that produced text[i]. */
  start: Int32Array;
  end: Int32Array;
  /** Input index where the normalised text begins (after the skipped verb prefix). */
  origin: number;
}

export interface NormalizeOptions {
  /**
   * Number of input characters to skip at the start: the length of the verb's 又/还 prefix,
   * so that `又强调……` and `强调……` compare equal.
   */
  skipPrefix?: number;
}

/** The character code compared for input code `c`, or −1 when it is dropped (whitespace). */
function foldCode(c: number): number {
  if (c >= 0x4e00 && c < 0xa000) return c; // CJK ideographs, the bulk of the text
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0; // full-width ASCII forms
  switch (c) {
    case 0x3002: // 。
    case 0xff61: // ｡
      return 0x2e;
    case 0x201c: // “
    case 0x201d: // ”
      return 0x22;
    case 0x2018: // ‘
    case 0x2019: // ’
      return 0x27;
    case 0x85:
    case 0xa0:
    case 0xad:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x2060:
    case 0x3000:
    case 0xfeff:
      return -1;
  }
  if (c <= 0x20 || (c >= 0x2000 && c <= 0x200d)) return -1;
  return c;
}

// Applied to the folded text (half-width, no whitespace). Order matters: dates and symbols
// before bare numbers. A symbol part is alphanumeric with inner dots, so a final `.` (。) stays out.
const SEG = '[A-Za-z0-9]+(?:\\.[A-Za-z0-9]+)*';
const CHINESE_NUMERALS = '〇零一二三四五六七八九十百千两';
const DI = 0x7b2c; // 第
const NUMERAL_CODES: ReadonlySet<number> = new Set(Array.from(CHINESE_NUMERALS, (c) => c.charCodeAt(0)));
const TOKEN = new RegExp(
  [
    `(?<date>\\d{4}年\\d{1,2}月\\d{1,2}日)`,
    `(?<symbol>(?<![A-Za-z0-9])[A-Z](?:\\.\\d+)?(?:/${SEG}){2,})`,
    `(?<resolution>\\d+/\\d+(?:[A-Z](?![A-Za-z]))?)`,
    `(?<number>\\d+(?:[.,]\\d+)*)`,
    // Session and conference ordinals in Chinese numerals: 第七十三届 = 第八十届, 第四次 = 第五次.
    `(?<=第)(?<ordinal>[${CHINESE_NUMERALS}]{1,6})(?=届|次)`,
  ].join('|'),
  'g',
);

const CLOSING = new Set([0x2c, 0x3b, 0x2e]); // , ; .

// Scratch buffers reused across calls (normalisation runs for every corpus paragraph).
let codes = new Uint16Array(4096);
let from = new Int32Array(4096);

function asString(c: Uint16Array, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, c.subarray(i, Math.min(n, i + 8192)) as never);
  return s;
}

/** Normalises `input` for comparison; see the file comment. */
export function normalize(input: string, opts: NormalizeOptions = {}): Normalized {
  const origin = Math.max(0, Math.min(opts.skipPrefix ?? 0, input.length));
  const { n, tokens } = fold(input, origin);
  let start = from.subarray(0, n);
  let end: Int32Array | undefined;
  let text = asString(codes, n);
  if (tokens) {
    const out: string[] = [];
    const s: number[] = [];
    const e: number[] = [];
    let at = 0;
    const copyUpTo = (stop: number) => {
      out.push(text.slice(at, stop));
      for (let i = at; i < stop; i++) s.push(from[i]), e.push(from[i] + 1);
    };
    for (const m of text.matchAll(TOKEN)) {
      copyUpTo(m.index!);
      out.push(PLACEHOLDER[tokenKind(m)]);
      at = m.index! + m[0].length;
      s.push(from[m.index!]), e.push(from[at - 1] + 1);
    }
    copyUpTo(n);
    text = out.join('');
    start = Int32Array.from(s);
    end = Int32Array.from(e);
  }
  const len = withoutClosing(text.length, (i) => text.charCodeAt(i));
  text = text.slice(0, len);
  start = start.slice(0, len);
  end = end ? end.slice(0, len) : start.map((x) => x + 1);
  return { text, start, end, origin };
}

/** The text of normalize(input, opts), without the maps. */
export function normalizedText(input: string, opts: NormalizeOptions = {}): string {
  const c = normalizedCodes(input, opts);
  return asString(c, c.length);
}

/**
 * The UTF-16 units of normalizedText(input, opts), without making the string when the text has
 * no token (most paragraphs): a view of a scratch buffer, valid until the next call.
 */
export function normalizedCodes(input: string, opts: NormalizeOptions = {}): Uint16Array {
  const origin = Math.max(0, Math.min(opts.skipPrefix ?? 0, input.length));
  let { n, tokens } = fold(input, origin);
  if (tokens) {
    // Written over codes in place: a placeholder is never longer than its token.
    const text = asString(codes, n);
    let w = 0;
    let at = 0;
    for (const m of text.matchAll(TOKEN)) {
      for (let i = at; i < m.index!; i++) codes[w++] = text.charCodeAt(i);
      codes[w++] = PLACEHOLDER[tokenKind(m)].charCodeAt(0);
      at = m.index! + m[0].length;
    }
    for (let i = at; i < n; i++) codes[w++] = text.charCodeAt(i);
    n = w;
  }
  return codes.subarray(0, withoutClosing(n, (i) => codes[i]));
}

/**
 * Pass 1: input[origin…] folded into codes[0, n) (from[] holding each unit's input index),
 * whitespace dropped; `tokens` when a number or a Chinese ordinal (第七十三) may need a placeholder.
 */
function fold(input: string, origin: number): { n: number; tokens: boolean } {
  if (codes.length < input.length) {
    codes = new Uint16Array(input.length * 2);
    from = new Int32Array(input.length * 2);
  }
  const simplified = simplifiedTable();
  let n = 0;
  let tokens = false;
  let prev = -1;
  for (let i = origin; i < input.length; i++) {
    const c = foldCode(simplified[input.charCodeAt(i)]);
    if (c < 0) continue;
    codes[n] = c;
    from[n++] = i;
    if ((c >= 0x30 && c <= 0x39) || (prev === DI && NUMERAL_CODES.has(c))) tokens = true;
    prev = c;
  }
  return { n, tokens };
}

function tokenKind(m: RegExpMatchArray): keyof typeof PLACEHOLDER {
  return Object.keys(m.groups!).find((g) => m.groups![g] !== undefined) as keyof typeof PLACEHOLDER;
}

/** The length without the closing `，` / `；` / `。`, which depends on the paragraph's place, not its wording. */
function withoutClosing(len: number, at: (i: number) => number): number {
  while (len > 0 && CLOSING.has(at(len - 1))) len--;
  return len;
}

/**
 * The input range covered by normalised range [a, b). An empty range maps to an empty
 * input range right after the preceding normalised character.
 */
export function inputRange(n: Normalized, a: number, b: number): [number, number] {
  if (b > a) return [n.start[a], n.end[b - 1]];
  const at = a > 0 ? n.end[a - 1] : n.text.length > 0 ? n.start[0] : n.origin;
  return [at, at];
}
