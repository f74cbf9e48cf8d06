// Which paragraph of the draft is which paragraph of the predecessor, moved ones included.
//
// Similarity is the Dice coefficient of the character bigrams of the two texts normalised as the
// echo search does (whitespace and width folded; dates, numbers and symbols as placeholders), so
// a technical update is as similar as an unchanged paragraph; or, when the smaller text stands
// almost whole, in one piece, inside the larger (a paragraph cut down to its first clause, or
// grown by a clause), the share of it that does. In one piece: a short paragraph's words are
// often all found scattered over a long one (请秘书长…报告 in a paragraph that ends so). Pairs are made in two passes:
// 1. in order: the chain of pairs, increasing in both texts, with the greatest total
//    similarity (a dynamic programme, like a longest common subsequence), among pairs that are
//    similar enough and close to the best either paragraph has anywhere;
// 2. out of order: what is left, most similar first.
// A pair is `moved` when it is not on the heaviest chain increasing in both texts of all pairs.
import { normalizedText } from '../match/normalize';

export interface AlignedPair {
  /** Index into the draft's paragraphs. */
  draft: number;
  /** Index into the predecessor's paragraphs. */
  predecessor: number;
  similarity: number;
  moved: boolean;
}

/**
 * The least similarity of two paragraphs taken for versions of one another. On the seed chain
 * (58/241 → 61/66 → 72/57 → 79/40) revised paragraphs score 0.5–1, while the best partner of a
 * paragraph a human reads as new scores at most ~0.4: paragraphs of one field share its formulas
 * (《行动纲领》, 小武器和轻武器非法贸易, 从各个方面防止、打击和消除). In between (0.4–0.5) lie
 * rewrites a reader may call either, such as a short paragraph grown to three times its length;
 * they come out as one dropped and one new paragraph.
 */
export const MIN_SIMILARITY = 0.45;
/** The share of a text found in one piece in another from which it counts as cut from, or grown into, it. */
const CONTAINED = 0.8;
/** ...if it has at least this many bigrams: a two-word paragraph is in every other one. */
const CONTAINED_MIN = 8;
/** The substring search's work at most (characters × characters): two paragraphs of 2,000 characters. */
const MAX_SUBSTRING_WORK = 4_000_000;
/** A pair is eligible only if neither paragraph has a partner this much more similar elsewhere. */
const MARGIN = 0.15;

export function alignParagraphs(draft: readonly string[], predecessor: readonly string[]): AlignedPair[] {
  const d = draft.map(grams);
  const p = predecessor.map(grams);
  const sim = d.map((a) => p.map((b) => likeness(a, b)));
  const bestD = sim.map((row) => Math.max(0, ...row));
  const bestP = p.map((_, j) => Math.max(0, ...sim.map((row) => row[j])));
  const eligible = (i: number, j: number) =>
    sim[i][j] >= MIN_SIMILARITY && sim[i][j] >= bestD[i] - MARGIN && sim[i][j] >= bestP[j] - MARGIN;

  const pairs = heaviestChain(draft.length, predecessor.length, (i, j) => (eligible(i, j) ? sim[i][j] : 0));
  const takenD = new Set(pairs.map(([i]) => i));
  const takenP = new Set(pairs.map(([, j]) => j));
  const rest: [number, number][] = [];
  for (let i = 0; i < draft.length; i++) for (let j = 0; j < predecessor.length; j++) if (eligible(i, j)) rest.push([i, j]);
  rest.sort((a, b) => sim[b[0]][b[1]] - sim[a[0]][a[1]] || a[0] - b[0] || a[1] - b[1]);
  for (const [i, j] of rest) {
    if (takenD.has(i) || takenP.has(j)) continue;
    pairs.push([i, j]);
    takenD.add(i);
    takenP.add(j);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const inOrder = increasingChain(pairs, (k) => sim[pairs[k][0]][pairs[k][1]]);
  return pairs.map(([i, j], k) => ({ draft: i, predecessor: j, similarity: sim[i][j], moved: !inOrder.has(k) }));
}

/** The pairs (i, j), increasing in both, of greatest total weight (weight 0: not a pair). */
function heaviestChain(n: number, m: number, weight: (i: number, j: number) => number): [number, number][] {
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const w = weight(i - 1, j - 1);
      best[i][j] = Math.max(best[i - 1][j], best[i][j - 1], w > 0 ? best[i - 1][j - 1] + w : 0);
    }
  }
  const out: [number, number][] = [];
  for (let i = n, j = m; i > 0 && j > 0; ) {
    if (best[i][j] === best[i - 1][j]) i--;
    else if (best[i][j] === best[i][j - 1]) j--;
    else out.push([--i, --j]);
  }
  return out.reverse();
}

/** Indices of the heaviest subsequence of `pairs` (sorted by draft index) increasing in predecessor index. */
function increasingChain(pairs: readonly [number, number][], weight: (k: number) => number): Set<number> {
  const total: number[] = [];
  const prev: number[] = [];
  for (let k = 0; k < pairs.length; k++) {
    total[k] = weight(k);
    prev[k] = -1;
    for (let l = 0; l < k; l++) {
      if (pairs[l][1] < pairs[k][1] && total[l] + weight(k) > total[k]) {
        total[k] = total[l] + weight(k);
        prev[k] = l;
      }
    }
  }
  const chain = new Set<number>();
  let k = total.indexOf(Math.max(...total));
  for (; k >= 0; k = prev[k]) chain.add(k);
  return chain;
}

interface Grams {
  /** The normalised text. */
  text: string;
  bigrams: Set<number>;
}

function grams(text: string): Grams {
  const t = normalizedText(text);
  const out = new Set<number>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.charCodeAt(i) * 0x10000 + t.charCodeAt(i + 1));
  // A one-character text has no bigram: its character stands for it.
  if (t.length === 1) out.add(t.charCodeAt(0));
  return { text: t, bigrams: out };
}

function sharedCount(small: ReadonlySet<number>, large: ReadonlySet<number>): number {
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared;
}

/** 2|A ∩ B| / (|A| + |B|). */
export function dice(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size + b.size === 0) return 1;
  return (2 * (a.size <= b.size ? sharedCount(a, b) : sharedCount(b, a))) / (a.size + b.size);
}

/** Dice, or the share of the smaller text found in one piece in the larger (see the file comment). */
function likeness(a: Grams, b: Grams): number {
  const [small, large] = a.bigrams.size <= b.bigrams.size ? [a, b] : [b, a];
  const total = small.bigrams.size + large.bigrams.size;
  if (total === 0) return 1;
  const shared = sharedCount(small.bigrams, large.bigrams);
  const d = (2 * shared) / total;
  // Bigrams first: the substring search runs only for the few pairs that may pass.
  if (small.bigrams.size < CONTAINED_MIN || shared < CONTAINED * small.bigrams.size) return d;
  if (small.text.length * large.text.length > MAX_SUBSTRING_WORK) return d;
  const whole = longestCommonSubstring(small.text, large.text) / small.text.length;
  return whole >= CONTAINED ? Math.max(d, whole) : d;
}

/** Length of the longest common substring (dynamic programme over one row). */
function longestCommonSubstring(a: string, b: string): number {
  const row = new Uint32Array(b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = b.length; j >= 1; j--) {
      row[j] = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? row[j - 1] + 1 : 0;
      if (row[j] > best) best = row[j];
    }
  }
  return best;
}

/** Similarity of two paragraph texts as alignParagraphs measures it. */
export function similarity(a: string, b: string): number {
  return likeness(grams(a), grams(b));
}
