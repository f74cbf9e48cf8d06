// Inverted index fingerprint → corpus paragraphs, compact enough for ~1M paragraphs.
//
// Paragraphs are ids into typed arrays (document, text id, verb prefix, fingerprint count), and
// each distinct text is stored once (textStore.ts): a corpus repeats paragraphs from version to
// version. A term dictionary (termTable.ts) maps each fingerprint hash (fingerprints.ts) to a
// dense term id. Postings (paragraph ids) live in three tiers:
//  - base: CSR arrays (offsets by term id, one Uint32 per posting), built by counting sort;
//  - delta: term id → paragraph ids for the few documents added since the last build;
//  - pending: (term, paragraph) pairs appended by add(), moved into delta (small) or merged
//    into a new base (large) before the next query, so loading a corpus costs one build.
// Removing a document marks its base postings dead (skipped; the base is rebuilt once a
// quarter of it is dead) and deletes its delta postings at once, so a draft re-added on
// every edit never forces a rebuild. Statistics per term, kept exact through add/remove:
// pdf = live paragraphs containing it, ddf = live documents containing it. Common fingerprints
// in POSTING_CAP paragraphs or more keep no postings (queries skip them anyway).
import { Chunk, Reader, headerChunk, joinChunks, stringChunks, typedChunks, utf16Chunks } from './codec';
import { DocumentPrints, fingerprintSet, paragraphFingerprints } from './fingerprints';
import { STEP, SLICE, Steps, YieldNow, runSteps, runStepsSliced } from './slices';
import { isStockKgram, stockSignature } from './stock';
import { TermTable } from './termTable';
import { TextStore } from './textStore';
import { TopK } from './topK';
import { grow } from './typedArrays';
import { K, Prints, W } from './winnow';

export interface CorpusParagraph {
  /** The caller's id of the paragraph, unique within its document. */
  key: string;
  text: string;
  /** Length of the verb's 又/还 prefix at the start of `text`, skipped when comparing. */
  verbPrefixLength?: number;
}

export interface Candidate {
  pid: number;
  doc: string;
  paragraph: CorpusParagraph;
  /** Same for paragraphs of the same text and verb prefix, which compare alike. */
  group: number;
  /** Shared fingerprint weight, scaled by how much of the smaller side the shared part is. */
  rank: number;
}

export type ExcludeFn = (doc: string, paragraph: string) => boolean;

/** Thrown by toChunks when the index changes before its last chunk is out. */
export class IndexChangedError extends Error {
  constructor() {
    super('the echo index changed while it was being written');
    this.name = 'IndexChangedError';
  }
}

/**
 * When a fingerprint is common wording of the corpus rather than evidence of reuse: it is
 * in at least `minParagraphs` paragraphs and either in `share` of all paragraphs or in
 * `perDocument` paragraphs per document that has it. The per-document test catches the
 * wording of a field (《国际追查文书》 recurs in a dozen paragraphs of each resolution) even
 * when the field is a small part of the corpus, while a paragraph carried over from version
 * to version (once per document) stays rare however many versions there are.
 */
export const COMMON = Object.freeze({ minParagraphs: 8, share: 0.05, perDocument: 3 });

/**
 * A common fingerprint (COMMON) in at least this many paragraphs has its postings dropped when
 * the base is rebuilt, and stays common from then on (`capped`): queries skip common
 * fingerprints anyway, so the index need not hold millions of postings of a field's formulas.
 * Exact counts (pdf, ddf) are kept. Small corpora never reach it, so common/uncommon can still
 * flip there as documents come and go.
 */
export const POSTING_CAP = 1024;

/** Counting unit of candidates() accumulators. */
const TALLY = 1 << 24;
/** A longer query (a huge paragraph) looks up an even sample of this many k-grams. */
const MAX_QUERY_KGRAMS = 4000;
/** Pending + delta postings beyond which the base is rebuilt rather than extended. */
const DELTA_MAX = 1 << 16;
/** Bump when normalisation or fingerprinting changes, to invalidate cached indexes. */
const FORMAT = 4;

interface Doc {
  key: string;
  /** Paragraph ids of a document are consecutive: firstPid, firstPid + 1, … */
  firstPid: number;
  count: number;
  /** The paragraphs' keys, when they are not `0`, `1`, … (a corpus document's are). */
  keys?: string[];
}

export interface IndexStats {
  documents: number;
  paragraphs: number;
  terms: number;
  postings: number;
}

export interface IndexOptions {
  /** POSTING_CAP unless set (Infinity: no cap, for checking that the cap changes no answer). */
  postingCap?: number;
}

export class FingerprintIndex {
  private readonly postingCap: number;
  private terms = new TermTable();
  /** Term id (base terms) → 1 when its postings were dropped (POSTING_CAP). */
  private capped = new Uint8Array(1);
  private pdf = new Uint32Array(1024);
  private ddf = new Uint32Array(1024);

  private baseOffsets = new Uint32Array(1);
  private basePids = new Uint32Array(0);
  private baseTerms = 0;
  /** Paragraph ids below this are in the base... */
  private basePidLimit = 0;
  /** ...below this in the delta, the rest pending. */
  private flushedPidLimit = 0;
  private baseDead = 0;
  private delta = new Map<number, number[]>();
  private deltaSize = 0;
  private pendTid = new Uint32Array(1024);
  private pendPid = new Uint32Array(1024);
  private pendLen = 0;

  private docs: (Doc | undefined)[] = [];
  private docByKey = new Map<string, number>();
  private texts = new TextStore();
  /** Paragraph id → document index, −1 once removed. */
  private docOf = new Int32Array(1024);
  /** Paragraph id → text id (TextStore). */
  private textOf = new Uint32Array(1024);
  /** Paragraph id → length of the verb's 又/还 prefix. */
  private prefixOf = new Int32Array(1024);
  /** Paragraph id → where its postings start in pend*, while it is pending. */
  private pendStart = new Uint32Array(1024);
  /** Term id → the last document counted in its ddf (add) or a removal's mark (remove). */
  private lastDoc = new Int32Array(1024).fill(-1);
  private removals = 0;
  /** Paragraph id → number of distinct fingerprints (saturating). */
  private fpCount = new Uint16Array(1024);
  private pidCount = 0;
  private live = 0;
  private liveTerms = 0;

  private acc = new Float64Array(0);
  private touched = new Int32Array(0);
  /**
   * Bumped by every change of the state above (queries included, when they merge pending
   * postings), so that work done in slices sees a change.
   */
  private changes = 0;
  /** Bumped by every change that may change an answer: see revision. */
  private edits = 0;
  /**
   * Whether the arrays that add and remove change in place (pdf, ddf, the term table's slots)
   * are views of the buffer the index was read from: copied before the first change, so that a
   * restored index that never changes copies nothing and the buffer is never written to.
   */
  private borrowed = false;

  constructor(opts: IndexOptions = {}) {
    this.postingCap = opts.postingCap ?? POSTING_CAP;
  }

  /**
   * Changes whenever an answer of the index may: a document added or removed. Merging pending
   * postings and rebuilding the base (a query, prepare, toChunks) answer alike and leave it; an
   * index read from a cache is a new index. EchoIndex keeps its remembered answers while it holds.
   */
  get revision(): number {
    return this.edits;
  }

  /**
   * Adds (or replaces) a document's paragraphs. `prints`, when given, must be
   * documentPrints(paragraphs): the fingerprints are then not computed here. A paragraph whose
   * text (and prefix) is that of a paragraph still pending takes its fingerprints over.
   */
  add(docKey: string, paragraphs: readonly CorpusParagraph[], prints?: DocumentPrints): void {
    runSteps(this.addSteps(docKey, paragraphs, prints));
  }

  /**
   * add in slices between which `yieldNow` is awaited, then the rebuild the first query would
   * make (prepare). Nothing may query or change the index until it resolves: for an index of
   * one's own (a draft's paragraphs, for its repeats).
   */
  async addSliced(docKey: string, paragraphs: readonly CorpusParagraph[], yieldNow: YieldNow): Promise<void> {
    await runStepsSliced(this.addSteps(docKey, paragraphs), yieldNow);
    await this.prepare(yieldNow);
  }

  /**
   * add, pausing every few hundred paragraphs (a draft of 100,000 lines indexed for its repeats
   * takes most of a second). The index must not be queried or changed before the last step.
   */
  private *addSteps(docKey: string, paragraphs: readonly CorpusParagraph[], prints?: DocumentPrints): Steps<void> {
    this.own();
    this.remove(docKey);
    this.changes++;
    this.edits++;
    const di = this.docs.length;
    const n = paragraphs.length;
    const keys = paragraphs.some((p, i) => p.key !== String(i)) ? paragraphs.map((p) => p.key) : undefined;
    this.docs.push({ key: docKey, firstPid: this.pidCount, count: n, keys });
    this.docByKey.set(docKey, di);
    const need = this.pidCount + n + 1;
    this.docOf = grow(this.docOf, need);
    this.fpCount = grow(this.fpCount, need);
    this.textOf = grow(this.textOf, need);
    this.prefixOf = grow(this.prefixOf, need);
    this.pendStart = grow(this.pendStart, need);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const p = paragraphs[i];
      const pid = this.pidCount++;
      const tx = this.texts.intern(p.text, prints?.texts[i]);
      const prefix = p.verbPrefixLength ?? 0;
      this.docOf[pid] = di;
      this.textOf[pid] = tx;
      this.prefixOf[pid] = prefix;
      this.pendStart[pid] = this.pendLen;
      const twin = this.texts.lastPid[tx];
      this.texts.lastPid[tx] = pid;
      if (twin >= this.flushedPidLimit && this.docOf[twin] >= 0 && this.prefixOf[twin] === prefix) {
        // Pending postings of twin are pendStart[twin] … pendStart[twin + 1] (pids are consecutive).
        const from = this.pendStart[twin];
        const to = this.pendStart[twin + 1];
        this.pendTid = grow(this.pendTid, this.pendLen + to - from);
        this.pendPid = grow(this.pendPid, this.pendLen + to - from);
        for (let j = from; j < to; j++) this.post(this.pendTid[j], pid, di);
        this.fpCount[pid] = this.fpCount[twin];
      } else {
        const count = prints ? prints.counts[i] : 0;
        const fps = prints ? prints.hashes.subarray(at, at + count) : paragraphFingerprints(p.text, prefix);
        this.pendTid = grow(this.pendTid, this.pendLen + fps.length);
        this.pendPid = grow(this.pendPid, this.pendLen + fps.length);
        for (let j = 0; j < fps.length; j++) {
          const tid = this.terms.add(fps[j]);
          if (tid >= this.pdf.length) {
            this.pdf = grow(this.pdf, tid + 1);
            this.ddf = grow(this.ddf, tid + 1);
            const old = this.lastDoc;
            this.lastDoc = new Int32Array(this.pdf.length).fill(-1);
            this.lastDoc.set(old);
          }
          this.post(tid, pid, di);
        }
        this.fpCount[pid] = Math.min(fps.length, 0xffff);
      }
      at += prints ? prints.counts[i] : 0;
      this.pendStart[pid + 1] = this.pendLen;
      if ((i & 255) === 255) yield;
    }
    this.live += n;
  }

  /**
   * Makes room for a load of about `chars` characters of corpus text, so that the tables and
   * arrays are not grown (and copied) a dozen times on the way. Per character, measured on the
   * generated corpus: 0.17 postings, 0.019 terms, 0.012 paragraphs; a wrong guess only means
   * growing as without it.
   */
  reserve(chars: number): void {
    const postings = Math.ceil(chars * 0.18);
    const paragraphs = Math.ceil(chars * 0.012);
    const terms = Math.ceil(chars * 0.02);
    this.pendTid = grow(this.pendTid, this.pendLen + postings, true);
    this.pendPid = grow(this.pendPid, this.pendLen + postings, true);
    const pids = this.pidCount + paragraphs + 1;
    this.docOf = grow(this.docOf, pids, true);
    this.fpCount = grow(this.fpCount, pids, true);
    this.textOf = grow(this.textOf, pids, true);
    this.prefixOf = grow(this.prefixOf, pids, true);
    this.pendStart = grow(this.pendStart, pids, true);
    this.terms.reserve(terms);
    this.texts.reserve(paragraphs);
  }

  /** Records a pending posting and its statistics (room in pend* is made by the caller). */
  private post(tid: number, pid: number, di: number): void {
    if (this.pdf[tid]++ === 0) this.liveTerms++;
    if (this.lastDoc[tid] !== di) {
      this.lastDoc[tid] = di;
      this.ddf[tid]++;
    }
    this.pendTid[this.pendLen] = tid;
    this.pendPid[this.pendLen++] = pid;
  }

  /** Removes a document; false if there was none under that key. */
  remove(docKey: string): boolean {
    const di = this.docByKey.get(docKey);
    if (di === undefined) return false;
    this.own();
    this.changes++;
    this.edits++;
    const doc = this.docs[di]!;
    const mark = -2 - (this.removals++ % 0x40000000);
    for (let pid = doc.firstPid; pid < doc.firstPid + doc.count; pid++) {
      const fps = paragraphFingerprints(this.texts.text(this.textOf[pid]), this.prefixOf[pid]);
      for (let j = 0; j < fps.length; j++) {
        const tid = this.terms.get(fps[j]);
        if (--this.pdf[tid] === 0) this.liveTerms--;
        if (this.lastDoc[tid] !== mark) {
          this.lastDoc[tid] = mark;
          this.ddf[tid]--;
        }
        if (tid < this.baseTerms && this.capped[tid]) {
          // No postings held (POSTING_CAP).
        } else if (pid < this.basePidLimit) {
          this.baseDead++;
        } else if (pid < this.flushedPidLimit) {
          const list = this.delta.get(tid)!;
          list.splice(list.lastIndexOf(pid), 1);
          if (list.length === 0) this.delta.delete(tid);
          this.deltaSize--;
        } // pending pairs of removed paragraphs are dropped when flushed
      }
      this.docOf[pid] = -1;
      this.texts.release(this.textOf[pid]);
    }
    this.docs[di] = undefined;
    this.docByKey.delete(docKey);
    this.live -= doc.count;
    return true;
  }

  /** Copies the arrays changed in place that are still views of the buffer read (see borrowed). */
  private own(): void {
    if (!this.borrowed) return;
    this.borrowed = false;
    this.pdf = this.pdf.slice();
    this.ddf = this.ddf.slice();
    this.terms.ownSlots();
  }

  has(docKey: string): boolean {
    return this.docByKey.has(docKey);
  }

  /** Keys of the documents held. */
  documentKeys(): string[] {
    return [...this.docByKey.keys()];
  }

  /** A document's paragraphs as added (texts included), or undefined. */
  paragraphsOf(docKey: string): CorpusParagraph[] | undefined {
    const di = this.docByKey.get(docKey);
    if (di === undefined) return undefined;
    const d = this.docs[di]!;
    return Array.from({ length: d.count }, (_, i) => this.paragraphAt(d.firstPid + i));
  }

  /**
   * A document's paragraph texts and verb-prefix lengths, without making paragraph objects;
   * `keyed` when its paragraph keys are not `0`, `1`, …
   */
  textsOf(docKey: string): { texts: string[]; prefixes: Int32Array; keyed: boolean } | undefined {
    const di = this.docByKey.get(docKey);
    if (di === undefined) return undefined;
    const d = this.docs[di]!;
    const texts = new Array<string>(d.count);
    for (let i = 0; i < d.count; i++) texts[i] = this.texts.text(this.textOf[d.firstPid + i]);
    return { texts, prefixes: this.prefixOf.slice(d.firstPid, d.firstPid + d.count), keyed: d.keys !== undefined };
  }

  /** A document's number of paragraphs, and whether its keys are not `0`, `1`, …; undefined if absent. */
  paragraphCount(docKey: string): { count: number; keyed: boolean } | undefined {
    const di = this.docByKey.get(docKey);
    if (di === undefined) return undefined;
    const d = this.docs[di]!;
    return { count: d.count, keyed: d.keys !== undefined };
  }

  private paragraphAt(pid: number): CorpusParagraph {
    const d = this.docs[this.docOf[pid]]!;
    const i = pid - d.firstPid;
    const p: CorpusParagraph = { key: d.keys?.[i] ?? String(i), text: this.texts.text(this.textOf[pid]) };
    if (this.prefixOf[pid]) p.verbPrefixLength = this.prefixOf[pid];
    return p;
  }

  private paragraph(pid: number): { doc: string; paragraph: CorpusParagraph } {
    return { doc: this.docs[this.docOf[pid]]!.key, paragraph: this.paragraphAt(pid) };
  }

  private keyAt(pid: number): { doc: string; key: string } {
    const d = this.docs[this.docOf[pid]]!;
    const i = pid - d.firstPid;
    return { doc: d.key, key: d.keys?.[i] ?? String(i) };
  }

  stats(): IndexStats {
    this.flush();
    return {
      documents: this.docByKey.size,
      paragraphs: this.live,
      terms: this.liveTerms,
      postings: this.basePids.length - this.baseDead + this.deltaSize,
    };
  }

  /**
   * For each k-gram hash, 1 if it is stock wording: a built-in stock phrase's k-gram or a
   * fingerprint common in the corpus (COMMON).
   */
  stockMask(hashes: Uint32Array): Uint8Array {
    const out = new Uint8Array(hashes.length);
    for (let i = 0; i < hashes.length; i++) {
      if (isStockKgram(hashes[i])) out[i] = 1;
      else {
        const tid = this.terms.get(hashes[i]);
        if (tid >= 0 && this.isCommon(tid)) out[i] = 1;
      }
    }
    return out;
  }

  /**
   * The paragraphs of the `limit` texts sharing the most fingerprint weight with a query, best
   * first (paragraphs of one text in id order): a paragraph carried over into a thousand
   * documents takes one place, not the whole list.
   * The query looks up all its k-grams, not only its own picks: a corpus paragraph's pick
   * inside any run the two share is then found, whatever the query's window picked around
   * it. A fingerprint weighs log(1 + N/pdf); stock and common ones are ignored. The shared
   * weight is multiplied by the share of the smaller side's fingerprints that are shared,
   * so a short source wholly inside a long draft competes with long sources. `exclude` is
   * consulted only for paragraphs that would make the list.
   * `perText`: of a text's paragraphs, only the first `perText` not excluded (in id order) are
   * returned: paragraphs of one text score alike and a search returns at most that many
   * matches, so the others could never be shown, and on an archive where a paragraph was
   * carried over into thousands of resolutions they would be thousands of objects per search.
   */
  candidates(q: Prints, limit: number, exclude?: ExcludeFn, perText = Infinity): Candidate[] {
    this.flush();
    if (this.acc.length < this.pidCount) {
      this.acc = new Float64Array(this.pidCount + 1024);
      this.touched = new Int32Array(this.pidCount + 1024);
    }
    // acc[pid] = TALLY · (shared fingerprints) + (shared weight): one array to update per
    // posting. Weights are below log(1 + N) < 25 and at most MAX_QUERY_KGRAMS are looked
    // up, so the weight part stays below TALLY.
    const acc = this.acc;
    const touched = this.touched;
    const checkDead = this.baseDead > 0; // delta postings of removed paragraphs are deleted
    const docOf = this.docOf;
    let nTouched = 0;
    const seen = new Set<number>();
    const step = Math.max(1, q.hashes.length / MAX_QUERY_KGRAMS);
    for (let x = 0; x < q.hashes.length; x += step) {
      const h = q.hashes[Math.floor(x)];
      if (isStockKgram(h) || seen.has(h)) continue;
      seen.add(h);
      const tid = this.terms.get(h);
      if (tid < 0 || this.pdf[tid] === 0 || this.isCommon(tid)) continue;
      const inc = TALLY + Math.log(1 + this.live / this.pdf[tid]);
      if (tid < this.baseTerms) {
        const pids = this.basePids;
        for (let j = this.baseOffsets[tid], end = this.baseOffsets[tid + 1]; j < end; j++) {
          const pid = pids[j];
          if (checkDead && docOf[pid] < 0) continue;
          if (acc[pid] === 0) touched[nTouched++] = pid;
          acc[pid] += inc;
        }
      }
      const list = this.delta.get(tid);
      if (list) {
        for (const pid of list) {
          if (acc[pid] === 0) touched[nTouched++] = pid;
          acc[pid] += inc;
        }
      }
    }
    const qN = fingerprintSet(q).length;

    // The heap holds groups (text and prefix: the same fingerprints, so the same rank);
    // each admitted group gathers its paragraphs.
    const top = new TopK(limit);
    const members = new Map<number, number[]>();
    for (let t = 0; t < nTouched; t++) {
      const pid = touched[t];
      const n = Math.floor(acc[pid] / TALLY);
      const weight = acc[pid] - n * TALLY;
      acc[pid] = 0;
      // One shared fingerprint is enough to be ranked: a short paragraph revised in most of its
      // phrases may keep only one, and the alignment, not the index, decides what is an echo.
      const fp = this.fpCount[pid];
      // Ties (a paragraph carried over into many documents, some with a clause added) go to
      // the paragraph closest in size to the query: a copy of the draft before a superset of it.
      const rank = ((weight * n) / Math.max(1, Math.min(qN, fp))) * (1 + (1e-9 * n) / Math.max(1, qN, fp));
      const group = this.groupOf(pid);
      // Paragraphs of a group rank alike (the same fingerprints, summed in the same order), so
      // one ranked below the list's lowest is of no group in it: most of the tens of thousands
      // touched are dropped here, without a lookup.
      if (!top.admits(rank) && rank < top.lowest) continue;
      const held = members.get(group);
      if (held) {
        held.push(pid); // exclude asked below, in id order, only as far as perText needs
        continue;
      }
      if (!top.admits(rank)) continue;
      const k = exclude && this.keyAt(pid);
      if (k && exclude(k.doc, k.key)) continue;
      // The first member is one not excluded: the group's place is earned.
      members.set(group, [pid]);
      const out = top.push(rank, group);
      if (out >= 0) members.delete(out);
    }
    const out: Candidate[] = [];
    top.pids.forEach((group, i) => {
      const held = members.get(group)!;
      const first = held[0];
      let taken = 0;
      for (const pid of held.sort((a, b) => a - b)) {
        if (taken >= perText) break;
        const k = pid !== first && exclude && this.keyAt(pid);
        if (k && exclude(k.doc, k.key)) continue;
        out.push({ pid, rank: top.ranks[i], group, ...this.paragraph(pid) });
        taken++;
      }
    });
    return out.sort((a, b) => b.rank - a.rank || a.pid - b.pid);
  }

  /** Paragraphs with the same text and verb prefix have the same group. */
  private groupOf(pid: number): number {
    return this.textOf[pid] * 0x10000 + Math.min(this.prefixOf[pid], 0xffff);
  }

  /** Every paragraph not excluded, in paragraph id order (FindOptions.exhaustive). */
  everyParagraph(exclude?: ExcludeFn): Candidate[] {
    const out: Candidate[] = [];
    for (let pid = 0; pid < this.pidCount; pid++) {
      if (this.docOf[pid] < 0) continue;
      const { doc, paragraph } = this.paragraph(pid);
      if (!exclude?.(doc, paragraph.key)) out.push({ pid, doc, paragraph, rank: 0, group: this.groupOf(pid) });
    }
    return out;
  }

  /** Serialises the whole index (paragraph texts included) for a disk cache. */
  toBuffer(): Buffer {
    if (!this.isCompact()) this.rebuild();
    return joinChunks(this.encodeSteps());
  }

  /**
   * toBuffer's bytes as chunks, produced in slices of about SLICE.ms between which `yieldNow`
   * is awaited; the rebuild toBuffer does first is done in slices too. Throws if the index
   * changes before the last chunk is out (the chunks are views of its arrays).
   */
  async *toChunks(yieldNow: YieldNow): AsyncGenerator<Buffer, void, undefined> {
    if (!(await this.rebuildSliced(yieldNow, true))) this.rebuild();
    const at = this.changes;
    const check = () => {
      if (this.changes !== at) throw new IndexChangedError();
    };
    let start = Date.now();
    for (const chunk of this.encodeSteps()) {
      if (chunk) {
        yield chunk;
        check();
      }
      if (Date.now() - start >= SLICE.ms) {
        await yieldNow();
        check();
        start = Date.now();
      }
    }
  }

  /** Reads what toBuffer wrote; throws if it is not an index of this version. */
  static fromBuffer(buf: Buffer): FingerprintIndex {
    return runSteps(FingerprintIndex.decodeSteps(buf));
  }

  /**
   * fromBuffer in slices of about SLICE.ms, awaiting `yieldNow` between them: the same index,
   * from toBuffer's bytes or toChunks's chunks.
   */
  static async fromChunks(bytes: Buffer | readonly Buffer[], yieldNow: YieldNow): Promise<FingerprintIndex> {
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.concat(bytes);
    const done = await runStepsSliced(FingerprintIndex.decodeSteps(buf), yieldNow);
    return done!.value;
  }

  /**
   * Prepares the index for queries after many documents were added (a corpus load): the
   * rebuild the next query would do in one go, done in slices between which `yieldNow` is
   * awaited. Answers are the same either way; a change meanwhile leaves it to the query.
   */
  async prepare(yieldNow: YieldNow): Promise<void> {
    await this.rebuildSliced(yieldNow, false);
  }

  /**
   * Does the rebuild that the next query (`all` false: only when it would rebuild rather than
   * extend the delta) or toBuffer (`all` true: unless the index is all base) would do in one
   * go, in slices of about SLICE.ms between which `yieldNow` is awaited; the index is then as
   * that rebuild leaves it. A change to the index meanwhile abandons the attempt; after three,
   * the rebuild is left to the query. True when nothing is left to rebuild.
   */
  private async rebuildSliced(yieldNow: YieldNow, all: boolean): Promise<boolean> {
    const done = () => (all ? this.isCompact() : !this.needsRebuild());
    for (let attempt = 0; attempt < 3 && !done(); attempt++) {
      const at = this.changes;
      await runStepsSliced(this.rebuildSteps(), yieldNow, () => this.changes === at);
    }
    return done();
  }

  /** The serialised index, in chunks; the index must be compact and unchanged until they are written. */
  private *encodeSteps(): Generator<Chunk, void, undefined> {
    const docs = this.docs as Doc[];
    const n = this.terms.count;
    const keyed = docs.flatMap((d, i) => (d.keys ? [i] : []));
    const keys = keyed.flatMap((i) => docs[i].keys!);
    yield headerChunk(FingerprintIndex.header());
    yield* stringChunks(docs.length, (i) => docs[i].key);
    yield* typedChunks(Uint32Array.from(docs, (d) => d.count));
    yield* typedChunks(Uint32Array.from(keyed));
    yield* stringChunks(keys.length, (i) => keys[i]);
    yield* utf16Chunks(this.texts.count, (i) => this.texts.text(i));
    yield* typedChunks(this.textOf.subarray(0, this.pidCount));
    yield* typedChunks(this.prefixOf.subarray(0, this.pidCount));
    yield* typedChunks(this.fpCount.subarray(0, this.pidCount));
    yield* typedChunks(this.terms.hashes.subarray(0, n));
    yield* typedChunks(this.terms.rawSlots);
    yield* typedChunks(this.pdf.subarray(0, n));
    yield* typedChunks(this.ddf.subarray(0, n));
    yield* typedChunks(this.capped.subarray(0, n));
    yield* typedChunks(this.baseOffsets);
    yield* typedChunks(this.basePids);
  }

  private static *decodeSteps(buf: Buffer): Steps<FingerprintIndex> {
    const r = new Reader(buf);
    if (JSON.stringify(r.header) !== JSON.stringify(FingerprintIndex.header())) throw new Error('stale echo index');
    const ix = new FingerprintIndex();
    const docKeys = yield* r.strings();
    const sizes = yield* r.uint32();
    const keyed = yield* r.uint32();
    const keys = yield* r.strings();
    const texts = yield* r.utf16Packed();
    const textCount = texts.offsets.length - 1;
    const textOf = yield* r.uint32();
    const prefixOf = yield* r.int32();
    const total = sizes.reduce((x, y) => x + y, 0);
    if (sizes.length !== docKeys.length || textOf.length !== total || prefixOf.length !== total) throw new Error('corrupt echo index');
    let pid = 0;
    ix.docOf = new Int32Array(total + 1);
    const refs = new Uint32Array(Math.max(1024, textCount));
    for (let di = 0; di < docKeys.length; di++) {
      ix.docs.push({ key: docKeys[di], firstPid: pid, count: sizes[di] });
      ix.docByKey.set(docKeys[di], di);
      for (let i = 0; i < sizes[di]; i++, pid++) {
        if (textOf[pid] >= textCount) throw new Error('corrupt echo index');
        refs[textOf[pid]]++;
        ix.docOf[pid] = di;
      }
      if (di % 1024 === 1023) yield;
    }
    let k = 0;
    for (const di of keyed) {
      const d = ix.docs[di];
      if (!d || k + d.count > keys.length) throw new Error('corrupt echo index');
      d.keys = keys.slice(k, (k += d.count));
    }
    if (k !== keys.length) throw new Error('corrupt echo index');
    ix.texts = new TextStore(texts, refs);
    ix.textOf = grow(textOf, total + 1);
    ix.prefixOf = grow(prefixOf, total + 1);
    ix.pidCount = ix.live = ix.basePidLimit = ix.flushedPidLimit = pid;
    ix.fpCount = yield* r.uint16();
    const hashes = yield* r.uint32();
    ix.terms = TermTable.restore(hashes, yield* r.int32());
    ix.liveTerms = ix.terms.count;
    ix.pdf = yield* r.uint32();
    ix.ddf = yield* r.uint32();
    ix.lastDoc = new Int32Array(Math.max(1024, ix.pdf.length)).fill(-1);
    ix.capped = yield* r.uint8();
    ix.baseOffsets = yield* r.uint32();
    ix.basePids = yield* r.uint32();
    ix.baseTerms = ix.baseOffsets.length - 1;
    if (
      ix.fpCount.length !== pid ||
      ix.pdf.length !== ix.terms.count ||
      ix.capped.length !== ix.terms.count ||
      ix.basePids.length !== ix.baseOffsets[ix.baseTerms]
    ) {
      throw new Error('corrupt echo index');
    }
    // The other arrays are grown (copied) before anything is written to them, or never written.
    ix.borrowed = true;
    return ix;
  }

  private static header(): object {
    return { format: FORMAT, k: K, w: W, stock: stockSignature() };
  }

  /** Whether the next query would rebuild the base rather than move pending postings to the delta. */
  private needsRebuild(): boolean {
    return this.pendLen + this.deltaSize > DELTA_MAX || this.baseDead * 4 > this.basePids.length;
  }

  /** All postings in the base, none dead, no dead term or removed document: what rebuild() leaves. */
  private isCompact(): boolean {
    return (
      this.pendLen === 0 &&
      this.deltaSize === 0 &&
      this.delta.size === 0 &&
      this.baseDead === 0 &&
      this.docs.length === this.docByKey.size &&
      this.pidCount === this.basePidLimit &&
      this.liveTerms === this.terms.count &&
      this.baseTerms === this.terms.count
    );
  }

  private isCommon(tid: number): boolean {
    if (tid < this.baseTerms && this.capped[tid]) return true;
    const p = this.pdf[tid];
    return p >= COMMON.minParagraphs && (p >= COMMON.share * this.live || p >= COMMON.perDocument * this.ddf[tid]);
  }

  /** Makes pending postings queryable. */
  private flush(): void {
    if (this.needsRebuild()) {
      this.rebuild();
      return;
    }
    if (this.pendLen > 0) this.changes++;
    for (let i = 0; i < this.pendLen; i++) {
      const pid = this.pendPid[i];
      const tid = this.pendTid[i];
      if (this.docOf[pid] < 0 || (tid < this.baseTerms && this.capped[tid])) continue;
      let list = this.delta.get(tid);
      if (!list) this.delta.set(tid, (list = []));
      list.push(pid);
      this.deltaSize++;
    }
    this.pendLen = 0;
    this.flushedPidLimit = this.pidCount;
  }

  /** Merges all postings into a new base, renumbering paragraphs and dropping dead terms. */
  private rebuild(): void {
    runSteps(this.rebuildSteps());
  }

  /**
   * rebuild() as steps. Reads the index until its last step and changes it only there, so that
   * the index answers queries meanwhile as before; it must not change between steps (see
   * rebuildSliced).
   */
  private *rebuildSteps(): Steps<void> {
    const oldToNew = new Int32Array(this.pidCount).fill(-1);
    const docs: Doc[] = [];
    const docOf = new Int32Array(this.live + 1);
    const fpCount = new Uint16Array(this.live + 1);
    const textOf = new Uint32Array(this.live + 1);
    const prefixOf = new Int32Array(this.live + 1);
    // Texts renumbered in order of first use, those no paragraph holds any more dropped.
    const textToNew = new Int32Array(this.texts.count).fill(-1);
    const texts: string[] = [];
    const refs = new Uint32Array(Math.max(1024, this.texts.count));
    let pid = 0;
    let work = 0;
    for (const d of this.docs) {
      if (!d) continue;
      docs.push({ ...d, firstPid: pid });
      for (let i = 0; i < d.count; i++, pid++) {
        const old = d.firstPid + i;
        oldToNew[old] = pid;
        docOf[pid] = docs.length - 1;
        fpCount[pid] = this.fpCount[old];
        prefixOf[pid] = this.prefixOf[old];
        const tx = this.textOf[old];
        if (textToNew[tx] < 0) {
          textToNew[tx] = texts.length;
          texts.push(this.texts.text(tx));
        }
        textOf[pid] = textToNew[tx];
        refs[textOf[pid]]++;
      }
      if ((work += d.count + 1) >= STEP) {
        work = 0;
        yield;
      }
    }

    const termToNew = new Int32Array(this.terms.count).fill(-1);
    let nTerms = 0;
    for (let t = 0; t < this.terms.count; t++) {
      if (this.pdf[t] > 0) termToNew[t] = nTerms++;
      if (t % STEP === STEP - 1) yield;
    }
    yield;
    const hashes = new Uint32Array(nTerms);
    const pdf = new Uint32Array(Math.max(1, nTerms));
    const ddf = new Uint32Array(Math.max(1, nTerms));
    const offsets = new Uint32Array(nTerms + 1);
    const capped = new Uint8Array(Math.max(1, nTerms));
    for (let t = 0; t < this.terms.count; t++) {
      const nt = termToNew[t];
      if (nt < 0) continue;
      hashes[nt] = this.terms.hashes[t];
      pdf[nt] = this.pdf[t];
      ddf[nt] = this.ddf[t];
      if (this.pdf[t] >= this.postingCap && this.isCommon(t)) capped[nt] = 1;
      else offsets[nt + 1] = this.pdf[t];
      if (t % STEP === STEP - 1) yield;
    }
    for (let t = 0; t < nTerms; t++) offsets[t + 1] += offsets[t];
    yield;
    const pids = new Uint32Array(offsets[nTerms]);
    const cursor = offsets.slice(0, Math.max(1, nTerms));
    const put = (tid: number, oldPid: number) => {
      const np = oldToNew[oldPid];
      const nt = termToNew[tid];
      if (np >= 0 && !capped[nt]) pids[cursor[nt]++] = np;
    };
    for (let t = 0; t < this.baseTerms; t++) {
      for (let j = this.baseOffsets[t]; j < this.baseOffsets[t + 1]; j++) put(t, this.basePids[j]);
      if ((work += this.baseOffsets[t + 1] - this.baseOffsets[t] + 1) >= STEP) {
        work = 0;
        yield;
      }
    }
    for (const [t, list] of this.delta) {
      for (const p of list) put(t, p);
      if ((work += list.length + 1) >= STEP) {
        work = 0;
        yield;
      }
    }
    for (let i = 0; i < this.pendLen; i++) {
      put(this.pendTid[i], this.pendPid[i]);
      if (i % STEP === STEP - 1) yield;
    }
    // No term dropped (a load only adds): the ids stay, and so can the table.
    const terms = nTerms === this.terms.count ? this.terms : yield* TermTable.fill(hashes);

    // The last step: the new base replaces the old one.
    this.docs = docs;
    this.docByKey = new Map(docs.map((d, i) => [d.key, i]));
    this.docOf = docOf;
    this.fpCount = fpCount;
    this.textOf = textOf;
    this.prefixOf = prefixOf;
    this.texts = new TextStore(texts, refs);
    this.lastDoc = new Int32Array(Math.max(1024, nTerms)).fill(-1);
    this.pidCount = this.basePidLimit = this.flushedPidLimit = pid;
    this.terms = terms;
    this.capped = capped;
    this.pdf = pdf;
    this.ddf = ddf;
    this.baseOffsets = offsets;
    this.basePids = pids;
    this.baseTerms = nTerms;
    this.baseDead = 0;
    this.delta.clear();
    this.deltaSize = 0;
    this.pendLen = 0;
    this.pendTid = new Uint32Array(1024);
    this.pendPid = new Uint32Array(1024);
    this.borrowed = false;
    this.changes++;
  }
}
