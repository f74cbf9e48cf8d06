// Character-level alignment with affine gaps (Gotoh's recurrences) between a normalised
// draft paragraph `a` and a normalised corpus paragraph `b`: local (Smith–Waterman) to find
// the reused regions, global (Needleman–Wunsch) for the edit script of a revision.
//
// Memory: two score rows plus one traceback byte per cell, and the DP is capped at
// MAX_CELLS cells (paragraphs are up to ~1,000 characters, a draft a few thousand). Beyond
// the cap both sides are cropped to the window where their shared k-grams are densest, so
// a 200 KB paragraph costs one bounded DP per candidate instead of gigabytes.

import { K } from './winnow';

export type EditOp = 'equal' | 'insert' | 'delete' | 'replace';

/** A run of the edit script in normalised coordinates: `insert` is text only in a (the draft). */
export interface Run {
  op: EditOp;
  a: [number, number];
  b: [number, number];
}

export interface Segment {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  /** Aligned pairs of identical characters. */
  identical: number;
  runs: Run[];
}

const MATCH = 2;
const MISMATCH = -3;
/** A gap of length L costs GAP_OPEN + (L − 1) · GAP_EXTEND. */
const GAP_OPEN = 5;
const GAP_EXTEND = 1;
const MAX_CELLS = 1 << 22;
/** Longest corpus side kept when cropping. */
const MAX_SIDE = 2048;
const NEG = -(1 << 29);

/** Masked characters never match anything (a and b use different values). */
const MASK_A = -1;
const MASK_B = -2;

function codes(s: string): Int32Array {
  const out = new Int32Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Best local alignment of a and b, or null when nothing matches. */
function localAlign(a: Int32Array, b: Int32Array): Segment | null {
  if (a.length * b.length <= MAX_CELLS) return gotoh(a, b, true);
  const w = cropWindow(a, b);
  if (!w) return null;
  const s = gotoh(a.subarray(w.a0, w.a1), b.subarray(w.b0, w.b1), true);
  if (!s) return null;
  const shift = (r: [number, number], d: number): [number, number] => [r[0] + d, r[1] + d];
  return {
    aStart: s.aStart + w.a0,
    aEnd: s.aEnd + w.a0,
    bStart: s.bStart + w.b0,
    bEnd: s.bEnd + w.b0,
    identical: s.identical,
    runs: s.runs.map((r) => ({ op: r.op, a: shift(r.a, w.a0), b: shift(r.b, w.b0) })),
  };
}

/**
 * Gotoh's affine-gap DP. Local (Smith–Waterman): scores floor at 0 and the alignment is the
 * best-scoring region. Global (Needleman–Wunsch): the whole of a against the whole of b.
 * Ties prefer gaps, which places a gap after equal text rather than before it, so an
 * inserted clause `特别是……，` keeps its closing comma.
 */
function gotoh(a: Int32Array, b: Int32Array, local: boolean): Segment | null {
  const n = a.length;
  const m = b.length;
  if (local && (n === 0 || m === 0)) return null;
  const edge = (len: number) => (local || len === 0 ? 0 : -GAP_OPEN - (len - 1) * GAP_EXTEND);
  // dir bits: 0–1 where H came from (0 start, 1 diagonal, 2 E, 3 F); 4 E extends; 8 F extends.
  const dir = new Uint8Array(n * m);
  const H = new Int32Array(m + 1);
  for (let j = 1; j <= m; j++) H[j] = edge(j);
  const F = new Int32Array(m + 1).fill(NEG);
  let best = 0;
  let bi = 0;
  let bj = 0;
  for (let i = 1; i <= n; i++) {
    const ai = a[i - 1];
    const row = (i - 1) * m - 1;
    let diag = edge(i - 1);
    let left = edge(i);
    let E = NEG;
    for (let j = 1; j <= m; j++) {
      let d = 0;
      const eOpen = left - GAP_OPEN;
      const eExt = E - GAP_EXTEND;
      if (eExt >= eOpen) {
        E = eExt;
        d = 4;
      } else E = eOpen;
      const up = H[j];
      const fOpen = up - GAP_OPEN;
      let f = F[j] - GAP_EXTEND;
      if (f >= fOpen) d |= 8;
      else f = fOpen;
      F[j] = f;
      let h = diag + (ai === b[j - 1] ? MATCH : MISMATCH);
      let src = 1;
      if (E >= h) {
        h = E;
        src = 2;
      }
      if (f >= h) {
        h = f;
        src = 3;
      }
      if (local && h <= 0) {
        h = 0;
        src = 0;
      }
      diag = up;
      H[j] = h;
      left = h;
      dir[row + j] = d | src;
      if (h > best) {
        best = h;
        bi = i;
        bj = j;
      }
    }
  }
  if (local && best === 0) return null;
  if (!local) {
    bi = n;
    bj = m;
  }

  // Traceback, collecting steps backwards: 0 pair, 1 a only, 2 b only.
  const steps: number[] = [];
  let i = bi;
  let j = bj;
  let state = 0; // 0 H, 2 E, 3 F
  while (i > 0 && j > 0) {
    const d = dir[(i - 1) * m + j - 1];
    if (state === 0) {
      const src = d & 3;
      if (src === 0) break;
      if (src === 1) {
        steps.push(0);
        i--;
        j--;
      } else state = src;
    } else if (state === 2) {
      steps.push(2);
      j--;
      if (!(d & 4)) state = 0;
    } else {
      steps.push(1);
      i--;
      if (!(d & 8)) state = 0;
    }
  }
  if (!local) {
    for (; i > 0; i--) steps.push(1);
    for (; j > 0; j--) steps.push(2);
  }
  steps.reverse();
  return toSegment(a, b, i, j, steps);
}

/**
 * An edit script of the whole of a against the whole of b (global alignment), or null when
 * the texts are too long for the DP cap.
 */
export function globalScript(a: string, b: string): Run[] | null {
  if (a === b) return same(a.length);
  if (a.length * b.length > MAX_CELLS) return null;
  return gotoh(codes(a), codes(b), false)!.runs;
}

function toSegment(a: Int32Array, b: Int32Array, aStart: number, bStart: number, steps: number[]): Segment {
  const runs: Run[] = [];
  let x = aStart;
  let y = bStart;
  let identical = 0;
  const push = (equal: boolean, nx: number, ny: number) => {
    const last = runs[runs.length - 1];
    if (last && (last.op === 'equal') === equal) {
      last.a[1] = nx;
      last.b[1] = ny;
    } else runs.push({ op: equal ? 'equal' : 'replace', a: [x, nx], b: [y, ny] });
  };
  for (const s of steps) {
    if (s === 0) {
      const eq = a[x] === b[y];
      if (eq) identical++;
      push(eq, x + 1, y + 1);
      x++;
      y++;
    } else if (s === 1) {
      push(false, x + 1, y);
      x++;
    } else {
      push(false, x, y + 1);
      y++;
    }
  }
  for (const r of runs) if (r.op !== 'equal') r.op = changeOp(r.a, r.b);
  return { aStart, aEnd: x, bStart, bEnd: y, identical, runs };
}

function same(n: number): Run[] {
  return n > 0 ? [{ op: 'equal', a: [0, n], b: [0, n] }] : [];
}

function changeOp(a: [number, number], b: [number, number]): EditOp {
  if (a[1] === a[0]) return 'delete';
  if (b[1] === b[0]) return 'insert';
  return 'replace';
}

/**
 * Up to `max` disjoint local alignments, best first: after each one both aligned regions
 * are masked and the rest realigned, so reordered clauses and a paragraph split in two are
 * found piece by piece. Extra segments need `minIdentical` identical characters.
 */
export function alignSegments(a: string, b: string, max = 3, minIdentical = 10): Segment[] {
  if (a === b && a.length > 0) {
    return [{ aStart: 0, aEnd: a.length, bStart: 0, bEnd: b.length, identical: a.length, runs: same(a.length) }];
  }
  const ca = codes(a);
  const cb = codes(b);
  const out: Segment[] = [];
  let freeA = ca.length;
  let freeB = cb.length;
  while (out.length < max && freeA >= minIdentical && freeB >= minIdentical) {
    const s = localAlign(ca, cb);
    if (!s || (out.length > 0 && s.identical < minIdentical)) break;
    out.push(s);
    ca.fill(MASK_A, s.aStart, s.aEnd);
    cb.fill(MASK_B, s.bStart, s.bEnd);
    freeA -= s.aEnd - s.aStart;
    freeB -= s.bEnd - s.bStart;
  }
  return out;
}

/**
 * An edit script over the whole of a (length n) and b (length m): the segments that keep
 * both texts in order (the first segment always; others when consistent with it), with
 * the text between and around them as insert/delete/replace runs.
 */
export function editScript(segments: Segment[], n: number, m: number): Run[] {
  const chain: Segment[] = [];
  for (const s of segments) {
    const at = chain.findIndex((c) => c.aStart >= s.aEnd);
    const before = at < 0 ? chain[chain.length - 1] : chain[at - 1];
    const after = at < 0 ? undefined : chain[at];
    const fits = (!before || (before.aEnd <= s.aStart && before.bEnd <= s.bStart)) && (!after || s.bEnd <= after.bStart);
    if (fits) chain.splice(at < 0 ? chain.length : at, 0, s);
  }
  const runs: Run[] = [];
  let x = 0;
  let y = 0;
  const gap = (nx: number, ny: number) => {
    if (nx > x || ny > y) runs.push({ op: changeOp([x, nx], [y, ny]), a: [x, nx], b: [y, ny] });
  };
  for (const s of chain) {
    gap(s.aStart, s.bStart);
    for (const r of s.runs) runs.push({ op: r.op, a: [...r.a], b: [...r.b] });
    x = s.aEnd;
    y = s.bEnd;
  }
  gap(n, m);
  return runs;
}

/**
 * Merges adjacent changes and absorbs a single equal character stranded between two
 * changes: `[各→]国[→家执行努力]` reads better as `[各国→国家执行努力]`.
 */
export function tidy(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const n = out.length;
    const island = n >= 2 && out[n - 2].op !== 'equal' && out[n - 1].op === 'equal' && out[n - 1].a[1] - out[n - 1].a[0] === 1;
    if (r.op !== 'equal' && island) out.pop();
    const last = out[out.length - 1];
    if (last && last.op !== 'equal' && r.op !== 'equal') {
      last.a = [last.a[0], r.a[1]];
      last.b = [last.b[0], r.b[1]];
      last.op = changeOp(last.a, last.b);
    } else out.push({ op: r.op, a: [...r.a], b: [...r.b] });
  }
  return out;
}

/** k-gram hashes over codes (masked positions included: they simply never match). */
function hashes(c: Int32Array): Int32Array {
  const out = new Int32Array(Math.max(0, c.length - K + 1));
  for (let i = 0; i < out.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + K; j++) h = Math.imul(h ^ c[j], 0x01000193);
    out[i] = h;
  }
  return out;
}

/** The densest [start, start + width) over sorted positions, centred on its points. */
function densest(pos: number[], width: number, length: number): [number, number] {
  let bestLo = 0;
  let bestCount = 0;
  for (let lo = 0, hi = 0; hi < pos.length; hi++) {
    while (pos[hi] - pos[lo] >= width) lo++;
    if (hi - lo + 1 > bestCount) {
      bestCount = hi - lo + 1;
      bestLo = lo;
    }
  }
  const span = pos[bestLo + bestCount - 1] + K - pos[bestLo];
  const start = Math.max(0, Math.min(length - width, pos[bestLo] - Math.max(0, (width - span) >> 1)));
  return [start, Math.min(length, start + width)];
}

/** Windows of a and b around their shared k-grams whose product fits MAX_CELLS. */
function cropWindow(a: Int32Array, b: Int32Array): { a0: number; a1: number; b0: number; b1: number } | null {
  const inB = new Map<number, number>();
  const hb = hashes(b);
  for (let j = 0; j < hb.length; j++) if (!inB.has(hb[j])) inB.set(hb[j], j);
  const ha = hashes(a);
  const anchors: [number, number][] = [];
  for (let i = 0; i < ha.length; i++) {
    const j = inB.get(ha[i]);
    if (j !== undefined) anchors.push([i, j]);
  }
  if (anchors.length === 0) return null;
  const wb = Math.min(b.length, MAX_SIDE);
  const [b0, b1] = densest(anchors.map((p) => p[1]).sort((x, y) => x - y), wb, b.length);
  const wa = Math.min(a.length, Math.floor(MAX_CELLS / (b1 - b0)));
  const inWindow = anchors.filter((p) => p[1] >= b0 && p[1] < b1).map((p) => p[0]);
  const [a0, a1] = densest(inWindow, wa, a.length);
  return { a0, a1, b0, b1 };
}
