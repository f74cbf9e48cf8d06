// Echo detection: which corpus paragraphs does a draft paragraph reuse wording from?
//
// Pipeline: normalise (normalize.ts) → character k-grams, winnowed (winnow.ts) → candidate
// paragraphs from the inverted index, ranked by shared fingerprint weight (index.ts) → for
// each distinct candidate text whose score could still make the list (ScoreBound),
// Smith–Waterman alignment in up to three disjoint segments (align.ts) → score and kind
// (below) → edit script mapped back to the original strings.
//
// ## Scoring and calibration
//
// Characters are weighted 1, or stockWeight = 0.15 when they are stock wording: inside a
// built-in stock phrase (stock.ts) or covered by a fingerprint common in the corpus
// (index.ts, COMMON). draftShare = weight of the draft's characters aligned to identical
// characters / weight of the whole draft; sourceShare the same on the source side.
//
//   score = 0.7 · draftShare + 0.3 · sourceShare      (1 when the normalised texts are equal)
//
// The draft share leads: the question is how much of what is being written is old wording.
// The source share tells a revision of a paragraph from a draft that only borrows part of it,
// and lifts a draft that contains a whole earlier paragraph (two paragraphs merged).
// A match needs ≥ 8 identical non-stock characters (minInformative) and is
//   verbatim  when identical characters are ≥ 98 % of both normalised texts (numbers, dates
//             and symbols compare as placeholders, so `第 78/46 号` = `第 71/48 号`);
//   revised   when draftShare ≥ 0.5 and sourceShare ≥ 0.5 ("most of both align");
//   partial   when ≥ 40 normalised characters are identical, ≥ 20 of them non-stock, and
//             draftShare ≥ 0.3 or sourceShare ≥ 0.5 (a long part reused, either way round);
// and nothing otherwise. Matches below score 0.3 (the default threshold) are dropped, which
// only binds partial matches: a few whole paragraphs inside a 200 KB one score about 0.3.
//
// Calibrated on:
// - Hand-made drafts from 72/57 paragraphs (test/unit/match.test.ts), best match and score:
//   punctuation made half-width and spaces added PP16 verbatim 1.00; 又 added PP17 verbatim
//   1.00; 视为 → 作为 PP4 verbatim 0.97; numbers and dates changed PP1 verbatim 1.00; a
//   22-character clause added OP19 revised 0.77 (draft 0.68, source 1.00); a clause dropped
//   PP18 revised 0.90 (1.00 / 0.68); clauses reordered OP15 revised 0.83 in 2 segments;
//   PP12 split in two: partial 0.83 (1.00 / 0.45) and revised 0.76 (0.86 / 0.54); three
//   paragraphs made of stock phrases only: no candidate at all (their k-grams are not
//   indexed); a new paragraph (79/40 OP27 拯救生命实体基金): nothing.
// - The seeds, each 79/40 paragraph against the 72/57 ones (crudely split, 59 against 44):
//   all 36 paragraphs revised from a 72/57 paragraph get it as best match (6 verbatim,
//   28 revised, 2 partial: OP13 ← OP9 with a long clause added, 0.46 / 0.98, and OP15 ← OP11,
//   0.50 / 0.38; scores 0.47–1.00, median 0.88). The other 23 get no match: the new ones
//   (PP8 妇女参与, PP19 三维打印, OP27 拯救生命实体基金, OP30–34, PP10 and OP24 研究金
//   培训方案, ...) and four rewrites that keep little beyond stock names (PP20 秘书长的报告,
//   PP22 常规武器转让, OP7 and OP9 on the review conferences). With every threshold off, the
//   best of those 23 reaches 0.56 (PP7 ↔ OP7: `……至……日在纽约` and the conference's name);
//   minInformative and partialInformative reject it.
// - Margins on the seeds: the outcome above holds for stockWeight 0.05–0.4, minInformative
//   4–10, partialInformative 15–25, revised 0.4–0.5, partialChars 30–40 and score 0.2–0.4.
//   It breaks at minInformative 12 (PP14 verbatim has only 10 non-stock characters),
//   partialInformative 10 (OP7 flagged for the date-and-place template), revised 0.55,
//   partialChars 50 or score 0.5 (OP15 missed).

import { Run, Segment, alignSegments, editScript, globalScript, tidy } from './align';
import { normalizeParagraph } from './fingerprints';
import { CorpusParagraph, ExcludeFn, FingerprintIndex } from './index';
export { documentPrints } from './fingerprints';
import { Normalized, PLACEHOLDER, inputRange, normalize } from './normalize';
import { K, Prints, prints } from './winnow';

export type { DocumentPrints } from './fingerprints';
export type { CorpusParagraph, ExcludeFn, IndexStats } from './index';
export type { YieldNow } from './slices';

/** The caller's id of a corpus paragraph. */
export interface ParagraphKey {
  doc: string;
  paragraph: string;
}

export type EchoKind = 'verbatim' | 'revised' | 'partial';

/**
 * One run of the edit script from source to draft, in indices of the ORIGINAL strings
 * (`draft`: the text given to findEchoes, `source`: the paragraph text given to
 * FingerprintIndex.add). `insert` is draft-only text (draft range non-empty, source range
 * empty at the insertion point), `delete` source-only text. The script covers the compared text of
 * both paragraphs, in order: after a skipped verb prefix, before the closing punctuation;
 * whitespace between two runs belongs to neither. A number, date or symbol that the
 * comparison treats as equal but that is written differently is reported as `replace`.
 */
export interface DiffOp {
  op: 'equal' | 'insert' | 'delete' | 'replace';
  draft: [number, number];
  source: [number, number];
}

export interface EchoMatch {
  key: ParagraphKey;
  /** 0..1, see the file comment. */
  score: number;
  kind: EchoKind;
  /** Share of the draft's wording (stock wording discounted) found in the source. */
  draftShare: number;
  /** Share of the source's wording found in the draft. */
  sourceShare: number;
  /** Identical characters aligned (normalised text). */
  reused: number;
  /** Original-string ranges enclosing all reused regions. */
  draftSpan: [number, number];
  sourceSpan: [number, number];
  /** The reused regions (best first): clauses reordered or a split paragraph give several. */
  segments: { draft: [number, number]; source: [number, number] }[];
  diff: DiffOp[];
  /** The source paragraph's text as added, which `sourceSpan` and `diff` index into. */
  sourceText: string;
}

export interface FindOptions {
  /** Length of the draft verb's 又/还 prefix, skipped when comparing. */
  verbPrefixLength?: number;
  /** Leave out corpus paragraphs, e.g. the draft's own paragraph and those after it. */
  exclude?: ExcludeFn;
  /** Most matches returned (default 5). */
  limit?: number;
  /** Lowest score returned (default THRESHOLDS.score). */
  threshold?: number;
  /**
   * Align the draft with every corpus paragraph instead of the index's candidates: the exact
   * method the index stands in for, slow (a check of the index, not for an editor).
   */
  exhaustive?: boolean;
}

export const THRESHOLDS = Object.freeze({
  /** Weight of a character of stock wording relative to other wording. */
  stockWeight: 0.15,
  /** Identical non-stock characters needed for any match... */
  minInformative: 8,
  /** ...and for a partial one. */
  partialInformative: 20,
  /** Identity (unweighted, both sides) from which a match is verbatim. */
  verbatim: 0.98,
  /** Draft and source shares from which a match is a revision. */
  revised: 0.5,
  /** Identical characters, and draft or source share, for a partial match. */
  partialChars: 40,
  partialDraftShare: 0.3,
  partialSourceShare: 0.5,
  /** Default lowest score. */
  score: 0.3,
});

/** Weight of the draft share in the score; the rest is the source share. */
const DRAFT_SIDE = 0.7;
/**
 * Distinct candidate texts aligned for a search returning `limit` matches. The index ranks by
 * shared fingerprints, which orders close variants of a paragraph only roughly: on a generated
 * corpus of revised copies (test/unit/scaledIndex.test.ts) the best match agrees with an
 * alignment against every paragraph for 24 of 25 drafts with 4·limit + 5 texts; with limit + 5,
 * even a paragraph carried over as it is can miss its best source.
 */
const CANDIDATE_TEXTS = (limit: number) => 4 * limit + 5;
/** Slack for floating-point sums when a bound is set against a score: never prunes a tie. */
const BOUND_SLACK = 1e-9;
/** Beyond this many normalised characters a draft is aligned once per candidate. */
const LONG_DRAFT = 8000;
/**
 * findEchoes remembers its answers for this many (paragraph text, options) pairs, least
 * recently used dropped first, until the index's revision moves (a document added or
 * removed): while a draft is typed, only the paragraph being edited is searched again (a
 * search is up to tens of milliseconds on a corpus of tens of thousands of resolutions).
 * Texts longer than LONG_DRAFT are not kept.
 */
const MEMO_ENTRIES = 4096;
/** What rememberAtLeast may raise the memo to: a draft at the size limit has ~20,000 paragraphs. */
const MAX_MEMO_ENTRIES = 32768;

/** An answer of FindOptions.exclude that a remembered result depended on. */
interface ExcludeAnswer {
  doc: string;
  paragraph: string;
  excluded: boolean;
}

interface Memo {
  asked: ExcludeAnswer[];
  matches: EchoMatch[];
}

interface Side {
  n: Normalized;
  weights: Float32Array;
  total: number;
}

interface Assessment {
  kind: EchoKind;
  score: number;
  draftShare: number;
  sourceShare: number;
  reused: number;
  segments: Segment[];
  /** The edit script, computed once for all sources with this normalised text. */
  runs?: Run[];
}

/**
 * The searches of a fingerprint index (index.ts), which the caller fills and changes directly:
 * findEchoes and the memo of its answers.
 */
export class EchoIndex {
  /** Remembered findEchoes answers, found at the index's revision memoRevision; see MEMO_ENTRIES. */
  private memo = new Map<string, Memo>();
  private memoEntries = MEMO_ENTRIES;
  private memoRevision: number;

  constructor(private readonly index: FingerprintIndex) {
    this.memoRevision = index.revision;
  }

  /**
   * Keeps at least `answers` findEchoes answers (up to MAX_MEMO_ENTRIES) from now on: a draft's
   * searches made by its diagnostics (features/echo.ts echoFindings) stay remembered for its hovers and
   * earlier-wording requests, however many paragraphs it has.
   */
  rememberAtLeast(answers: number): void {
    this.memoEntries = Math.max(this.memoEntries, Math.min(answers, MAX_MEMO_ENTRIES));
  }

  /** Corpus paragraphs whose wording the draft paragraph `text` reuses, best first. */
  findEchoes(text: string, opts: FindOptions = {}): EchoMatch[] {
    const limit = opts.limit ?? 5;
    const threshold = opts.threshold ?? THRESHOLDS.score;
    // A remembered answer holds when the index is unchanged (the memo is emptied when its
    // revision moves) and `exclude` still answers as it did for the paragraphs it was asked
    // about: the search depends on nothing else.
    if (this.memoRevision !== this.index.revision) {
      this.memo.clear();
      this.memoRevision = this.index.revision;
    }
    const memoKey = text.length <= LONG_DRAFT && !opts.exhaustive ? `${opts.verbPrefixLength ?? 0}|${limit}|${threshold}|${text}` : undefined;
    const hit = memoKey === undefined ? undefined : this.memo.get(memoKey);
    if (hit && hit.asked.every((q) => (opts.exclude?.(q.doc, q.paragraph) ?? false) === q.excluded)) {
      this.memo.delete(memoKey!);
      this.memo.set(memoKey!, hit);
      return hit.matches.slice();
    }
    const asked: ExcludeAnswer[] = [];
    const exclude: ExcludeFn = (doc, paragraph) => {
      const excluded = opts.exclude?.(doc, paragraph) ?? false;
      asked.push({ doc, paragraph, excluded });
      return excluded;
    };
    const qn = normalize(text, { skipPrefix: opts.verbPrefixLength });
    if (qn.text.length < K || limit <= 0) return [];
    const qp = prints(qn.text);
    const draft = this.side(qn, qp);
    const candidates = opts.exhaustive ? this.index.everyParagraph(exclude) : this.index.candidates(qp, CANDIDATE_TEXTS(limit), exclude, limit);

    // Each text is normalised and each normalised text aligned once, however many paragraphs
    // have it; and only when it could still make the list: its score's upper bound (ScoreBound)
    // reaches the threshold and the `limit`-th best score found so far (`best`, ascending).
    // Candidates come best-ranked first, so on an archive of close variants the first few
    // alignments set the bar and the rest are bounded out: the answer is the same as aligning
    // every candidate, since a pruned one scores below `limit` scores already found.
    const assessed = new Map<string, Assessment | null>();
    const groups = new Map<number, { a: Assessment | null; sn: Normalized }>();
    const found: { a: Assessment; doc: string; p: CorpusParagraph; sn: Normalized }[] = [];
    const bound = new ScoreBound(draft);
    const best: number[] = [];
    for (const c of candidates) {
      let g = groups.get(c.group);
      if (!g) {
        const sn = normalizeParagraph(c.paragraph);
        let a = assessed.get(sn.text);
        if (a === undefined) {
          const bar = Math.max(threshold, best.length >= limit ? best[best.length - limit] : 0);
          const source = this.side(sn);
          // A pruned text stays pruned: the bar only rises.
          a = opts.exhaustive || bound.reaches(source, bar - BOUND_SLACK) ? this.assess(draft, source) : null;
          assessed.set(sn.text, a);
        }
        groups.set(c.group, (g = { a, sn }));
      }
      if (g.a && g.a.score >= threshold) {
        found.push({ a: g.a, doc: c.doc, p: c.paragraph, sn: g.sn });
        insertSorted(best, g.a.score, limit);
      }
    }
    const matches = found
      .sort((x, y) => y.a.score - x.a.score)
      .slice(0, limit)
      .map((f) => toMatch(f.a, text, qn, f.doc, f.p, f.sn));
    if (memoKey !== undefined) {
      if (this.memo.size >= this.memoEntries) this.memo.delete(this.memo.keys().next().value!);
      this.memo.set(memoKey, { asked, matches: matches.slice() });
    }
    return matches;
  }

  private side(n: Normalized, p: Prints = prints(n.text)): Side {
    const weights = new Float32Array(n.text.length).fill(1);
    const stock = this.index.stockMask(p.hashes);
    for (let i = 0; i < stock.length; i++) if (stock[i]) weights.fill(THRESHOLDS.stockWeight, i, i + K);
    let total = 0;
    for (const w of weights) total += w;
    return { n, weights, total };
  }

  private assess(draft: Side, source: Side): Assessment | null {
    const dn = draft.n;
    const sn = source.n;
    const segments = alignSegments(dn.text, sn.text, dn.text.length > LONG_DRAFT ? 1 : 3);
    if (segments.length === 0) return null;
    let identical = 0;
    let informative = 0;
    let reusedDraft = 0;
    let reusedSource = 0;
    for (const s of segments) {
      for (const r of s.runs) {
        if (r.op !== 'equal') continue;
        for (let i = r.a[0], j = r.b[0]; i < r.a[1]; i++, j++) {
          const wa = draft.weights[i];
          const wb = source.weights[j];
          identical++;
          reusedDraft += wa;
          reusedSource += wb;
          if (wa === 1 && wb === 1) informative++;
        }
      }
    }
    if (informative < THRESHOLDS.minInformative) return null;
    const draftShare = reusedDraft / draft.total;
    const sourceShare = reusedSource / source.total;
    const T = THRESHOLDS;
    const verbatim = identical >= T.verbatim * Math.max(dn.text.length, sn.text.length);
    const revised = draftShare >= T.revised && sourceShare >= T.revised;
    const partial =
      identical >= T.partialChars &&
      informative >= T.partialInformative &&
      (draftShare >= T.partialDraftShare || sourceShare >= T.partialSourceShare);
    const kind: EchoKind | null = verbatim ? 'verbatim' : revised ? 'revised' : partial ? 'partial' : null;
    if (!kind) return null;
    const score = dn.text === sn.text ? 1 : DRAFT_SIDE * draftShare + (1 - DRAFT_SIDE) * sourceShare;
    return { kind, score, draftShare, sourceShare, reused: identical, segments };
  }
}

/** Keeps `xs` ascending with at most `size` elements, the largest. */
function insertSorted(xs: number[], x: number, size: number): void {
  if (xs.length >= size && x <= xs[0]) return;
  let i = xs.length;
  while (i > 0 && xs[i - 1] > x) i--;
  xs.splice(i, 0, x);
  if (xs.length > size) xs.shift();
}

/**
 * An upper bound on the score of a draft against any source, from the characters they have in
 * common, before aligning them: each identical pair an alignment finds joins a draft and a
 * source character that are the same (segments do not overlap on either side), so per
 * character at most min(count in the draft, count in the source) pairs, each weighing at most
 * the heaviest of its occurrences. A bound below what a candidate needs (the threshold, the
 * scores already found; minInformative for the informative pairs) means it cannot make the
 * list. Counting is linear in the two lengths; the alignment it saves is their product.
 */
class ScoreBound {
  /** Per character code of the draft: occurrences of weight 1, and of stock weight. */
  private readonly plain = new Map<number, number>();
  private readonly stock = new Map<number, number>();

  constructor(private readonly draft: Side) {
    const t = draft.n.text;
    for (let i = 0; i < t.length; i++) {
      const m = draft.weights[i] === 1 ? this.plain : this.stock;
      const c = t.charCodeAt(i);
      m.set(c, (m.get(c) ?? 0) + 1);
    }
  }

  /** Whether `source` could score `bar` or more (and have minInformative informative pairs). */
  reaches(source: Side, bar: number): boolean {
    const dn = this.draft.n.text;
    const sn = source.n.text;
    if (dn === sn) return true;
    const plain = new Map<number, number>();
    const stock = new Map<number, number>();
    for (let i = 0; i < sn.length; i++) {
      const m = source.weights[i] === 1 ? plain : stock;
      const c = sn.charCodeAt(i);
      m.set(c, (m.get(c) ?? 0) + 1);
    }
    const w = Math.fround(THRESHOLDS.stockWeight); // as Side.weights holds it
    let draftWeight = 0;
    let sourceWeight = 0;
    let informative = 0;
    const codes = new Set([...plain.keys(), ...stock.keys()]);
    for (const c of codes) {
      const d1 = this.plain.get(c) ?? 0;
      const d = d1 + (this.stock.get(c) ?? 0);
      if (d === 0) continue;
      const s1 = plain.get(c) ?? 0;
      const pairs = Math.min(d, s1 + (stock.get(c) ?? 0));
      draftWeight += Math.min(pairs, d1) + Math.max(0, pairs - d1) * w;
      sourceWeight += Math.min(pairs, s1) + Math.max(0, pairs - s1) * w;
      informative += Math.min(d1, s1, pairs);
    }
    if (informative < THRESHOLDS.minInformative) return false;
    return DRAFT_SIDE * Math.min(1, draftWeight / this.draft.total) + (1 - DRAFT_SIDE) * Math.min(1, sourceWeight / source.total) >= bar;
  }
}

function toMatch(a: Assessment, text: string, qn: Normalized, doc: string, p: CorpusParagraph, sn: Normalized): EchoMatch {
  const segments = a.segments.map((s) => ({ draft: inputRange(qn, s.aStart, s.aEnd), source: inputRange(sn, s.bStart, s.bEnd) }));
  return {
    key: { doc, paragraph: p.key },
    score: a.score,
    kind: a.kind,
    draftShare: a.draftShare,
    sourceShare: a.sourceShare,
    reused: a.reused,
    draftSpan: hull(segments.map((s) => s.draft)),
    sourceSpan: hull(segments.map((s) => s.source)),
    segments,
    diff: toDiff(script(a, qn, sn), text, qn, p.text, sn),
    sourceText: p.text,
  };
}

function hull(ranges: [number, number][]): [number, number] {
  return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
}

const PLACEHOLDERS = new Set<string>(Object.values(PLACEHOLDER));

/**
 * The edit script in normalised indices: for a verbatim or revised match a global alignment
 * of the two paragraphs (local alignment would leave a changed word near an end, with the
 * identical text after it, outside the aligned region); for a partial one the reused
 * segments in order with the text around them.
 */
function script(a: Assessment, qn: Normalized, sn: Normalized): Run[] {
  if (!a.runs) {
    const global = a.kind === 'partial' ? null : globalScript(qn.text, sn.text);
    a.runs = tidy(global ?? editScript(a.segments, qn.text.length, sn.text.length));
  }
  return a.runs;
}

/** The edit script in original indices; equal placeholders written differently become replace. */
function toDiff(runs: Run[], text: string, qn: Normalized, source: string, sn: Normalized): DiffOp[] {
  const out: DiffOp[] = [];
  const push = (equal: boolean, a0: number, a1: number, b0: number, b1: number) => {
    const draft = inputRange(qn, a0, a1);
    const src = inputRange(sn, b0, b1);
    const last = out[out.length - 1];
    if (last && !equal && last.op !== 'equal') {
      last.draft[1] = draft[1];
      last.source[1] = src[1];
      last.op = last.draft[0] === last.draft[1] ? 'delete' : last.source[0] === last.source[1] ? 'insert' : 'replace';
    } else if (last && equal && last.op === 'equal') {
      last.draft[1] = draft[1];
      last.source[1] = src[1];
    } else {
      const op = equal ? 'equal' : draft[0] === draft[1] ? 'delete' : src[0] === src[1] ? 'insert' : 'replace';
      out.push({ op, draft, source: src });
    }
  };
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  for (const r of runs) {
    if (r.op !== 'equal') {
      push(false, r.a[0], r.a[1], r.b[0], r.b[1]);
      continue;
    }
    for (let i = r.a[0], j = r.b[0]; i < r.a[1]; i++, j++) {
      const same =
        !PLACEHOLDERS.has(qn.text[i]) ||
        squeeze(text.slice(qn.start[i], qn.end[i])) === squeeze(source.slice(sn.start[j], sn.end[j]));
      push(same, i, i + 1, j, j + 1);
    }
  }
  return out;
}
