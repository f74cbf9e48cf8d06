// The corpus: earlier resolutions the draft is compared with and cited from.
//
// Documents are kept as compact summaries (clean paragraph texts, dates, citations), not as
// parsed models with offset maps, so that tens of thousands of them fit in memory.
import { AdoptionDate, ParagraphKind, Resolution, paragraphs } from './model';
import { parseResolution } from './parse';
import { decodeText } from './decode';
import { parseDate } from './dates';
import { FileStat, FileSystem, Logger } from './fileSystem';
import { CorpusParagraph as EchoParagraph, DocumentPrints, EchoIndex, YieldNow, documentPrints } from './match/echo';
import { FingerprintIndex } from './match/index';
import { pacer } from './match/slices';

export interface CorpusParagraph {
  label: string;
  kind: ParagraphKind;
  text: string;
  /** Verb as written (`又强调`), if recognised. */
  verb?: string;
  verbPrefix?: string;
}

export interface CorpusDocument {
  /** The file path: unique. */
  key: string;
  symbol: string;
  title?: string;
  date?: AdoptionDate;
  paragraphs: CorpusParagraph[];
  /** Resolutions this document cites together with their adoption dates. */
  citedDates: { symbol: string; date: AdoptionDate }[];
}

export interface KnownDate {
  date: AdoptionDate;
  /** `own`: the cited resolution is in the corpus; `cited`: learnt from how others cite it. */
  source: 'own' | 'cited';
  /** Symbols of the corpus documents that say so. */
  witnesses: string[];
}

export const CORPUS_EXTENSIONS = ['.txt', '.md', '.unres', '.markdown', '.docx', '.pdf'];
/** Larger files are not resolutions; reading them would only stall indexing. */
export const MAX_CORPUS_FILE_BYTES = 4 * 1024 * 1024;

/** See Corpus.snapshot. */
export interface CorpusSnapshot {
  /** False while loadCorpus fills the corpus: no corpus search, no citation dates. */
  readonly ready: boolean;
  readonly echo: EchoIndex;
  readonly size: number;
}

/** Whether two snapshots are of the same corpus state. */
export function sameSnapshot(a: CorpusSnapshot, b: CorpusSnapshot): boolean {
  return a.ready === b.ready && a.echo === b.echo && a.size === b.size;
}

export class Corpus {
  private readonly docs = new Map<string, CorpusDocument>();
  /** normalized symbol → documents with that symbol (the same resolution may be in two files). */
  private readonly symbols = new Map<string, CorpusDocument[]>();
  /** normalized cited symbol → documents citing it with a date. */
  private readonly citers = new Map<string, CorpusDocument[]>();
  private verbCache?: Map<ParagraphKind, Map<string, number>>;
  private readonly voteCache = new Map<string, { date: AdoptionDate; witnesses: Map<string, string> }[]>();
  private fingerprints = new FingerprintIndex();
  private echoIndex = new EchoIndex(this.fingerprints);
  private loads = 0;

  /**
   * Fingerprint index of every corpus paragraph, kept in step with the documents: what loads
   * and the index cache fill and read. Searched through `echo`.
   */
  get index(): FingerprintIndex {
    return this.fingerprints;
  }

  /** The searches of `index` (replaced with it). */
  get echo(): EchoIndex {
    return this.echoIndex;
  }

  get size(): number {
    return this.docs.size;
  }

  /**
   * Whether loadCorpus is filling the corpus. Corpus searches wait for the end of a load: their
   * answers would be partial, and each would first merge the postings added since the last one
   * (seconds at a time in a corpus of tens of thousands of resolutions).
   */
  get loading(): boolean {
    return this.loads > 0;
  }

  /**
   * What a check reads the corpus as, taken once at its start: whether it is ready (no load under
   * way), and the index and size that tell a later state from this one (a load refills the index,
   * or replaces it when the corpus was cleared).
   */
  snapshot(): CorpusSnapshot {
    return { ready: !this.loading, echo: this.echoIndex, size: this.docs.size };
  }

  /** Counts a load in (`true`) or out; for loadCorpus. */
  markLoading(on: boolean): void {
    this.loads += on ? 1 : -1;
  }

  documents(): IterableIterator<CorpusDocument> {
    return this.docs.values();
  }

  get(key: string): CorpusDocument | undefined {
    return this.docs.get(key);
  }

  /** Adds (or replaces) a document; `prints`, if given, is documentPrints(echoParagraphs(doc)). */
  add(doc: CorpusDocument, prints?: DocumentPrints): void {
    this.register(doc);
    this.fingerprints.add(doc.key, echoParagraphs(doc), prints);
    // The document shares the index's copy of a text that another paragraph has too.
    const held = this.fingerprints.textsOf(doc.key)!.texts;
    doc.paragraphs.forEach((p, i) => (p.text = held[i]));
  }

  remove(key: string): void {
    if (this.forget(key)) this.fingerprints.remove(key);
  }

  clear(): void {
    this.docs.clear();
    this.symbols.clear();
    this.citers.clear();
    this.verbCache = undefined;
    this.voteCache.clear();
    this.adopt(new FingerprintIndex());
  }

  /** Makes `index` the corpus's fingerprint index, with searches of its own (an empty memo). */
  private adopt(index: FingerprintIndex): void {
    this.fingerprints = index;
    this.echoIndex = new EchoIndex(index);
  }

  /**
   * Fills an empty corpus with `docs` and takes over `index`, a cached fingerprint index that
   * holds each of them exactly as add() would index it (the cache took their texts from it), so
   * that they are not fingerprinted again. Documents the index holds beyond `docs` are dropped
   * from it. Returns false, having done nothing, when the corpus is not empty or when much of
   * the index would have to be dropped (the corpus roots changed): dropping costs as much as adding.
   * Works in slices between which `yieldNow` is awaited, and stops when `cancelled` says so.
   */
  async restore(
    docs: readonly CorpusDocument[],
    index: FingerprintIndex,
    opts: { yieldNow?: YieldNow; cancelled?: () => boolean } = {},
  ): Promise<boolean> {
    const wanted = new Set(docs.map((d) => d.key));
    const stale = index.documentKeys().filter((k) => !wanted.has(k));
    // Dropping a document costs about what adding it does.
    if (this.docs.size > 0 || stale.length > wanted.size / 2) return false;
    this.adopt(index);
    const pace = pacer(opts.yieldNow ?? (async () => undefined));
    for (const key of stale) {
      index.remove(key);
      await pace();
    }
    for (const d of docs) {
      if (opts.cancelled?.()) break;
      if (index.has(d.key)) this.register(d);
      else this.add(d);
      await pace();
    }
    return true;
  }

  /** Records a document everywhere but in the fingerprint index. */
  private register(doc: CorpusDocument): void {
    this.forget(doc.key);
    this.docs.set(doc.key, doc);
    pushTo(this.symbols, normalizeSymbol(doc.symbol), doc);
    for (const s of new Set(doc.citedDates.map((c) => normalizeSymbol(c.symbol)))) pushTo(this.citers, s, doc);
    this.verbCache = undefined;
    this.voteCache.clear();
  }

  /** Undoes register(); false if there was no such document. */
  private forget(key: string): boolean {
    const old = this.docs.get(key);
    if (!old) return false;
    this.docs.delete(key);
    removeFrom(this.symbols, normalizeSymbol(old.symbol), old);
    for (const s of new Set(old.citedDates.map((c) => normalizeSymbol(c.symbol)))) removeFrom(this.citers, s, old);
    this.verbCache = undefined;
    this.voteCache.clear();
    return true;
  }

  bySymbol(symbol: string): CorpusDocument | undefined {
    return this.symbols.get(normalizeSymbol(symbol))?.[0];
  }

  /** Every document with this symbol (a resolution can be in the corpus twice). */
  allBySymbol(symbol: string): readonly CorpusDocument[] {
    return this.symbols.get(normalizeSymbol(symbol)) ?? [];
  }

  /**
   * The adoption date of a resolution: its own closing date when it is in the corpus, else the
   * date most corpus documents cite it with. Documents whose keys are in `exclude` (a draft that
   * is itself in the corpus) are not heard.
   */
  knownDate(symbol: string, exclude?: ReadonlySet<string>): KnownDate | undefined {
    const want = normalizeSymbol(symbol);
    const own = this.symbols.get(want)?.find((d) => d.date && !exclude?.has(d.key));
    if (own?.date) return { date: own.date, source: 'own', witnesses: [own.symbol] };
    let best: { date: AdoptionDate; witnesses: string[] } | undefined;
    for (const v of this.dateVotes(want)) {
      const witnesses = exclude?.size ? [...v.witnesses].filter(([key]) => !exclude.has(key)) : [...v.witnesses];
      if (witnesses.length && (!best || witnesses.length > best.witnesses.length)) {
        best = { date: v.date, witnesses: witnesses.map(([, s]) => s) };
      }
    }
    return best && { date: best.date, source: 'cited', witnesses: best.witnesses };
  }

  /**
   * The dates a resolution is cited with, each with its citing documents (key → symbol). Kept
   * until the corpus changes: diagnostics ask for every citation of the draft on every edit,
   * and a much-cited resolution has thousands of citers in a large corpus.
   */
  private dateVotes(want: string): { date: AdoptionDate; witnesses: Map<string, string> }[] {
    const cached = this.voteCache.get(want);
    if (cached) return cached;
    const votes = new Map<string, { date: AdoptionDate; witnesses: Map<string, string> }>();
    for (const d of this.citers.get(want) ?? []) {
      for (const c of d.citedDates) {
        if (normalizeSymbol(c.symbol) !== want) continue;
        const k = `${c.date.year}-${c.date.month}-${c.date.day}`;
        const v = votes.get(k) ?? { date: c.date, witnesses: new Map<string, string>() };
        v.witnesses.set(d.key, d.symbol);
        votes.set(k, v);
      }
    }
    const list = [...votes.values()];
    this.voteCache.set(want, list);
    return list;
  }

  /** How often each verb (as written, with its prefix) opens a paragraph of the kind. */
  verbCounts(kind: ParagraphKind): Map<string, number> {
    if (!this.verbCache) {
      const cache = new Map<ParagraphKind, Map<string, number>>([
        ['preambular', new Map()],
        ['operative', new Map()],
      ]);
      for (const d of this.docs.values()) {
        for (const p of d.paragraphs) {
          if (!p.verb) continue;
          const m = cache.get(p.kind)!;
          m.set(p.verb, (m.get(p.verb) ?? 0) + 1);
        }
      }
      this.verbCache = cache;
    }
    return this.verbCache.get(kind)!;
  }
}

/** A document's paragraphs as the fingerprint index takes them. */
export function echoParagraphs(doc: CorpusDocument): EchoParagraph[] {
  // Paragraph keys are positions in doc.paragraphs: labels can repeat in a badly numbered text.
  return doc.paragraphs.map((p, i) => ({ key: String(i), text: p.text, verbPrefixLength: p.verbPrefix?.length }));
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function removeFrom<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (!list) return;
  const i = list.indexOf(v);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) m.delete(k);
}

/** `A/RES/56/24 V`, `a/res/56/24V` → one form for comparison. */
export function normalizeSymbol(symbol: string): string {
  return symbol.toUpperCase().replace(/\s+/g, '');
}

/** The compact corpus form of a parsed resolution. */
export function summarize(key: string, res: Resolution): CorpusDocument {
  const date = res.closing?.date ?? headingDate(res);
  const citedDates = res.citations
    .filter((c) => c.kind === 'resolution' && c.date)
    .map((c) => ({ symbol: c.symbol, date: c.date! }));
  return {
    key,
    symbol: res.symbol ?? symbolFromFileName(key),
    title: res.title?.text,
    date,
    paragraphs: paragraphs(res).map((p) => ({
      label: p.label,
      kind: p.kind,
      text: p.body.text,
      verb: p.verb?.text,
      verbPrefix: p.verb?.prefix,
    })),
    citedDates,
  };
}

/** `2017 年 12 月 4 日大会决议` in the heading of an adopted resolution. */
function headingDate(res: Resolution): AdoptionDate | undefined {
  const line = res.heading.find((h) => h.kind === 'adopted');
  return line && parseDate(line.text);
}

/** `.../A-RES-72-57.md` → `A/RES/72/57`; otherwise the file name. */
export function symbolFromFileName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const name = base.replace(/\.(unres\.md|[^.]+)$/, '');
  const m = /^([A-Z]{1,4})[-_](RES[-_])?(\d{1,3})[-_](\d{1,4})(?:[-_][A-Z])?$/.exec(name);
  return m ? `${m[1]}/${m[2] ? 'RES/' : ''}${m[3]}/${m[4]}` : name;
}

export interface LoadReport {
  documents: number;
  skipped: { path: string; reason: string }[];
  /** Documents taken unchanged from the cache (LoadOptions.cache). */
  fromCache?: number;
}

/** A corpus file that is not a resolution, for as long as it is unchanged. */
export interface SkippedFile {
  skipped: string;
}

/**
 * What earlier loads learnt about corpus files, so that a file whose size and modification time
 * are unchanged is neither read nor parsed again. The Node implementation keeps it in one file
 * (server/src/node/indexCache.ts); loadCorpus only calls get, set and takeIndex, and the
 * caller saves with flush() once the corpus is loaded.
 */
export interface CorpusCache {
  /** The summary (or reason to skip) recorded for `path`, if `stat` has the recorded size and mtimeMs. */
  get(path: string, stat: FileStat): CorpusDocument | SkippedFile | undefined;
  set(path: string, stat: FileStat, entry: CorpusDocument | SkippedFile): void;
  /**
   * A fingerprint index holding every document get() returns, each exactly as Corpus.add indexes
   * it, or undefined. Handed over once: the corpus that takes it owns it.
   */
  takeIndex?(): FingerprintIndex | undefined;
  /**
   * Saves what this load saw (files not seen are forgotten) with `corpus`'s fingerprint index;
   * true if something was written. Never throws.
   */
  flush(corpus: Corpus): Promise<boolean>;
}

/** A corpus file read and parsed (readCorpusEntry), with its fingerprints when computed ahead. */
export interface ReadEntry {
  value: CorpusDocument | SkippedFile;
  /** The answer holds for as long as the file keeps the stat it was read with. */
  cacheable: boolean;
  /** documentPrints(echoParagraphs(value)), when computed where the file was read. */
  prints?: DocumentPrints;
}

/**
 * Reads and parses corpus files elsewhere (other threads: server/src/node/corpusReaders.ts)
 * with readCorpusEntry. Never rejects.
 */
export interface CorpusReader {
  read(path: string, stat: FileStat): Promise<ReadEntry>;
  /** Called once the load is over. */
  close(): void;
}

export interface LoadOptions {
  fs: FileSystem;
  /**
   * A reader for a load that has `files` files to read, or undefined to read them here; loads
   * of a few files are not worth starting threads for.
   */
  reader?: (files: number) => CorpusReader | undefined;
  logger: Logger;
  /** Called as files are read: done so far, total found. */
  progress?: (done: number, total: number) => void;
  /** Stops reading when it returns true (settings changed, server shutting down). */
  cancelled?: () => boolean;
  /**
   * Summaries of unchanged files from earlier loads; the caller flushes it afterwards. A promise
   * is awaited once the folders are walked, so that opening the cache and the walk overlap.
   */
  cache?: CorpusCache | Promise<CorpusCache>;
}

interface FoundFile {
  path: string;
  stat: FileStat;
}

/** Reads every corpus file under `roots` (files or folders, recursively) into `corpus`. */
export async function loadCorpus(corpus: Corpus, roots: string[], opts: LoadOptions): Promise<LoadReport> {
  corpus.markLoading(true);
  try {
    return await loadInto(corpus, roots, opts);
  } finally {
    corpus.markLoading(false);
  }
}

async function loadInto(corpus: Corpus, roots: string[], opts: LoadOptions): Promise<LoadReport> {
  const report: LoadReport = { documents: 0, skipped: [] };
  const files: FoundFile[] = [];
  const walk: Walk = { visited: new Map(), ancestors: [] };
  for (const root of roots) await collectFiles(root, opts, files, report, true, walk);
  let done = 0;
  let queue = files.slice();
  const cache = await opts.cache;
  if (cache && !opts.cancelled?.()) {
    const hits: CorpusDocument[] = [];
    queue = [];
    for (const f of files) {
      const entry = cache.get(f.path, f.stat);
      if (!entry) queue.push(f);
      else if ('skipped' in entry) report.skipped.push({ path: f.path, reason: entry.skipped });
      else hits.push(entry);
    }
    const index = cache.takeIndex?.();
    if (!index || !(await corpus.restore(hits, index, { yieldNow: pause, cancelled: opts.cancelled }))) {
      // Fingerprinting is the slow part of a load: let the server answer requests meanwhile.
      for (let i = 0; i < hits.length && !opts.cancelled?.(); i++) {
        corpus.add(hits[i]);
        if (i % 64 === 63) await pause();
      }
    }
    report.documents += hits.length;
    report.fromCache = hits.length;
    done = files.length - queue.length;
    if (done > 0) opts.progress?.(done, files.length);
  }
  // Files are read (and, by a reader, parsed) ahead, and added in order, so that a load gives
  // the same index whatever order the reads complete in.
  const reader = queue.length > 0 ? opts.reader?.(queue.length) : undefined;
  const readAhead = reader ? READ_AHEAD_THREADS : READ_AHEAD;
  // Corpus files are mostly Chinese in UTF-8: about 3 bytes a character.
  corpus.index.reserve(queue.reduce((n, f) => n + Math.min(f.stat.size, MAX_CORPUS_FILE_BYTES), 0) / 3);
  const read = (f: FoundFile) => (reader ? reader.read(f.path, f.stat) : readCorpusEntry(f.path, opts.fs, f.stat));
  const ahead: Promise<ReadEntry>[] = [];
  const pace = pacer(pause);
  try {
    for (let i = 0, next = 0; i < queue.length && !opts.cancelled?.(); i++) {
      for (; next < queue.length && next < i + readAhead; next++) ahead.push(read(queue[next]));
      const f = queue[i];
      const { value, cacheable, prints } = await ahead.shift()!;
      if (opts.cancelled?.()) break;
      if ('skipped' in value) {
        report.skipped.push({ path: f.path, reason: value.skipped });
      } else {
        corpus.add(value, prints);
        report.documents++;
      }
      if (cacheable) cache?.set(f.path, f.stat, value);
      opts.progress?.(++done, files.length);
      await pace();
    }
  } finally {
    reader?.close();
  }
  // The first query after a load would merge the new postings into the index in one go (seconds
  // for tens of thousands of files): done here, in slices, before the corpus is declared ready.
  if (!opts.cancelled?.()) await corpus.index.prepare(pause);
  for (const s of report.skipped) opts.logger.warn(`corpus: skipped ${s.path}: ${s.reason}`);
  return report;
}

/** Files being read ahead of the one being added, here and by a reader (threads answering in batches). */
const READ_AHEAD = 32;
const READ_AHEAD_THREADS = 256;

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Deeper folders are not walked: a symlink loop where the file system cannot resolve real paths
 * (FileSystem.realpath), or a tree no corpus has.
 */
export const MAX_FOLDER_DEPTH = 32;
/** Stats of a folder's entries under way at once. */
const STAT_AHEAD = 64;

/** The folders a walk has entered, by real path, and the chain of real paths down to the current one. */
interface Walk {
  visited: Map<string, string>;
  ancestors: string[];
}

async function collectFiles(
  path: string,
  opts: LoadOptions,
  out: FoundFile[],
  report: LoadReport,
  explicit: boolean,
  walk: Walk = { visited: new Map(), ancestors: [] },
  /** The stat of `path` (or its failure), when already made. */
  known?: Promise<FileStat>,
): Promise<void> {
  let stat;
  try {
    stat = await (known ?? opts.fs.stat(path));
  } catch (e) {
    report.skipped.push({ path, reason: `cannot read (${errorText(e)})` });
    return;
  }
  if (stat.isFile) {
    if (explicit || isCorpusFileName(path)) out.push({ path, stat });
    return;
  }
  if (!stat.isDirectory) return;
  if (walk.ancestors.length >= MAX_FOLDER_DEPTH) {
    report.skipped.push({ path, reason: `folder nested more than ${MAX_FOLDER_DEPTH} deep (a symlink loop?)` });
    return;
  }
  let real = path;
  if (opts.fs.realpath) {
    try {
      real = await opts.fs.realpath(path);
    } catch (e) {
      report.skipped.push({ path, reason: `cannot read (${errorText(e)})` });
      return;
    }
  }
  const first = walk.visited.get(real);
  if (first !== undefined) {
    // A folder inside which the walk already is: a symlink to a parent. Otherwise the folder is
    // reached a second way (a symlink to a sibling, overlapping roots) and already indexed.
    if (walk.ancestors.includes(real)) report.skipped.push({ path, reason: `symlink loop (the same folder as ${first})` });
    return;
  }
  walk.visited.set(real, path);
  let names: string[];
  try {
    names = await opts.fs.readDirectory(path);
  } catch (e) {
    report.skipped.push({ path, reason: `cannot list folder (${errorText(e)})` });
    return;
  }
  walk.ancestors.push(real);
  const children = names
    .sort()
    .filter((name) => !name.startsWith('.') && name !== 'node_modules')
    .map((name) => opts.fs.join(path, name));
  // The children's stats STAT_AHEAD at a time (a folder of thousands of files), walked in order.
  const stats: Promise<FileStat>[] = [];
  for (let i = 0; i < children.length; i++) {
    for (let j = stats.length; j < Math.min(children.length, i + STAT_AHEAD); j++) {
      stats.push(opts.fs.stat(children[j]));
      stats[j].catch(() => undefined); // awaited (and reported) in turn below
    }
    await collectFiles(children[i], opts, out, report, false, walk, stats[i]);
  }
  walk.ancestors.pop();
}

export function isCorpusFileName(path: string): boolean {
  const lower = path.toLowerCase();
  // `~$draft.docx`: the lock file Word keeps beside a document it has open.
  if (/(^|[\\/])~\$[^\\/]*$/.test(path)) return false;
  return CORPUS_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * A summary, or why not. `cacheable` when the answer holds for as long as the file keeps `stat`:
 * not after an I/O error, nor when the file changed between stat and read (a corpus folder being
 * written while it is indexed); the next load reads such a file again.
 */
export async function readCorpusEntry(path: string, fs: FileSystem, stat?: FileStat, withPrints = false): Promise<ReadEntry> {
  const skip = (skipped: string, cacheable: boolean) => ({ value: { skipped }, cacheable });
  let bytes: Uint8Array;
  try {
    stat ??= await fs.stat(path);
    if (stat.size > MAX_CORPUS_FILE_BYTES) return skip(TOO_LARGE, true);
    if (stat.size === 0) return skip('empty file', true);
    bytes = await fs.readFile(path);
  } catch (e) {
    return skip(`cannot read (${errorText(e)})`, false);
  }
  const cacheable = bytes.length === stat.size;
  if (bytes.length > MAX_CORPUS_FILE_BYTES) return skip(TOO_LARGE, cacheable);
  if (bytes.length === 0) return skip('empty file', cacheable);
  let text: string | undefined;
  try {
    text = await fs.documentText?.(path, bytes);
  } catch (e) {
    return skip(errorText(e), cacheable);
  }
  if (text === undefined) {
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      return skip(decoded.reason === 'binary' ? 'not a text file (binary)' : 'not a text file (neither UTF-8, UTF-16 nor GB18030)', cacheable);
    }
    text = decoded.text;
  }
  try {
    const res = parseResolution(text);
    if (res.preambular.length + res.operative.length === 0) return skip('no paragraphs found', cacheable);
    const doc = summarize(path, res);
    return { value: doc, cacheable, prints: withPrints ? documentPrints(echoParagraphs(doc)) : undefined };
  } catch (e) {
    return skip(`could not be parsed (${errorText(e)})`, cacheable);
  }
}

const TOO_LARGE = `larger than ${MAX_CORPUS_FILE_BYTES / 1024 / 1024} MiB`;

function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err?.code === 'ELOOP') return 'ELOOP, a symlink loop';
  return err?.code ?? err?.message ?? String(e);
}
