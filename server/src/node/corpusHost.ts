// The corpus as a host has it, shared by the language server and the CLI: its roots (the
// built-in seeds and the paths of the settings), loaded on reader threads through the index
// cache, its status told as it changes, loaded again when its roots change (only the newest load
// counts), the cache saved after a load, and a corpus file's text read again for a side-by-side
// view. What the user is told (notifications, stderr) stays with the host's caller.
import { promises as fsp } from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { CorpusStatus } from '../../../shared/protocol';
import { Corpus, CorpusDocument, LoadReport, loadCorpus, readCorpusEntry } from '../engine/corpus';
import { Logger } from '../engine/fileSystem';
import { workerReaders } from './corpusReaders';
import { CACHE_FILE_NAME, IndexCache, openIndexCache } from './indexCache';
import { builtinSeedsFolder, nodeFileSystem } from './nodeFileSystem';
import { readDocumentText } from './readDocument';

/**
 * The folders and files of a corpus: the built-in seeds (`builtin`), then `paths`, each
 * resolved against `base` (`~/` is the home folder).
 */
export function corpusRoots(corpus: { builtin: boolean; paths: readonly string[] }, base: string): string[] {
  const roots = corpus.builtin ? [builtinSeedsFolder()] : [];
  for (const p of corpus.paths) {
    const expanded = p.startsWith('~/') ? path.join(process.env.HOME ?? '', p.slice(2)) : p;
    roots.push(path.resolve(base, expanded));
  }
  return roots;
}

/** A load's progress, as the host's caller shows it. */
export interface LoadProgress {
  /** Every 50 files and at the last. */
  report(done: number, total: number): void;
  done(): void;
}

export interface CorpusHostOptions {
  logger: Logger;
  /** Each status as it changes: indexing at the start of a load, then ready or error. */
  status?(s: CorpusStatus): void;
  /** Asked at the start of each load for what shows its progress. */
  progress?(): Promise<LoadProgress | undefined>;
}

/** How a load ended: loaded, its roots were already loaded, a newer load took over, or it failed. */
export type LoadOutcome = { loaded: LoadReport } | { unchanged: true } | { superseded: true } | { failed: unknown };

export class CorpusHost {
  readonly corpus = new Corpus();
  /** The index cache's folder; undefined: no cache is read or written. */
  cacheFolder: string | undefined;
  private lastStatus: CorpusStatus = { state: 'indexing', documents: 0, skipped: 0 };
  private loadedRoots?: string;
  private generation = 0;
  private cache?: Promise<IndexCache>;
  /** The index cache being written. */
  private saving: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: CorpusHostOptions) {}

  /** The last status told: indexing until the first load ends. */
  get status(): CorpusStatus {
    return this.lastStatus;
  }

  /** A token for the load under way (or the last); `isCurrent` says whether a newer load started since. */
  get current(): number {
    return this.generation;
  }

  isCurrent(generation: number): boolean {
    return generation === this.generation;
  }

  /**
   * Loads `roots` into the corpus, emptied first, unless they are those loaded (or being
   * loaded) and `again` is not set. A load started meanwhile supersedes this one.
   */
  async load(roots: string[], again = false): Promise<LoadOutcome> {
    const key = JSON.stringify(roots);
    if (!again && key === this.loadedRoots) return { unchanged: true };
    this.loadedRoots = key;
    const generation = ++this.generation;
    const { logger } = this.opts;
    this.setStatus({ state: 'indexing', documents: 0, skipped: 0 });
    const progress = await this.opts.progress?.();
    this.corpus.clear();
    let report: LoadReport;
    try {
      const cache = (this.cache = openIndexCache(this.cacheFolder, logger));
      report = await loadCorpus(this.corpus, roots, {
        fs: nodeFileSystem,
        reader: workerReaders(logger),
        logger,
        cache,
        cancelled: () => !this.isCurrent(generation),
        progress: (done, total) => {
          if (done % 50 === 0 || done === total) progress?.report(done, total);
        },
      });
    } catch (e) {
      // Never expected (loadCorpus skips what it cannot read), but a corpus must not take its host down.
      progress?.done();
      if (!this.isCurrent(generation)) return { superseded: true };
      logger.error(`unres: corpus load failed: ${e instanceof Error ? e.stack : String(e)}`);
      this.setStatus({ state: 'error', documents: this.corpus.size, skipped: 0 });
      return { failed: e };
    }
    progress?.done();
    if (!this.isCurrent(generation)) return { superseded: true };
    logger.info(`unres: corpus ready, ${report.documents} documents (${report.fromCache ?? 0} from the index cache, ${report.skipped.length} skipped)`);
    this.setStatus({ state: 'ready', documents: report.documents, skipped: report.skipped.length });
    return { loaded: report };
  }

  /** Writes the index cache of the last load if it changed; true when written. */
  async save(): Promise<boolean> {
    if (!this.cache) return false;
    const cache = await this.cache;
    const saved = cache.flush(this.corpus);
    this.saving = saved;
    if (await saved) {
      this.opts.logger.info(`unres: index cache saved to ${cache.file}`);
      return true;
    }
    return false;
  }

  /** Waits for the index cache being written, if any. */
  async saved(): Promise<void> {
    await this.saving;
  }

  /** Deletes the index cache file and loads `roots` again from their files. */
  async rebuild(roots: string[]): Promise<LoadOutcome> {
    await this.saving;
    if (this.cacheFolder) {
      const file = path.join(this.cacheFolder, CACHE_FILE_NAME);
      const { logger } = this.opts;
      await fsp.rm(file, { force: true }).catch((e) => logger.warn(`unres: could not delete the index cache ${file}: ${String(e)}`));
      logger.info(`unres: index cache ${file} deleted; rebuilding the corpus index`);
    }
    return this.load(roots, true);
  }

  /**
   * The text of a corpus file (of a Word or PDF file too), read again: undefined when it cannot
   * be read (it changed or went away since the load).
   */
  async readText(uri: string): Promise<string | undefined> {
    try {
      return (await readDocumentText(uri.startsWith('file:') ? fileURLToPath(uri) : uri)).text;
    } catch {
      return undefined;
    }
  }

  private setStatus(s: CorpusStatus): void {
    this.lastStatus = s;
    this.opts.status?.(s);
  }
}

/** A resolution file read to compare with (`against` outside the corpus), or why it cannot be. */
export async function readResolutionFile(file: string): Promise<CorpusDocument | { skipped: string }> {
  const read = await readCorpusEntry(file, nodeFileSystem);
  return 'skipped' in read.value ? { skipped: read.value.skipped } : read.value;
}
