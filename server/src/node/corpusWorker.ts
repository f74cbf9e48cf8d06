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

// Answers go back in batches: what was read while requests were queued, in one message (one
// message per file cost this thread more than reading the file).
const BATCH = 8;
let batch: ReadResponse[] = [];
let transfer: ArrayBuffer[] = [];
const port = parentPort;
const send = () => {
  port?.postMessage(batch, transfer);
  batch = [];
  transfer = [];
};
port?.on('message', (req: ReadRequest) => {
  void readCorpusEntry(req.path, fs, req.stat, true).then(({ value, cacheable, prints }) => {
    if (batch.length === 0) setImmediate(() => batch.length && send());
    batch.push({ id: req.id, json: JSON.stringify(value), cacheable, prints });
    if (prints) transfer.push(prints.hashes.buffer as ArrayBuffer, prints.counts.buffer as ArrayBuffer);
    if (batch.length >= BATCH) send();
  });
});
