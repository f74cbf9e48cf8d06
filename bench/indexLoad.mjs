#!/usr/bin/env node
// In-process timing of a corpus load, without LSP: the engine's loadCorpus with the Node file
// system and index cache, as the server calls it. Cold (empty cache folder, then the cache is
// saved) and warm (a new process on that cache), each in its own process so that the figures
// include start-up and the peak RSS is the load's own.
//
//   node bench/indexLoad.mjs CORPUS_DIR [--runs N] [--threads N] [--cpu-prof] [--cold-only] [--warm-only]
//
// --threads: corpus reader threads (0: read on the main thread; default one per core).
//
// Prints per run: corpus ready (ms), save (ms), CPU time of all threads until then (ms, a figure
// less sensitive to other processes than the wall times), main-thread GC pauses (total and
// longest, ms), the longest the event loop was held during the load (ms), documents, peak RSS (MiB). Profiles (--cpu-prof)
// go to .bench/prof/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, '.bench');
const OUT = path.join(WORK, 'indexLoad.cjs');

const ENTRY = `
import { Corpus, loadCorpus } from './server/src/engine/corpus';
import { nodeFileSystem } from './server/src/node/nodeFileSystem';
import { openIndexCache } from './server/src/node/indexCache';
import { workerReaders } from './server/src/node/corpusReaders';
const [, , dir, cacheDir, mode, threads] = process.argv;
const logger = { info() {}, warn() {}, error: (m: string) => console.error(m) };
import { PerformanceObserver } from 'perf_hooks';
let gcMs = 0;
let gcMaxMs = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) { gcMs += e.duration; gcMaxMs = Math.max(gcMaxMs, e.duration); } }).observe({ entryTypes: ['gc'] });
// The longest the event loop went without running a 10 ms timer: what a request could wait.
let last = performance.now();
let blockMs = 0;
const ticker = setInterval(() => { const now = performance.now(); blockMs = Math.max(blockMs, now - last - 10); last = now; }, 10);
(async () => {
  const t0 = performance.now();
  const corpus = new Corpus();
  const opening = openIndexCache(cacheDir, logger);
  const report = await loadCorpus(corpus, [dir], { fs: nodeFileSystem, logger, cache: opening, reader: threads === '0' ? undefined : workerReaders(logger, { threads: threads ? Number(threads) : undefined }) });
  const tReady = performance.now();
  const cpuReady = process.cpuUsage();
  const loadBlockMs = blockMs;
  clearInterval(ticker);
  let saved = false;
  if (mode === 'cold') saved = await (await opening).flush(corpus);
  const tSaved = performance.now();
  const stats = corpus.index.stats();
  console.log(JSON.stringify({
    mode, documents: report.documents, fromCache: report.fromCache ?? 0, skipped: report.skipped.length,
    cpuMs: Math.round((cpuReady.user + cpuReady.system) / 1000), gcMs: Math.round(gcMs), gcMaxMs: Math.round(gcMaxMs), longestBlockMs: Math.round(loadBlockMs),
    readyMs: Math.round(tReady - t0), saveMs: saved ? Math.round(tSaved - tReady) : 0,
    ...stats, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
})();
`;

const args = process.argv.slice(2);
const dir = path.resolve(args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '');
const runs = Number(args[args.indexOf('--runs') + 1]) || 1;
const prof = args.includes('--cpu-prof');
const threads = args.includes('--threads') ? args[args.indexOf('--threads') + 1] : '';
if (!args.length) {
  console.error('usage: node bench/indexLoad.mjs CORPUS_DIR [--runs N] [--cpu-prof] [--cold-only] [--warm-only]');
  process.exit(2);
}
mkdirSync(WORK, { recursive: true });
await build({ entryPoints: [path.join(ROOT, 'server/src/node/corpusWorker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: path.join(WORK, 'corpusWorker.js'), logLevel: 'warning' });
await build({ stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: OUT, logLevel: 'warning' });
const cacheDir = path.join(WORK, 'indexLoad-cache');

function run(mode) {
  const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${path.join(WORK, 'prof')}`] : [];
  const out = execFileSync(process.execPath, [...flags, OUT, dir, cacheDir, mode, threads], { encoding: 'utf8', maxBuffer: 1 << 26 });
  console.log(out.trim());
}

for (let i = 0; i < runs; i++) {
  if (!args.includes('--warm-only')) {
    rmSync(cacheDir, { recursive: true, force: true });
    run('cold');
  }
  if (!args.includes('--cold-only')) run('warm');
}
