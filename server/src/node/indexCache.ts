// The corpus index cache on disk: the summaries of the corpus files a load saw (with each file's
// size and mtimeMs) and the corpus's echo index, in one file, so that the next start neither
// reads nor parses nor fingerprints a file that has not changed.
//
// Folder: the client's storage folder (`storagePath` in initializationOptions) when given, else
// `$XDG_CACHE_HOME/unres`, else `~/.cache/unres`. File `corpus-index.bin`:
//
//   0   8  magic `UNRESIDX`
//   8   4  schema (u32 LE, CACHE_SCHEMA)
//   12  4  header length H (u32 LE; the writer reserves HEADER_SLOT bytes)
//   16  H  header, JSON (padded with spaces): { schema, engine, entriesBytes, indexBytes, crc }
//   ..     entries, one line each: [path, size, mtimeMs, summary | { skipped }] as JSON; a
//          summary has no key (the path is) and the number of its paragraphs; for a summary
//          the line goes on with a tab and its paragraphs by field as JSON, without texts (the
//          echo index has them), each field as runs (see Run): { count, label: [['PP', 1, 23],
//          ['OP', 1, 24]], kind: [['preambular', 23], …], verb: […] }, decoded on first use
//   ..     zero bytes up to a multiple of 8 (codec.ts ALIGN)
//   ..     the echo index (FingerprintIndex.toBuffer's bytes, written as toChunks makes
//          them), which holds the paragraph texts; aligned, so that its typed arrays are
//          views of the bytes read rather than copies
//
// Both directions work in slices of about SLICE.ms (slices.ts) with pauses between them, so that a server
// keeps answering while a cache of tens of thousands of resolutions (~300 MB) is read or
// written: the file is written as a stream of chunks, the header (lengths, checksum) last, in
// the slot reserved for it; it is read whole and checksummed on a worker thread (readChecked),
// then decoded in slices.
//
// `crc` is the CRC-32 of everything after the header (entries, padding and index). A missing
// file is an empty cache; a file that is corrupt, truncated, foreign, of another schema or
// engine version is ignored (one log line) and replaced at the next flush. The file is written to a temporary name and renamed, so a
// reader sees the old file or the new one. Nothing here throws: a folder that cannot be
// written is reported once and the server runs without a cache.
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { crc32 } from 'zlib';
import { Corpus, CorpusCache, CorpusDocument, CorpusParagraph, SkippedFile } from '../engine/corpus';
import { FileStat, Logger } from '../engine/fileSystem';
import { padding } from '../engine/match/codec';
import { FingerprintIndex, IndexChangedError } from '../engine/match/index';
import { pacer } from '../engine/match/slices';
import { CACHE_ENGINE } from '../engine/version';

export const CACHE_FILE_NAME = 'corpus-index.bin';
/**
 * Bump when the layout above or the entries' encoding changes, or when files once skipped may
 * now be read (5: .docx and .pdf files, which earlier versions skipped as binary; 6: the echo
 * index aligned, its sections too).
 */
export const CACHE_SCHEMA = 6;
const MAGIC = 'UNRESIDX';
const PREFIX_BYTES = 16;
/** Bytes reserved for the header, which is written last. */
const HEADER_SLOT = 512;
/** Entries per write. */
const ENTRIES_PER_WRITE = 256;
/** Bytes checksummed between pauses. */
const CRC_STEP = 1 << 23;
/**
 * A file modified this shortly before the load began may change again within the same mtime
 * tick (file systems with coarse timestamps): its summary is not saved, so it is read next time.
 */
const RACY_MS = 2000;

/** The cache folder: `storagePath` when given, else `$XDG_CACHE_HOME/unres`, else `~/.cache/unres`. */
export function indexCacheFolder(storagePath?: unknown, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (typeof storagePath === 'string' && storagePath.trim() !== '') return path.resolve(storagePath);
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec: a relative path is invalid and to be ignored.
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'unres');
  let home = '';
  try {
    home = os.homedir();
  } catch {
    // No home folder: no cache.
  }
  return home ? path.join(home, '.cache', 'unres') : undefined;
}

interface Entry {
  size: number;
  mtimeMs: number;
  value: CorpusDocument | SkippedFile;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Folders already reported as unwritable: reported once per process, then left alone. */
const unwritable = new Set<string>();

export class IndexCache implements CorpusCache {
  /** What the file held. */
  private readonly stored: Map<string, Entry>;
  /** What this load saw: the entries the next file will hold. */
  private readonly seen = new Map<string, Entry>();
  private index: FingerprintIndex | undefined;
  /** Documents whose paragraphs are made on first use (lazyParagraphs), until settle() makes them. */
  private lazy: CorpusDocument[];
  private changed = false;
  private readonly startedAt = Date.now();

  private constructor(
    /** The cache file, or undefined for a cache that keeps nothing. */
    readonly file: string | undefined,
    private readonly logger: Logger,
    stored?: { entries: Map<string, Entry>; index: FingerprintIndex; lazy: CorpusDocument[] },
  ) {
    this.stored = stored?.entries ?? new Map();
    this.index = stored?.index;
    this.lazy = stored?.lazy ?? [];
  }

  /** Reads the cache file in `folder` (undefined: no cache). Never throws. */
  static async open(folder: string | undefined, logger: Logger): Promise<IndexCache> {
    if (!folder) return new IndexCache(undefined, logger);
    const file = path.join(folder, CACHE_FILE_NAME);
    let read: { buf: Buffer; crc: number };
    try {
      read = await readChecked(file);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') logger.warn(`unres: cannot read the index cache ${file} (${code ?? String(e)}); indexing without it`);
      return new IndexCache(file, logger);
    }
    try {
      return new IndexCache(file, logger, await decode(read.buf, read.crc, logger));
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      logger.info(`unres: index cache ${file} ignored (${why}); it will be rebuilt`);
      return new IndexCache(file, logger);
    }
  }

  /** Number of entries read from the file. */
  get size(): number {
    return this.stored.size;
  }

  get(path: string, stat: FileStat): CorpusDocument | SkippedFile | undefined {
    const e = this.stored.get(path);
    if (!e || e.size !== stat.size || e.mtimeMs !== stat.mtimeMs) return undefined;
    this.seen.set(path, e);
    return e.value;
  }

  set(path: string, stat: FileStat, value: CorpusDocument | SkippedFile): void {
    this.seen.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, value });
    this.changed = true;
  }

  /**
   * Makes the paragraphs of the documents read from the file that nothing has asked for yet and
   * that `corpus` holds (not those of files changed since, which its index holds as read now),
   * in the background (2 ms every 48 ms, on timers that do not keep the process alive), so that
   * the first completion (verb counts over the whole corpus) does not make them all at once.
   */
  private settle(corpus: Corpus): void {
    const docs = this.lazy.filter((d) => corpus.get(d.key) === d);
    this.lazy = [];
    let i = 0;
    const step = () => {
      // A few milliseconds at a time: a keystroke's diagnostics may be waiting.
      const until = Date.now() + SETTLE_MS;
      while (i < docs.length && Date.now() < until) void docs[i++].paragraphs;
      if (i < docs.length) setTimeout(step, SETTLE_GAP_MS).unref();
    };
    if (docs.length) setTimeout(step, SETTLE_GAP_MS).unref();
  }

  takeIndex(): FingerprintIndex | undefined {
    const index = this.index;
    this.index = undefined;
    return index;
  }

  /**
   * Writes what the load saw, unless it is what the file already holds. Documents must still be
   * in `corpus` (the same objects), whose echo index is saved with them. True when the file was
   * written. Never throws.
   */
  async flush(corpus: Corpus): Promise<boolean> {
    this.settle(corpus);
    const file = this.file;
    if (!file || unwritable.has(path.dirname(file))) return false;
    if (!this.changed && this.seen.size === this.stored.size) return false;
    const folder = path.dirname(file);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    let handle: fsp.FileHandle | undefined;
    try {
      await fsp.mkdir(folder, { recursive: true });
      handle = await fsp.open(tmp, 'w');
      await encode(handle, this.seen, corpus, this.startedAt - RACY_MS);
      await handle.sync();
      await handle.close();
      handle = undefined;
      await fsp.rename(tmp, file);
      this.changed = false;
      await removeLeftovers(file);
      return true;
    } catch (e) {
      await handle?.close().catch(() => undefined);
      await fsp.unlink(tmp).catch(() => undefined);
      if (e instanceof IndexChangedError) {
        // The corpus changed while it was being saved (not while a server loads): next time.
        this.logger.info(`unres: index cache not saved (${e.message})`);
        return false;
      }
      unwritable.add(folder);
      const code = (e as { code?: string }).code;
      this.logger.warn(`unres: cannot write the index cache in ${folder} (${code ?? String(e)}); running without it`);
      return false;
    }
  }
}

/**
 * Milliseconds of settle() between pauses, and of the pauses: it has all the time it wants (~10 s
 * at 30,000 resolutions), and 4 ms every 16 ms put keystrokes right after a warm start from a
 * p95 of 79–88 ms to 90–112 ms (the garbage collector tracing what it makes).
 */
const SETTLE_MS = 2;
const SETTLE_GAP_MS = 48;

/** Temporary files of writers that were killed (older than an hour), in the folder of `file`. */
async function removeLeftovers(file: string): Promise<void> {
  const folder = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  try {
    for (const name of await fsp.readdir(folder)) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const p = path.join(folder, name);
      const stat = await fsp.stat(p);
      if (Date.now() - stat.mtimeMs > 3_600_000) await fsp.unlink(p);
    }
  } catch {
    // Left for the next time.
  }
}

/** Opens the cache in `folder` (see indexCacheFolder); never throws. */
export function openIndexCache(folder: string | undefined, logger: Logger): Promise<IndexCache> {
  return IndexCache.open(folder, logger);
}

// --- the file -------------------------------------------------------------------------------

interface Header {
  schema: number;
  engine: string;
  entriesBytes: number;
  indexBytes: number;
  crc: number;
}

/**
 * Paragraph fields as columns (`null`: no value): JSON with each name once per document rather
 * than once per paragraph, a third the size and quicker to read. Any field is kept, so a field
 * added to CorpusParagraph needs no change here. Each column is a list of runs (see runs()).
 */
type Columns = { count: number } & { [field: string]: Run[] };
/**
 * `[value, n]`: n times the value (`preambular` 23 times); `[prefix, first, n]`: prefix + first,
 * prefix + (first + 1), … (`PP1` … `PP23`). A document's kinds and labels are then a few runs.
 */
type Run = [value: unknown, count: number] | [prefix: string, first: number, count: number];

const NUMBERED = /^(.*?)(0|[1-9][0-9]{0,8})$/;

function runs(values: readonly unknown[]): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < values.length; ) {
    const v = values[i];
    let same = i + 1;
    while (same < values.length && values[same] === v) same++;
    const m = typeof v === 'string' ? NUMBERED.exec(v) : null;
    let seq = i + 1;
    if (m) {
      const first = Number(m[2]);
      while (seq < values.length && values[seq] === `${m[1]}${first + seq - i}`) seq++;
    }
    if (m && seq - i >= 2 && seq - i >= same - i) {
      out.push([m[1], Number(m[2]), seq - i]);
      i = seq;
    } else {
      out.push([v, same - i]);
      i = same;
    }
  }
  return out;
}

/**
 * One string object per distinct label or verb across the whole cache (`PP1`, `又强调`): a
 * million paragraphs hold a few hundred distinct values, and a string each would be a million
 * objects more for the garbage collector to trace.
 */
type Strings = Map<string, string>;

function shared(strings: Strings, s: unknown): unknown {
  if (typeof s !== 'string') return s;
  const known = strings.get(s);
  if (known !== undefined) return known;
  strings.set(s, s);
  return s;
}

function fromRuns(column: Run[], count: number, strings: Strings): unknown[] {
  const out: unknown[] = [];
  for (const r of column) {
    if (r.length === 3) for (let k = 0; k < r[2]; k++) out.push(shared(strings, `${r[0]}${r[1] + k}`));
    else {
      const v = shared(strings, r[0]);
      for (let k = 0; k < r[1]; k++) out.push(v);
    }
  }
  if (out.length !== count) throw new Error('corrupt entries');
  return out;
}
/** A document as stored: no key (the path is), no paragraph texts (the echo index has them). */
type StoredDocument = Omit<CorpusDocument, 'key' | 'paragraphs'> & { paragraphs: number };
type StoredEntry = [path: string, size: number, mtimeMs: number, value: StoredDocument | SkippedFile];

function toColumns(paragraphs: readonly CorpusParagraph[]): Columns {
  const values: Record<string, unknown[]> = {};
  paragraphs.forEach((p, i) => {
    for (const [field, value] of Object.entries(p)) {
      if (field === 'text' || field === 'count' || value === undefined) continue;
      (values[field] ??= new Array(paragraphs.length).fill(null))[i] = value;
    }
  });
  const columns: Columns = { count: paragraphs.length } as Columns;
  for (const [field, column] of Object.entries(values)) columns[field] = runs(column);
  return columns;
}

/** The paragraphs back, with their texts. */
function fromColumns(columns: Columns, texts: readonly string[], strings: Strings): CorpusParagraph[] {
  const fields = Object.keys(columns).filter((f) => f !== 'count');
  const values = fields.map((f) => fromRuns(columns[f], columns.count, strings));
  const out = new Array<CorpusParagraph>(columns.count);
  for (let i = 0; i < columns.count; i++) {
    const p: Record<string, unknown> = {};
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k];
      const v = values[k][i];
      if (v !== null) p[f] = v;
    }
    p.text = texts[i];
    out[i] = p as unknown as CorpusParagraph;
  }
  return out;
}

/**
 * Writes the file to `handle`, a stream of chunks. The echo index is rebuilt first if need be
 * (FingerprintIndex.toChunks); the entries are then those of the documents the index holds as they
 * were loaded, and the index must not change until its last chunk is written.
 */
async function encode(handle: fsp.FileHandle, seen: Map<string, Entry>, corpus: Corpus, racyFrom: number): Promise<void> {
  const index = corpus.index;
  const chunks = index.toChunks(pause);
  const first = await chunks.next();
  // Only documents the corpus (and so its echo index) holds as they were loaded.
  const kept = [...seen].filter(
    ([p, e]) => e.mtimeMs < racyFrom && ('skipped' in e.value || (corpus.get(p) === e.value && index.has(p))),
  );
  let at = PREFIX_BYTES + HEADER_SLOT;
  let crc = 0;
  const put = async (b: Buffer) => {
    crc = crc32(b, crc);
    for (let off = 0; off < b.length; ) {
      const { bytesWritten } = await handle.write(b, off, b.length - off, at);
      off += bytesWritten;
      at += bytesWritten;
    }
  };
  for (let i = 0; i < kept.length; i += ENTRIES_PER_WRITE) {
    const lines = kept.slice(i, i + ENTRIES_PER_WRITE).map(([p, e]) => `${storedLine(p, e)}\n`);
    await put(Buffer.from(lines.join('')));
  }
  const entriesEnd = at;
  if (padding(at)) await put(Buffer.alloc(padding(at)));
  if (!first.done) await put(first.value);
  for await (const chunk of chunks) await put(chunk);
  const header: Header = {
    schema: CACHE_SCHEMA,
    engine: CACHE_ENGINE,
    entriesBytes: entriesEnd - PREFIX_BYTES - HEADER_SLOT,
    indexBytes: at - entriesEnd - padding(entriesEnd),
    crc,
  };
  const head = Buffer.alloc(PREFIX_BYTES + HEADER_SLOT, ' ');
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(CACHE_SCHEMA, 8);
  head.writeUInt32LE(HEADER_SLOT, 12);
  const json = JSON.stringify(header);
  if (Buffer.byteLength(json) > HEADER_SLOT) throw new Error('cache header too long');
  head.write(json, PREFIX_BYTES);
  await handle.write(head, 0, head.length, 0);
}

/** An entry's line: the entry as JSON, then for a document a tab and its paragraphs' columns as JSON. */
function storedLine(p: string, e: Entry): string {
  if ('skipped' in e.value) return JSON.stringify([p, e.size, e.mtimeMs, { skipped: e.value.skipped }]);
  const { key: _key, paragraphs, ...rest } = e.value;
  const entry: StoredEntry = [p, e.size, e.mtimeMs, { ...rest, paragraphs: paragraphs.length }];
  // JSON never has a raw tab (one in a string is written `\t`).
  return `${JSON.stringify(entry)}\t${JSON.stringify(toColumns(paragraphs))}`;
}

/**
 * Makes `doc.paragraphs` on first use, with `make`: a warm start then decodes only what a
 * corpus registers (symbols, dates, citations), not a million paragraph objects, and
 * IndexCache.settle() makes the rest afterwards in the background.
 */
function lazyParagraphs(doc: CorpusDocument, make: () => CorpusParagraph[]): void {
  const put = (value: CorpusParagraph[]) => Object.defineProperty(doc, 'paragraphs', { value, writable: true, configurable: true, enumerable: true });
  Object.defineProperty(doc, 'paragraphs', {
    configurable: true,
    enumerable: true,
    get: () => {
      const value = make();
      put(value);
      return value;
    },
    set: put,
  });
}

/** Where the checksummed part of a cache file's bytes starts (the file is checked further by decode). */
function checksummedFrom(buf: Buffer): number {
  return buf.length < PREFIX_BYTES ? buf.length : Math.min(buf.length, PREFIX_BYTES + buf.readUInt32LE(12));
}

/**
 * Reads a cache file and checksums it on a worker thread (plain JavaScript, so that it runs from
 * the bundle and from the compiled tests alike): the main thread neither copies ~300 MB from
 * the file system in 512 KiB pieces nor spends ~0.1 s on their CRC. The bytes come back in
 * their own ArrayBuffer (transferred, not copied), starting at offset 0: the index's aligned
 * sections are then views of it.
 */
const READER = `
const { parentPort, workerData } = require('worker_threads');
const { readFileSync } = require('fs');
const { crc32 } = require('zlib');
try {
  let buf = readFileSync(workerData.file);
  // A small file may be a slice of Node's shared pool: copied into a buffer of its own.
  if (buf.byteOffset !== 0 || buf.byteLength !== buf.buffer.byteLength) buf = Buffer.from(new Uint8Array(buf).buffer);
  const from = buf.length < ${PREFIX_BYTES} ? buf.length : Math.min(buf.length, ${PREFIX_BYTES} + buf.readUInt32LE(12));
  parentPort.postMessage({ bytes: buf.buffer, crc: crc32(buf.subarray(from)) }, [buf.buffer]);
} catch (e) {
  parentPort.postMessage({ code: e && e.code, message: String(e && e.message || e) });
}`;

/**
 * The file's bytes and the CRC-32 of its checksummed part (checksummedFrom); rejects as
 * fsp.readFile does (with the error's `code`). Read on the main thread, checksummed in slices,
 * if the worker cannot be run.
 */
async function readChecked(file: string): Promise<{ buf: Buffer; crc: number }> {
  const inWorker = await new Promise<{ buf: Buffer; crc: number } | { code?: string; message: string } | undefined>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(READER, { eval: true, workerData: { file } });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (m: { bytes?: ArrayBuffer; crc?: number; code?: string; message: string }) => {
      resolve(m.bytes ? { buf: Buffer.from(m.bytes), crc: m.crc! } : m);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined)); // no-op once resolved
  });
  if (inWorker && 'buf' in inWorker) return inWorker;
  if (inWorker) throw Object.assign(new Error(inWorker.message), { code: inWorker.code });
  const buf = await fsp.readFile(file);
  let crc = 0;
  for (let at = checksummedFrom(buf); at < buf.length; at += CRC_STEP) {
    crc = crc32(buf.subarray(at, Math.min(buf.length, at + CRC_STEP)), crc);
    await pause();
  }
  return { buf, crc };
}

/**
 * The entries and echo index of a cache file; throws, saying why, if it is not a usable one.
 * Works in slices of about SLICE.ms with pauses between them (the whole is seconds for 20,000
 * resolutions), so that a server answers what came in meanwhile.
 */
async function decode(buf: Buffer, crc: number, logger: Logger): Promise<{ entries: Map<string, Entry>; index: FingerprintIndex; lazy: CorpusDocument[] }> {
  if (buf.length < PREFIX_BYTES || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('not an unres index cache');
  const schema = buf.readUInt32LE(8);
  if (schema !== CACHE_SCHEMA) throw new Error(`schema ${schema}, expected ${CACHE_SCHEMA}`);
  const headerEnd = PREFIX_BYTES + buf.readUInt32LE(12);
  if (headerEnd > buf.length) throw new Error('truncated');
  const header = JSON.parse(buf.toString('utf8', PREFIX_BYTES, headerEnd)) as Header;
  if (header.engine !== CACHE_ENGINE) throw new Error(`made by engine ${header.engine}, this is ${CACHE_ENGINE}`);
  const entriesEnd = headerEnd + header.entriesBytes;
  const indexAt = entriesEnd + padding(entriesEnd);
  if (buf.length !== indexAt + header.indexBytes) throw new Error('truncated');
  if (crc !== header.crc) throw new Error('checksum mismatch');
  // The index's arrays are views of `buf`, which the lazy paragraphs hold too: no copy of either.
  const index = await FingerprintIndex.fromChunks(buf.subarray(indexAt), pause);
  const entriesBuf = buf.subarray(headerEnd, entriesEnd);
  const entries = new Map<string, Entry>();
  const lazy: CorpusDocument[] = [];
  const strings: Strings = new Map();
  const pace = pacer(pause);
  for (let at = 0; at < entriesBuf.length; ) {
    const nl = entriesBuf.indexOf(10, at);
    if (nl < 0) throw new Error('corrupt entries');
    let tab = entriesBuf.indexOf(9, at);
    if (tab < 0 || tab > nl) tab = nl;
    const [p, size, mtimeMs, value] = JSON.parse(entriesBuf.toString('utf8', at, tab)) as StoredEntry;
    const columnsAt = tab + 1;
    at = nl + 1;
    if ('skipped' in value) {
      entries.set(p, { size, mtimeMs, value });
      continue;
    }
    const count = value.paragraphs; // before lazyParagraphs makes `paragraphs` the paragraphs
    const shape = index.paragraphCount(p);
    if (!shape || shape.keyed || shape.count !== count || columnsAt > nl) {
      throw new Error(`entries and index disagree on ${p}`);
    }
    const doc = value as unknown as CorpusDocument;
    doc.key = p;
    // The texts are taken from the index when the paragraphs are made, not here: a million
    // strings gathered into 30,000 arrays was a tenth of a warm start. Only documents the corpus
    // holds as they were read are made (settle), and the index holds them as they were written.
    lazyParagraphs(doc, () => {
      const indexed = index.textsOf(p);
      // The file passed its checksum: a failure here would be a bug, not to be a crash.
      try {
        if (indexed && indexed.texts.length === count) {
          const paragraphs = fromColumns(JSON.parse(entriesBuf.toString('utf8', columnsAt, nl)) as Columns, indexed.texts, strings);
          if (paragraphs.every((para, i) => indexed.prefixes[i] === (para.verbPrefix?.length ?? 0))) return paragraphs;
        }
      } catch {
        // below
      }
      logger.warn(`unres: index cache entry of ${p} unreadable; its paragraphs are shown without labels and verbs`);
      return (indexed?.texts ?? []).map((text, i) => ({ label: `¶${i + 1}`, kind: 'preambular' as const, text }));
    });
    lazy.push(doc);
    entries.set(p, { size, mtimeMs, value: doc });
    await pace();
  }
  return { entries, index, lazy };
}
