// Character k-gram hashing and winnowing (Schleimer, Wilkerson, Aiken 2003, "Winnowing: local
// algorithms for document fingerprinting", the algorithm behind MOSS). No word segmentation:
// Chinese text is fingerprinted on characters of the normalised text.
//
// Choice of k and w. A Chinese word is about 1.5 characters, so a 6-character k-gram spans
// 3–4 words: long enough that chance matches between unrelated paragraphs are rare outside
// the stock phrases (which are down-weighted separately), short enough that a light revision
// (视为 → 作为, a swapped word every dozen characters) still leaves most k-grams intact.
// Winnowing with window w guarantees that any shared run of at least w + k − 1 = 11
// characters (a short clause) yields a shared fingerprint, while storing only about
// 2/(w + 1) ≈ 0.29 fingerprints per character. w ≤ k also means consecutive picks are at most
// k apart, so the picks inside a long common run cover every character of its interior;
// echo.ts relies on that to recognise stock wording character by character.

export const K = 6;
export const W = 6;

/** A text's k-gram hashes and the positions winnowing picks among them. */
export interface Prints {
  /** hashes[i] = hash of text[i, i + K); empty when the text is shorter than K. */
  hashes: Uint32Array;
  /** Positions (into hashes) of the selected fingerprints, increasing, no repeats. */
  picks: Int32Array;
}

/** Murmur3 finaliser: spreads the bits so that minima over a window behave as random picks. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Rolling polynomial hash (mod 2^32) over the k UTF-16 units of each k-gram, then mixed. */
export function kgramHashes(text: string, k = K): Uint32Array {
  const n = text.length - k + 1;
  if (n <= 0) return new Uint32Array(0);
  const B = 0x01000193;
  let top = 1; // B^(k-1)
  for (let j = 1; j < k; j++) top = Math.imul(top, B);
  const out = new Uint32Array(n);
  let h = 0;
  for (let j = 0; j < k - 1; j++) h = (Math.imul(h, B) + text.charCodeAt(j)) | 0;
  for (let i = 0; i < n; i++) {
    h = (Math.imul(h, B) + text.charCodeAt(i + k - 1)) | 0;
    out[i] = mix(h);
    h = (h - Math.imul(text.charCodeAt(i), top)) | 0;
  }
  return out;
}

/**
 * Winnowing: in every window of w consecutive hashes pick the minimum (the rightmost one on
 * ties) and record each position once. A text with fewer than w hashes yields its minimum.
 */
export function winnow(hashes: Uint32Array, w = W): Int32Array {
  const n = hashes.length;
  if (n === 0) return new Int32Array(0);
  const picks: number[] = [];
  const last = Math.max(0, n - w);
  let min = -1;
  for (let s = 0; s <= last; s++) {
    const e = Math.min(n, s + w);
    if (min < s) {
      min = s;
      for (let i = s + 1; i < e; i++) if (hashes[i] <= hashes[min]) min = i;
    } else if (hashes[e - 1] <= hashes[min]) {
      min = e - 1;
    }
    if (picks.length === 0 || picks[picks.length - 1] !== min) picks.push(min);
  }
  return Int32Array.from(picks);
}

export function prints(text: string): Prints {
  const hashes = kgramHashes(text);
  return { hashes, picks: winnow(hashes) };
}

// Scratch of pickedHashes, reused across calls (it runs for every corpus paragraph).
let ring = new Uint32Array(W);
let picked = new Uint32Array(1024);

/**
 * The hashes at the positions winnow(kgramHashes(text)) picks, in order, for the text whose
 * UTF-16 units are `text`, computed in one pass without the intermediate arrays (a ring of the
 * last W hashes). The result is a view of a scratch buffer, valid until the next call.
 */
export function pickedHashes(text: Uint16Array): Uint32Array {
  const n = text.length - K + 1;
  if (n <= 0) return picked.subarray(0, 0);
  if (picked.length < n) picked = new Uint32Array(n * 2);
  if (ring.length !== W) ring = new Uint32Array(W);
  const B = 0x01000193;
  let top = 1;
  for (let j = 1; j < K; j++) top = Math.imul(top, B);
  let h = 0;
  for (let j = 0; j < K - 1; j++) h = (Math.imul(h, B) + text[j]) | 0;
  let count = 0;
  let min = -1;
  let minHash = 0;
  let lastPick = -1;
  for (let i = 0; i < n; i++) {
    h = (Math.imul(h, B) + text[i + K - 1]) | 0;
    const x = mix(h);
    ring[i % W] = x;
    h = (h - Math.imul(text[i], top)) | 0;
    const s = i - W + 1; // the window [s, i] is complete
    if (s < 0) continue;
    if (min < s) {
      // Rescan the window for its rightmost minimum.
      min = s;
      minHash = ring[s % W];
      for (let j = s + 1; j <= i; j++) {
        const y = ring[j % W];
        if (y <= minHash) {
          min = j;
          minHash = y;
        }
      }
    } else if (x <= minHash) {
      min = i;
      minHash = x;
    }
    if (min !== lastPick) {
      picked[count++] = minHash;
      lastPick = min;
    }
  }
  if (n < W) {
    // One short window: its rightmost minimum.
    let m = 0;
    for (let j = 1; j < n; j++) if (ring[j] <= ring[m]) m = j;
    picked[count++] = ring[m];
  }
  return picked.subarray(0, count);
}
