// The corpus: earlier resolutions the draft is compared with and cited from.
//
// Documents are kept as compact summaries (clean paragraph texts, dates, citations), not as
// parsed models with offset maps, so that tens of thousands of them fit in memory.
import { AdoptionDate, ParagraphKind, Resolution, paragraphs } from './model';
import { parseResolution } from './parse';
import { decodeText } from './decode';
import { parseDate } from './dates';
import { FileSystem, Logger } from './fileSystem';
import { EchoIndex } from './match/echo';

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

export const CORPUS_EXTENSIONS = ['.txt', '.md', '.unres', '.markdown'];
/** Larger files are not resolutions; reading them would only stall indexing. */
export const MAX_CORPUS_FILE_BYTES = 4 * 1024 * 1024;

export class Corpus {
  private readonly docs = new Map<string, CorpusDocument>();
  /** normalized symbol → documents with that symbol (the same resolution may be in two files). */
  private readonly symbols = new Map<string, CorpusDocument[]>();
  /** normalized cited symbol → documents citing it with a date. */
  private readonly citers = new Map<string, CorpusDocument[]>();
  private verbCache?: Map<ParagraphKind, Map<string, number>>;
  /** Fingerprint index of every corpus paragraph, kept in step with the documents. */
  readonly echo = new EchoIndex();

  get size(): number {
    return this.docs.size;
  }

  documents(): IterableIterator<CorpusDocument> {
    return this.docs.values();
  }

  get(key: string): CorpusDocument | undefined {
    return this.docs.get(key);
  }

  add(doc: CorpusDocument): void {
    this.remove(doc.key);
    this.docs.set(doc.key, doc);
    pushTo(this.symbols, normalizeSymbol(doc.symbol), doc);
    for (const s of new Set(doc.citedDates.map((c) => normalizeSymbol(c.symbol)))) pushTo(this.citers, s, doc);
    this.verbCache = undefined;
    // Paragraph keys are positions in doc.paragraphs: labels can repeat in a badly numbered text.
    this.echo.addDocument(
      doc.key,
      doc.paragraphs.map((p, i) => ({ key: String(i), text: p.text, verbPrefixLength: p.verbPrefix?.length })),
    );
  }

  remove(key: string): void {
    const old = this.docs.get(key);
    if (!old) return;
    this.docs.delete(key);
    removeFrom(this.symbols, normalizeSymbol(old.symbol), old);
    for (const s of new Set(old.citedDates.map((c) => normalizeSymbol(c.symbol)))) removeFrom(this.citers, s, old);
    this.verbCache = undefined;
    this.echo.removeDocument(key);
  }

  clear(): void {
    for (const key of [...this.docs.keys()]) this.remove(key);
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
    const votes = new Map<string, { date: AdoptionDate; witnesses: string[] }>();
    for (const d of this.citers.get(want) ?? []) {
      if (exclude?.has(d.key)) continue;
      for (const c of d.citedDates) {
        if (normalizeSymbol(c.symbol) !== want) continue;
        const k = `${c.date.year}-${c.date.month}-${c.date.day}`;
        const v = votes.get(k) ?? { date: c.date, witnesses: [] };
        if (!v.witnesses.includes(d.symbol)) v.witnesses.push(d.symbol);
        votes.set(k, v);
      }
    }
    let best: { date: AdoptionDate; witnesses: string[] } | undefined;
    for (const v of votes.values()) if (!best || v.witnesses.length > best.witnesses.length) best = v;
    return best && { date: best.date, source: 'cited', witnesses: best.witnesses };
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
}

export interface LoadOptions {
  fs: FileSystem;
  logger: Logger;
  /** Called as files are read: done so far, total found. */
  progress?: (done: number, total: number) => void;
  /** Stops reading when it returns true (settings changed, server shutting down). */
  cancelled?: () => boolean;
}

/** Reads every corpus file under `roots` (files or folders, recursively) into `corpus`. */
export async function loadCorpus(corpus: Corpus, roots: string[], opts: LoadOptions): Promise<LoadReport> {
  const report: LoadReport = { documents: 0, skipped: [] };
  const files: string[] = [];
  for (const root of roots) await collectFiles(root, opts, files, report, true);
  let done = 0;
  const queue = files.slice();
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined && !opts.cancelled?.(); path = queue.shift()) {
      const doc = await readCorpusFile(path, opts.fs, report);
      if (doc) {
        corpus.add(doc);
        report.documents++;
      }
      opts.progress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  for (const s of report.skipped) opts.logger.warn(`corpus: skipped ${s.path}: ${s.reason}`);
  return report;
}

async function collectFiles(path: string, opts: LoadOptions, out: string[], report: LoadReport, explicit: boolean): Promise<void> {
  let stat;
  try {
    stat = await opts.fs.stat(path);
  } catch (e) {
    report.skipped.push({ path, reason: `cannot read (${errorText(e)})` });
    return;
  }
  if (stat.isFile) {
    if (explicit || isCorpusFileName(path)) out.push(path);
    return;
  }
  if (!stat.isDirectory) return;
  let names: string[];
  try {
    names = await opts.fs.readDirectory(path);
  } catch (e) {
    report.skipped.push({ path, reason: `cannot list folder (${errorText(e)})` });
    return;
  }
  for (const name of names.sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    await collectFiles(opts.fs.join(path, name), opts, out, report, false);
  }
}

export function isCorpusFileName(path: string): boolean {
  const lower = path.toLowerCase();
  return CORPUS_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** One corpus file → its summary, or a reason in the report. */
export async function readCorpusFile(path: string, fs: FileSystem, report: LoadReport): Promise<CorpusDocument | undefined> {
  try {
    const stat = await fs.stat(path);
    if (stat.size > MAX_CORPUS_FILE_BYTES) {
      report.skipped.push({ path, reason: `larger than ${MAX_CORPUS_FILE_BYTES / 1024 / 1024} MiB` });
      return undefined;
    }
    const decoded = decodeText(await fs.readFile(path));
    if (!decoded.ok) {
      report.skipped.push({ path, reason: 'not a text file' });
      return undefined;
    }
    const res = parseResolution(decoded.text);
    if (res.preambular.length + res.operative.length === 0) {
      report.skipped.push({ path, reason: 'no paragraphs found' });
      return undefined;
    }
    return summarize(path, res);
  } catch (e) {
    report.skipped.push({ path, reason: `cannot read (${errorText(e)})` });
    return undefined;
  }
}

function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string };
  return err?.code ?? err?.message ?? String(e);
}
