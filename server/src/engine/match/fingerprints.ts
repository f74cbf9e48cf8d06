// A corpus paragraph's fingerprints as the index holds them: its distinct winnowing picks but
// built-in stock k-grams, computed per paragraph (paragraphFingerprints) or per document ahead,
// e.g. on a reader thread (documentPrints).
import { Normalized, normalize, normalizedCodes } from './normalize';
import { isStockKgram } from './stock';
import { grow } from './typedArrays';
import { textHash } from './textStore';
import { Prints, pickedHashes } from './winnow';

/** A paragraph's normalised text, its verb's 又/还 prefix skipped. */
export function normalizeParagraph(p: { text: string; verbPrefixLength?: number }): Normalized {
  return normalize(p.text, { skipPrefix: p.verbPrefixLength });
}

// Scratch of paragraphFingerprints: an open-addressing set stamped per call, and the output.
let seenKeys = new Uint32Array(1024);
let seenStamps = new Uint32Array(1024);
let stamp = 0;
let distinct = new Uint32Array(1024);

/**
 * A corpus paragraph's distinct fingerprint hashes, built-in stock k-grams left out, in the
 * order they are first picked: fingerprintSet(prints(normalised text)) without the
 * intermediate arrays and sets. A view of a scratch buffer, valid until the next call.
 */
export function paragraphFingerprints(text: string, verbPrefixLength?: number): Uint32Array {
  const picks = pickedHashes(normalizedCodes(text, { skipPrefix: verbPrefixLength }));
  if (seenKeys.length < picks.length * 2) {
    let cap = seenKeys.length;
    while (cap < picks.length * 2) cap *= 2;
    seenKeys = new Uint32Array(cap);
    seenStamps = new Uint32Array(cap);
    distinct = new Uint32Array(cap);
  }
  if (++stamp === 0xffffffff) {
    seenStamps.fill(0);
    stamp = 1;
  }
  const mask = seenKeys.length - 1;
  let n = 0;
  for (let j = 0; j < picks.length; j++) {
    const h = picks[j];
    let i = h & mask;
    for (; seenStamps[i] === stamp; i = (i + 1) & mask) if (seenKeys[i] === h) break;
    if (seenStamps[i] === stamp || isStockKgram(h)) continue;
    seenStamps[i] = stamp;
    seenKeys[i] = h;
    distinct[n++] = h;
  }
  return distinct.subarray(0, n);
}

/** Distinct fingerprint hashes, built-in stock k-grams left out. */
export function fingerprintSet(p: Prints): number[] {
  const seen = new Set<number>();
  for (const at of p.picks) if (!isStockKgram(p.hashes[at])) seen.add(p.hashes[at]);
  return [...seen];
}

/** Fingerprints computed ahead (documentPrints), e.g. on another thread: what add() would compute. */
export interface DocumentPrints {
  /** Each paragraph's distinct fingerprint hashes (paragraphFingerprints), one after the other. */
  hashes: Uint32Array;
  /** How many of `hashes` each paragraph has. */
  counts: Uint32Array;
  /** Each paragraph's textHash, so that the text table does not hash it again. */
  texts: Uint32Array;
}

/** paragraphFingerprints of each paragraph, as add() takes them. */
export function documentPrints(paragraphs: readonly { text: string; verbPrefixLength?: number }[]): DocumentPrints {
  const counts = new Uint32Array(paragraphs.length);
  const texts = new Uint32Array(paragraphs.length);
  // About 0.2 fingerprints a character: one buffer, grown if need be, trimmed at the end.
  let hashes = new Uint32Array(1024);
  let total = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    texts[i] = textHash(p.text);
    const fps = paragraphFingerprints(p.text, p.verbPrefixLength);
    hashes = grow(hashes, total + fps.length);
    hashes.set(fps, total);
    counts[i] = fps.length;
    total += fps.length;
  }
  return { hashes: hashes.slice(0, total), counts, texts };
}
