// Repeats within a draft (`repeat` findings): each paragraph against the earlier paragraphs of
// the same draft, on an echo index of the draft's own paragraphs. A `RepeatFinder` is kept per
// open document: when an edit leaves a paragraph's search provably unaffected, the next run
// hands back its earlier answer instead of searching again.
//
// When an answer still holds. The search of paragraph i on an index of the whole draft (one
// document, paragraph keys = positions, later paragraphs excluded) depends on: the texts of
// paragraphs 0..i; the number of paragraphs (`live` in the fingerprint weights); and, through
// the weights and the stock mask (a fingerprint in ≥ 8 paragraphs of a one-document index is
// common wording, COMMON in index.ts), on pdf(t) — the number of paragraphs holding
// fingerprint t — for every k-gram t of paragraph i and of its candidates (earlier
// paragraphs). An edit that changes paragraphs C, and nothing else (same number of
// paragraphs), changes pdf only for the fingerprints in Δ = ⋃ fp(before) △ fp(after) over C.
// So paragraph i ∉ C keeps its answer when
//   (a) it has no k-gram in Δ (its look-ups weigh and skip as before), and
//   (b) no earlier paragraph that changed (by its fingerprints before or after the edit), or
//       that holds a k-gram of Δ, has a fingerprint among the k-grams of paragraph i: such a
//       paragraph was no candidate and is none now (a candidate shares fingerprints with the
//       query), so the candidates are the same unchanged paragraphs, with the same weights
//       and stock masks, in the same order: the same answer.
// Anything else (paragraphs added or removed, other settings, many paragraphs changed, a
// paragraph not reached before a run was stopped) is searched again. Fingerprints are the
// winnowing picks but built-in stock k-grams, as in the index; k-grams are all of them (a
// superset of what a query looks up). test/fuzz/repeats.test.ts checks over random edits that
// the answers are those of a search from scratch, and that dropping (a) or (b) shows. This
// reads the matcher as it is (index.ts, echo.ts): a change to what a search depends
// on must keep those tests passing, or change the conditions here.
import { CorpusParagraph, EchoIndex, EchoMatch, YieldNow } from './echo';
import { FingerprintIndex } from './index';
import { normalizedText } from './normalize';
import { isStockKgram } from './stock';
import { prints } from './winnow';

/**
 * What a repeat search reads of a draft paragraph (a parser's `Paragraph` is one): its body's
 * text and the length of its opening verb's prefix. Runs tell paragraphs apart by identity.
 */
export interface Paragraph {
  body: { text: string };
  verb?: { prefix: string };
}

/** Beyond this many changed paragraphs an edit searches every paragraph again. */
const MAX_CHANGED = 8;
/** Beyond this many suspects (see carryOver) the paragraphs after are searched again. */
const MAX_SUSPECTS = 64;

interface Entry {
  /** `<verb prefix length>|<text>`: the paragraph as the index sees it. */
  key: string;
  text: string;
  prefix?: number;
  /** Made when an edit is checked (a first run, or a hover's, never needs them). */
  hashes?: Hashes;
  /** The search's answer, once made in this run or carried over. */
  matches?: EchoMatch[];
}

interface Hashes {
  /** Every k-gram hash of the normalised text, sorted, distinct. */
  kgrams: Uint32Array;
  /** The winnowing picks' hashes but built-in stock k-grams, sorted, distinct. */
  fingerprints: Uint32Array;
}

export interface RepeatOptions {
  limit: number;
  threshold: number;
}

/** One version of the draft: `matches(i)` is paragraph i's repeats, best first. */
export interface RepeatRun {
  matches(i: number): EchoMatch[];
  /**
   * Makes the index of the draft's paragraphs that matches() searches, in slices between which
   * `yieldNow` is awaited (most of a second for a draft of 100,000 lines); matches() makes it in
   * one go otherwise.
   */
  prepare(yieldNow: YieldNow): Promise<void>;
  /** Paragraphs whose answer was carried over from the run before (for tests and benchmarks). */
  readonly reused: number;
}

/** The runs of one set of options (`limit|threshold`). */
interface State {
  entries: Entry[];
  /** The last run and its paragraphs: asked again for the same parsed draft, it is the answer. */
  last?: { paras: readonly Paragraph[]; run: RepeatRun };
}

/** Option sets kept: the diagnostics' and the hovers' limits, and a threshold changed once or twice. */
const MAX_OPTION_SETS = 4;

export class RepeatFinder {
  private readonly states = new Map<string, State>();
  /** The index of the last paragraphs run, which every option set searches. */
  private index?: { paras: readonly Paragraph[]; index: Promise<EchoIndex> | EchoIndex };

  run(paras: readonly Paragraph[], opts: RepeatOptions): RepeatRun {
    const options = `${opts.limit}|${opts.threshold}`;
    let state = this.states.get(options);
    if (!state) {
      this.states.set(options, (state = { entries: [] }));
      if (this.states.size > MAX_OPTION_SETS) this.states.delete(this.states.keys().next().value!);
    }
    if (state.last && sameParagraphs(state.last.paras, paras)) {
      // The same run, every answer it has made so far carried over.
      const { matches, prepare } = state.last.run;
      return { matches, prepare, reused: state.entries.filter((e) => e.matches).length };
    }
    const run = newRun(state, paras, opts, this.indexOf(paras));
    state.last = { paras, run };
    return run;
  }

  /** Whether the draft index of `paras` is made: a search of them would not make it in one step. */
  indexed(paras: readonly Paragraph[]): boolean {
    return this.index !== undefined && sameParagraphs(this.index.paras, paras) && this.index.index instanceof EchoIndex;
  }

  /** The draft index of `paras`: made at the first search, or ahead with `yieldNow`. */
  private indexOf(paras: readonly Paragraph[]): DraftIndex {
    const held = () => (this.index && sameParagraphs(this.index.paras, paras) ? this.index.index : undefined);
    return {
      now: () => {
        const index = held();
        if (index instanceof EchoIndex) return index;
        // Not made, or being made in slices (an unlikely search meanwhile): made here, in one go.
        const made = draftIndex(paras);
        this.index = { paras, index: made };
        return made;
      },
      prepare: async (yieldNow) => {
        if (held()) return void (await held());
        const index = new FingerprintIndex();
        const making = index.addSliced('draft', draftParagraphs(paras), yieldNow).then(() => new EchoIndex(index));
        this.index = { paras, index: making };
        const made = await making;
        if (this.index?.index === making) this.index = { paras, index: made };
      },
    };
  }
}

interface DraftIndex {
  now(): EchoIndex;
  prepare(yieldNow: YieldNow): Promise<void>;
}

function newRun(state: State, paras: readonly Paragraph[], opts: RepeatOptions, draft: DraftIndex): RepeatRun {
  const before = state.entries;
  const byKey = new Map(before.map((e) => [e.key, e]));
  const entries: Entry[] = paras.map((p) => {
    const key = `${p.verb?.prefix.length ?? 0}|${p.body.text}`;
    return { key, text: p.body.text, prefix: p.verb?.prefix.length, hashes: byKey.get(key)?.hashes };
  });
  state.entries = entries;

  const changed: number[] = [];
  if (before.length === entries.length) {
    for (let i = 0; i < entries.length && changed.length <= MAX_CHANGED; i++) if (entries[i].key !== before[i].key) changed.push(i);
  }
  if (before.length === entries.length && changed.length <= MAX_CHANGED) carryOver(before, entries, changed);

  let index: EchoIndex | undefined;
  let reused = 0;
  for (const e of entries) if (e.matches) reused++;
  return {
    reused,
    prepare: (yieldNow) => (entries.every((e) => e.matches) ? Promise.resolve() : draft.prepare(yieldNow)),
    matches: (i) => {
      const e = entries[i];
      if (!e.matches) {
        index ??= draft.now();
        const p = paras[i];
        e.matches = index.findEchoes(p.body.text, {
          verbPrefixLength: p.verb?.prefix.length,
          threshold: opts.threshold,
          limit: opts.limit,
          // Only earlier paragraphs count: the later one of two alike is the repeat.
          exclude: (_, k) => Number(k) >= i,
        });
      }
      return e.matches.slice();
    },
  };
}

/** The same paragraph objects (of one parse) in the same order. */
function sameParagraphs(a: readonly Paragraph[], b: readonly Paragraph[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Carries the answers of `before` over to the paragraphs of `after` that conditions (a) and (b) leave untouched. */
function carryOver(before: Entry[], after: Entry[], changed: number[]): void {
  // Nothing changed: Δ is empty and nothing is suspect, every answer holds (and no hashing is needed).
  if (changed.length === 0) {
    for (let i = 0; i < after.length; i++) after[i].matches = before[i].matches;
    return;
  }
  const isChanged = new Set(changed);
  const delta = new Set<number>();
  for (const k of changed) {
    const a = hashesOf(before[k]).fingerprints;
    const b = hashesOf(after[k]).fingerprints;
    for (const h of a) if (!has(b, h)) delta.add(h);
    for (const h of b) if (!has(a, h)) delta.add(h);
  }
  // Earlier paragraphs that may no longer be the candidates they were: the changed ones (by
  // their fingerprints before and after) and the unchanged ones holding a k-gram of Δ.
  const suspects: Uint32Array[] = [];
  const deltaHashes = [...delta];
  for (let i = 0; i < after.length; i++) {
    if (isChanged.has(i)) {
      suspects.push(hashesOf(before[i]).fingerprints, hashesOf(after[i]).fingerprints);
      continue;
    }
    const e = after[i];
    const { kgrams, fingerprints } = hashesOf(e);
    const dirty = deltaHashes.some((h) => has(kgrams, h));
    if (!dirty && before[i].matches && !suspects.some((fp) => meets(fp, kgrams))) e.matches = before[i].matches;
    if (dirty) suspects.push(fingerprints);
    // Wording the edit touched is everywhere (a draft of near-identical paragraphs): checking
    // each paragraph against all of them would cost more than searching the rest again.
    if (suspects.length > MAX_SUSPECTS) return;
  }
}

/** Whether a hash of `xs` is in the sorted `sorted`. */
function meets(xs: Uint32Array, sorted: Uint32Array): boolean {
  for (const h of xs) if (has(sorted, h)) return true;
  return false;
}

function hashesOf(e: Entry): Hashes {
  if (e.hashes) return e.hashes;
  const pr = prints(normalizedText(e.text, { skipPrefix: e.prefix }));
  // What the index holds of the paragraph: its picks but built-in stock k-grams, which neither
  // the index nor a query looks at.
  const fingerprints = Uint32Array.from([...pr.picks].map((at) => pr.hashes[at]).filter((h) => !isStockKgram(h)));
  return (e.hashes = { kgrams: distinctSorted(pr.hashes), fingerprints: distinctSorted(fingerprints) });
}

function distinctSorted(xs: Uint32Array): Uint32Array {
  const s = Uint32Array.from(xs).sort();
  let n = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[n - 1]) s[n++] = s[i];
  return s.subarray(0, n);
}

/** Binary search in a sorted array. */
function has(sorted: Uint32Array, h: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid];
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The draft's own paragraphs, keyed by position. */
function draftIndex(paras: readonly Paragraph[]): EchoIndex {
  const index = new FingerprintIndex();
  index.add('draft', draftParagraphs(paras));
  return new EchoIndex(index);
}

function draftParagraphs(paras: readonly Paragraph[]): CorpusParagraph[] {
  return paras.map((p, i) => ({ key: String(i), text: p.body.text, verbPrefixLength: p.verb?.prefix.length }));
}
