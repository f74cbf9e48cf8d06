// Corpus files read, parsed and fingerprinted on worker threads (corpusWorker.ts), so that a
// large load uses every core while the main thread only adds the results to the index and
// keeps answering the editor. The engine stays free of Node: it sees a CorpusReader.
//
// A worker that fails (or a worker file that is missing) is not fatal: what it had not answered,
// and everything after, is read on the main thread instead.
import { existsSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { CorpusReader, ReadEntry, readCorpusEntry } from '../engine/corpus';
import { FileStat, Logger } from '../engine/fileSystem';
import type { DocumentPrints } from '../engine/match/echo';
import { nodeFileSystem } from './nodeFileSystem';

export interface ReadRequest {
  id: number;
  path: string;
  stat: FileStat;
}

export interface ReadResponse {
  id: number;
  /** ReadEntry.value as JSON. */
  json: string;
  cacheable: boolean;
  prints?: DocumentPrints;
}

/** Loads with fewer files are read on the main thread: starting workers costs ~50 ms each. */
export const MIN_FILES_FOR_WORKERS = 200;

/** The worker script: beside this module (out/…/node/) or beside the bundle (dist/). */
function workerScript(): string | undefined {
  const file = path.join(__dirname, 'corpusWorker.js');
  return existsSync(file) ? file : undefined;
}

interface Pending {
  req: ReadRequest;
  resolve: (e: ReadEntry) => void;
}

class WorkerReader implements CorpusReader {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private nextId = 0;
  private closed = false;

  constructor(script: string, count: number, private readonly logger: Logger) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script);
      const slot = { worker, pending: new Map<number, Pending>() };
      worker.unref();
      worker.on('message', (batch: ReadResponse[]) => {
        for (const res of batch) {
          const p = slot.pending.get(res.id);
          slot.pending.delete(res.id);
          p?.resolve({ value: JSON.parse(res.json), cacheable: res.cacheable, prints: res.prints });
        }
      });
      const fail = (why: string) => {
        const i = this.workers.indexOf(slot);
        if (i < 0) return;
        this.workers.splice(i, 1);
        if (!this.closed) this.logger.warn(`unres: a corpus reader thread stopped (${why}); reading on the main thread`);
        for (const p of slot.pending.values()) void readCorpusEntry(p.req.path, nodeFileSystem, p.req.stat).then(p.resolve);
        slot.pending.clear();
        void worker.terminate();
      };
      worker.on('error', (e) => fail(e instanceof Error ? e.message : String(e)));
      worker.on('exit', (code) => fail(`exit code ${code}`));
      this.workers.push(slot);
    }
  }

  read(path: string, stat: FileStat): Promise<ReadEntry> {
    // The least busy worker; none left: here.
    let slot = this.workers[0];
    for (const w of this.workers) if (w.pending.size < slot.pending.size) slot = w;
    if (!slot) return readCorpusEntry(path, nodeFileSystem, stat);
    const req: ReadRequest = { id: this.nextId++, path, stat };
    return new Promise((resolve) => {
      slot.pending.set(req.id, { req, resolve });
      slot.worker.postMessage(req);
    });
  }

  /** Ends the threads. A load closes its reader when it is over: what is still pending was cancelled. */
  close(): void {
    this.closed = true;
    for (const w of this.workers.splice(0)) {
      for (const p of w.pending.values()) p.resolve({ value: { skipped: 'load cancelled' }, cacheable: false });
      void w.worker.terminate();
    }
  }
}

/**
 * LoadOptions.reader for Node: `threads` worker threads (default one per core) for a load of
 * at least `minFiles` files; the main thread for fewer, or where the worker script cannot be
 * found.
 */
export function workerReaders(
  logger: Logger,
  opts: { threads?: number; minFiles?: number; /** Another worker script (tests). */ script?: string } = {},
): (files: number) => CorpusReader | undefined {
  const threads = opts.threads ?? os.availableParallelism();
  return (files) => {
    const script = opts.script ?? workerScript();
    if (!script || files < (opts.minFiles ?? MIN_FILES_FOR_WORKERS) || threads < 1) return undefined;
    try {
      return new WorkerReader(script, threads, logger);
    } catch (e) {
      logger.warn(`unres: cannot start corpus reader threads (${e instanceof Error ? e.message : String(e)}); reading on the main thread`);
      return undefined;
    }
  };
}
