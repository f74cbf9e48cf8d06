// A worker thread of corpusReaders.ts: reads, parses and fingerprints the corpus files it is
// sent (readCorpusEntry), and posts each answer back: the summary as JSON (one string to copy
// rather than a structured clone of hundreds of small objects, which cost this thread more than
// parsing JSON costs the main one) and the fingerprints transferred.
import { readFileSync } from 'fs';
import { parentPort } from 'worker_threads';
import { readCorpusEntry } from '../engine/corpus';
import { FileSystem } from '../engine/fileSystem';
import { nodeFileSystem } from './nodeFileSystem';
import type { ReadRequest, ReadResponse } from './corpusReaders';

// This thread does nothing else while it reads: a synchronous read saves the thread-pool round trips.
const fs: FileSystem = { ...nodeFileSystem, readFile: async (p) => readFileSync(p) };

const port = parentPort;
port?.on('message', (req: ReadRequest) => {
  void readCorpusEntry(req.path, fs, req.stat, true).then(({ value, cacheable, prints }) => {
    const res: ReadResponse = { id: req.id, json: JSON.stringify(value), cacheable, prints };
    port.postMessage(res, prints ? [prints.hashes.buffer as ArrayBuffer, prints.counts.buffer as ArrayBuffer] : []);
  });
});
