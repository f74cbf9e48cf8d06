// The corpus index cache on disk: the summaries of the corpus files a load saw (with each file's
// size and mtimeMs) and the corpus's echo index, in one file, so that the next start neither
// reads nor parses nor fingerprints a file that has not changed.
//
// Folder: the client's storage folder (`storagePath` in initializationOptions) when given, else
// `$XDG_CACHE_HOME/unres`, else `~/.cache/unres`. File `corpus-index.bin`:
//
//   0   8  magic `UNRESIDX`
//   8   4  schema (u32 LE, CACHE_SCHEMA)
//   12  4  header length H (u32 LE)
//   16  H  header, JSON: { schema, engine, entriesBytes, indexBytes, crc }
//   ..     entries, JSON: [path, size, mtimeMs, summary | { skipped }][]; a summary has no key
//          (the path is) and its paragraphs by field, without texts (the echo index has them):
//          { symbol, …, paragraphs: { count, label: [...], kind: [...], verb: [...] } }
//   ..     the echo index (EchoIndex.toBuffer), which holds the paragraph texts
//
// `crc` is the CRC-32 of entries and index. A missing file is an empty cache; a file that is
// corrupt, truncated, foreign, of another schema or engine version is ignored (one log line)
// and replaced at the next flush. The file is written to a temporary name and renamed, so a
// reader sees the old file or the new one. Nothing here throws: a folder that cannot be
// written is reported once and the server runs without a cache.
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { crc32 } from 'zlib';
import { Corpus, CorpusCache, CorpusDocument, CorpusParagraph, SkippedFile } from '../engine/corpus';
import { FileStat, Logger } from '../engine/fileSystem';
import { EchoIndex } from '../engine/match/echo';
import { ENGINE_VERSION } from '../engine/version';

export const CACHE_FILE_NAME = 'corpus-index.bin';
/** Bump when the layout above or the entries' encoding changes. */
export const CACHE_SCHEMA = 1;
const MAGIC = 'UNRESIDX';
const PREFIX_BYTES = 16;
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
  private index: EchoIndex | undefined;
  private changed = false;
  private readonly startedAt = Date.now();

  private constructor(
    /** The cache file, or undefined for a cache that keeps nothing. */
    readonly file: string | undefined,
    private readonly logger: Logger,
    stored?: { entries: Map<string, Entry>; index: EchoIndex },
  ) {
    this.stored = stored?.entries ?? new Map();
    this.index = stored?.index;
  }

  /** Reads the cache file in `folder` (undefined: no cache). Never throws. */
  static async open(folder: string | undefined, logger: Logger): Promise<IndexCache> {
    if (!folder) return new IndexCache(undefined, logger);
    const file = path.join(folder, CACHE_FILE_NAME);
    let buf: Buffer;
    try {
      buf = await fsp.readFile(file);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') logger.warn(`unres: cannot read the index cache ${file} (${code ?? String(e)}); indexing without it`);
      return new IndexCache(file, logger);
    }
    try {
      return new IndexCache(file, logger, await decode(buf));
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

  takeEchoIndex(): EchoIndex | undefined {
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
    const file = this.file;
    if (!file || unwritable.has(path.dirname(file))) return false;
    if (!this.changed && this.seen.size === this.stored.size) return false;
    const folder = path.dirname(file);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    let handle: fsp.FileHandle | undefined;
    try {
      await fsp.mkdir(folder, { recursive: true });
      handle = await fsp.open(tmp, 'w');
      const parts = await encode(this.seen, corpus, this.startedAt - RACY_MS);
      await handle.writev(parts);
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
      unwritable.add(folder);
      const code = (e as { code?: string }).code;
      this.logger.warn(`unres: cannot write the index cache in ${folder} (${code ?? String(e)}); running without it`);
      return false;
    }
  }
}

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
 * added to CorpusParagraph needs no change here.
 */
type Columns = { count: number } & { [field: string]: unknown[] };
/** A document as stored: no key (the path is), no paragraph texts (the echo index has them). */
type StoredDocument = Omit<CorpusDocument, 'key' | 'paragraphs'> & { paragraphs: Columns };
type StoredEntry = [path: string, size: number, mtimeMs: number, value: StoredDocument | SkippedFile];

function toColumns(paragraphs: readonly CorpusParagraph[]): Columns {
  const columns: Columns = { count: paragraphs.length } as Columns;
  paragraphs.forEach((p, i) => {
    for (const [field, value] of Object.entries(p)) {
      if (field === 'text' || field === 'count' || value === undefined) continue;
      (columns[field] ??= new Array(paragraphs.length).fill(null))[i] = value;
    }
  });
  return columns;
}

/** The paragraphs back, with their texts. */
function fromColumns(columns: Columns, texts: readonly string[]): CorpusParagraph[] {
  const fields = Object.keys(columns).filter((f) => f !== 'count');
  const out = new Array<CorpusParagraph>(columns.count);
  for (let i = 0; i < columns.count; i++) {
    const p: Record<string, unknown> = {};
    for (const f of fields) {
      const v = columns[f][i];
      if (v !== null) p[f] = v;
    }
    p.text = texts[i];
    out[i] = p as unknown as CorpusParagraph;
  }
  return out;
}

/** The file's parts. Takes the corpus as it is on call (pauses come after). */
async function encode(seen: Map<string, Entry>, corpus: Corpus, racyFrom: number): Promise<Buffer[]> {
  // Only documents the corpus (and so its echo index) holds as they were loaded.
  const kept = [...seen].filter(
    ([p, e]) => e.mtimeMs < racyFrom && ('skipped' in e.value || (corpus.get(p) === e.value && corpus.echo.hasDocument(p))),
  );
  const indexBuf = corpus.echo.toBuffer();
  await pause();
  const entries: StoredEntry[] = kept.map(([p, e]) => {
    if ('skipped' in e.value) return [p, e.size, e.mtimeMs, { skipped: e.value.skipped }];
    const { key: _key, paragraphs, ...rest } = e.value;
    return [p, e.size, e.mtimeMs, { ...rest, paragraphs: toColumns(paragraphs) }];
  });
  await pause();
  const entriesBuf = Buffer.from(JSON.stringify(entries));
  await pause();
  const header: Header = {
    schema: CACHE_SCHEMA,
    engine: ENGINE_VERSION,
    entriesBytes: entriesBuf.length,
    indexBytes: indexBuf.length,
    crc: crc32(indexBuf, crc32(entriesBuf)),
  };
  const headerBuf = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(CACHE_SCHEMA, 8);
  prefix.writeUInt32LE(headerBuf.length, 12);
  return [prefix, headerBuf, entriesBuf, indexBuf];
}

/**
 * The entries and echo index of a cache file; throws, saying why, if it is not a usable one.
 * Pauses between the steps (each up to a few seconds for 20,000 resolutions) so that a server
 * answers what came in meanwhile.
 */
async function decode(buf: Buffer): Promise<{ entries: Map<string, Entry>; index: EchoIndex }> {
  if (buf.length < PREFIX_BYTES || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error('not an unres index cache');
  const schema = buf.readUInt32LE(8);
  if (schema !== CACHE_SCHEMA) throw new Error(`schema ${schema}, expected ${CACHE_SCHEMA}`);
  const headerEnd = PREFIX_BYTES + buf.readUInt32LE(12);
  if (headerEnd > buf.length) throw new Error('truncated');
  const header = JSON.parse(buf.toString('utf8', PREFIX_BYTES, headerEnd)) as Header;
  if (header.engine !== ENGINE_VERSION) throw new Error(`made by engine ${header.engine}, this is ${ENGINE_VERSION}`);
  const entriesEnd = headerEnd + header.entriesBytes;
  if (buf.length !== entriesEnd + header.indexBytes) throw new Error('truncated');
  const entriesBuf = buf.subarray(headerEnd, entriesEnd);
  const indexBuf = buf.subarray(entriesEnd);
  if (crc32(indexBuf, crc32(entriesBuf)) !== header.crc) throw new Error('checksum mismatch');
  await pause();
  const index = EchoIndex.fromBuffer(indexBuf);
  await pause();
  const stored = JSON.parse(entriesBuf.toString('utf8')) as StoredEntry[];
  await pause();
  const entries = new Map<string, Entry>();
  for (const [p, size, mtimeMs, value] of stored) {
    if ('skipped' in value) {
      entries.set(p, { size, mtimeMs, value });
      continue;
    }
    const indexed = index.paragraphsOf(p);
    if (!indexed || indexed.length !== value.paragraphs.count) throw new Error(`entries and index disagree on ${p}`);
    const paragraphs = fromColumns(value.paragraphs, indexed.map((ip) => ip.text));
    paragraphs.forEach((para, i) => {
      const ip = indexed[i];
      if (ip.key !== String(i) || (ip.verbPrefixLength ?? 0) !== (para.verbPrefix?.length ?? 0)) throw new Error(`entries and index disagree on ${p}`);
    });
    const doc = value as unknown as CorpusDocument;
    doc.key = p;
    doc.paragraphs = paragraphs;
    entries.set(p, { size, mtimeMs, value: doc });
  }
  return { entries, index };
}
