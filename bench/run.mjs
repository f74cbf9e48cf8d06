#!/usr/bin/env node
// Benchmark of the unres language server over LSP (stdio), as an editor drives it.
//
//   npm run bench                      build, then both scenarios (scale: 100M characters)
//   node bench/run.mjs --no-scale      built-in corpus only
//   node bench/run.mjs --chars 20000000  another corpus size; --scale N: N resolutions;
//                                      --seed S: the generator's seed (default 7)
//   node bench/run.mjs --shapes dense    the corpus shapes measured, one after the other
//                                      (default generator,dense; Shape in bench/synthCorpus.ts)
//   node bench/run.mjs --corpus DIR      also measure a corpus folder made elsewhere (say by
//                                      ../shared/tools/gen-corpus.py), as one more shape
//   options: --edits N (measured keystrokes, default 30), --json FILE (default
//   .bench/results.json), --cpu-prof (server profiles into .bench/prof/)
//
// Scenario "builtin": the 4 seeds; a 60-paragraph draft (bench/draft.mjs) is opened, then
// characters are typed into its paragraphs one at a time (incremental didChange); each
// keystroke's latency is the time from sending didChange to receiving publishDiagnostics for
// that version, the next keystroke waiting for it. Also: open → first diagnostics, bursts of
// fast typing (coalescing), and hover, completion, documentSymbol and codeAction round trips.
//
// Scenario "long" (issue #14): a 1.1 MB draft (A/RES/79/40's paragraphs pasted 80 times) and a
// 100,000-line document are opened in turn; outline, folding, links, hover, completion and code
// actions are sent one after another until the document's first diagnostics, and every answer
// is timed against 500 ms (p95, max, and the answers over it). --no-long skips it.
//
// Scenario "scale", once per corpus shape (issue 17: the targets hold on every corpus, not one
// generator's): a synthetic corpus made by dist/genCorpus.js --shape (bench/synthCorpus.ts), kept
// in .bench/corpus-[<shape>-]<size>-s<seed> (git-ignored) between runs, and the real-style draft
// whose every paragraph echoes (bench/draft.mjs, echoing); indexing time (until the server's work-done
// progress ends, then until the draft's diagnostics show echoes), the server's memory (VmRSS
// and VmHWM from /proc/<pid>/status) and how long requests wait while indexing, then the same
// measurements as above. Cold (empty index cache), then warm: a restart that finds the index
// cache the cold start saved; then cold again with a character typed every 300 ms until the
// corpus is indexed. Every server gets its own cache folder under .bench/storage/.
//
// Then SQLite FTS5 with the trigram tokenizer builds a full-text index of the same paragraphs
// (bench/fts.mjs; `sqlite3` must be on PATH, else it says how to install it; --no-fts skips
// it), the same load's work is timed stage by stage on one thread (bench/stages.ts; --no-stages
// skips it), and the issue's targets are printed next to the figures, as a Markdown table,
// pass/fail.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { LspClient } from './lspClient.mjs';
import { buildDraft } from './draft.mjs';
import { loadEngine } from './engine.mjs';
import { build } from 'esbuild';
import { INSTALL_HINT, ftsBuild, sqliteVersion } from './fts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, '.bench');
const SERVER = path.join(ROOT, 'dist/server.js');
const GEN = path.join(ROOT, 'dist/genCorpus.js');
const URI = 'file:///bench/draft-60.unres';
const TARGET_MS = 100;
/** Issue #14: every request answered within this while a long document is checked. */
const LONG_TARGET_MS = 500;

// --- arguments -------------------------------------------------------------------------------

const args = process.argv.slice(2);
const SHAPES = ['generator', 'dense'];
const opt = { scale: { chars: 100_000_000 }, shapes: SHAPES, seed: 7, builtin: true, fts: true, edits: 30, json: path.join(WORK, 'results.json'), cpuProf: false, long: true, folders: [], stages: true };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--no-scale') opt.scale = undefined;
  else if (a === '--scale') opt.scale = { count: Number(args[++i]) };
  else if (a === '--chars') opt.scale = { chars: Number(args[++i]) };
  else if (a === '--seed') opt.seed = Number(args[++i]);
  else if (a === '--shapes') opt.shapes = String(args[++i]).split(',').filter(Boolean);
  else if (a === '--corpus') opt.folders.push(path.resolve(String(args[++i])));
  else if (a === '--no-builtin') opt.builtin = false;
  else if (a === '--no-fts') opt.fts = false;
  else if (a === '--no-long') opt.long = false;
  else if (a === '--no-stages') opt.stages = false;
  else if (a === '--edits') opt.edits = Number(args[++i]);
  else if (a === '--json') opt.json = path.resolve(args[++i]);
  else if (a === '--cpu-prof') opt.cpuProf = true;
  else {
    console.error(`usage: node bench/run.mjs [--chars N | --scale N | --no-scale] [--shapes ${SHAPES.join(',')}] [--seed S] [--corpus DIR]… [--no-builtin] [--no-long] [--no-fts] [--no-stages] [--edits N] [--json FILE] [--cpu-prof]\nunknown argument ${a}`);
    process.exit(2);
  }
}
const size = opt.scale && (opt.scale.chars ?? opt.scale.count);
if ((opt.scale && !(Number.isInteger(size) && size > 0)) || !Number.isInteger(opt.seed) || !Number.isInteger(opt.edits) || opt.edits < 1) {
  console.error('--chars, --scale, --seed and --edits take a whole number');
  process.exit(2);
}
if ((opt.shapes.length === 0 && opt.folders.length === 0) || opt.shapes.some((x) => !SHAPES.includes(x))) {
  console.error(`--shapes takes a comma-separated list of ${SHAPES.join(', ')}`);
  process.exit(2);
}
if (!existsSync(SERVER)) {
  console.error(`${SERVER} is missing: run \`npm run build\` (or \`npm run bench\`)`);
  process.exit(2);
}

// --- helpers ---------------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const r = (x) => Math.round(x * 10) / 10;
  return { n: s.length, min: r(s[0]), median: r(q(0.5)), p95: r(q(0.95)), max: r(s[s.length - 1]), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

function fmt(st) {
  return `n=${st.n}  min ${st.min}  median ${st.median}  p95 ${st.p95}  max ${st.max}  (mean ${st.mean}) ms`;
}

function log(...a) {
  console.log(...a);
}

function byCode(diagnostics) {
  const out = {};
  for (const d of diagnostics) out[d.code] = (out[d.code] ?? 0) + 1;
  return out;
}

/**
 * A server with its own index-cache folder (initializationOptions.storagePath, and
 * XDG_CACHE_HOME for good measure) under .bench/storage/, so that runs never touch the user's
 * cache; `fresh` empties it first (a cold start).
 */
function startServer(corpus, name, fresh = true) {
  const storage = path.join(WORK, 'storage', name);
  if (fresh) rmSync(storage, { recursive: true, force: true });
  mkdirSync(storage, { recursive: true });
  const nodeArgs = [];
  if (opt.cpuProf) {
    const dir = path.join(WORK, 'prof');
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`);
  }
  return new LspClient({
    serverPath: SERVER,
    initializationOptions: { corpus, storagePath: storage },
    nodeArgs,
    env: { XDG_CACHE_HOME: path.join(WORK, 'xdg') },
  });
}

/** Resolves when the corpus progress (`$/progress` end) has come, with its time. */
function progressEnd(client) {
  return client.waitFor('$/progress', (p) => p.value?.kind === 'end', 30 * 60 * 1000);
}

/** The paragraph line to type into for keystroke i, and a column in its middle. */
function editSite(client, draft, i) {
  const line = draft.paragraphLines[(i * 7) % draft.paragraphLines.length];
  const text = client.text(URI).split('\n')[line];
  return { line, character: Math.floor(text.length / 2) };
}

const KEYS = '国际合作与援助';

/**
 * Keystrokes one at a time: each waits for the diagnostics of its version. Returns latencies
 * and the diagnostics of the last one.
 */
async function typeAndWait(client, draft, count, offset = 0) {
  const latencies = [];
  let last;
  for (let i = 0; i < count; i++) {
    const site = editSite(client, draft, offset + i);
    const { version, t } = client.type(URI, site.line, site.character, KEYS[(offset + i) % KEYS.length]);
    const n = await client.waitForDiagnostics(URI, version, 60000);
    latencies.push(n.t - t);
    last = n.params.diagnostics;
  }
  return { latencies, diagnostics: last };
}

/**
 * Bursts of `keys` keystrokes `gapMs` apart (fast typing): how many diagnostics the server
 * publishes during a burst, and the latency from the last keystroke to the final version's.
 */
async function bursts(client, draft, count, keys = 5, gapMs = 30) {
  const latencies = [];
  let published = 0;
  for (let b = 0; b < count; b++) {
    const before = client.notifications.length;
    let sent;
    for (let k = 0; k < keys; k++) {
      if (k > 0) await sleep(gapMs);
      const site = editSite(client, draft, 1000 + b);
      sent = client.type(URI, site.line, site.character, KEYS[k % KEYS.length]);
    }
    const n = await client.waitForDiagnostics(URI, sent.version, 60000);
    latencies.push(n.t - sent.t);
    published += client.notifications.slice(before).filter((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === URI).length;
  }
  return { latency: stats(latencies), publishesPerBurst: Math.round((10 * published) / count) / 10, keysPerBurst: keys, gapMs };
}

/** Round trips of the other features, on the paragraphs of the draft. */
async function requests(client, draft, rounds = 20) {
  const out = { hover: [], completion: [], documentSymbol: [], codeAction: [], compare: [], codeLens: [] };
  const textDocument = { uri: URI };
  for (let i = 0; i < rounds; i++) {
    const line = draft.paragraphLines[(i * 11) % draft.paragraphLines.length];
    const text = client.text(URI).split('\n')[line];
    const mid = { line, character: Math.floor(text.length / 2) };
    const opening = { line, character: (/^\d+\.\s*/.exec(text)?.[0].length ?? 0) + 1 };
    out.hover.push((await client.request('textDocument/hover', { textDocument, position: mid })).ms);
    out.completion.push((await client.request('textDocument/completion', { textDocument, position: opening, context: { triggerKind: 1 } })).ms);
    out.documentSymbol.push((await client.request('textDocument/documentSymbol', { textDocument })).ms);
    const range = { start: { line, character: 0 }, end: { line, character: text.length } };
    out.codeAction.push((await client.request('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } })).ms);
    // Compare with Predecessor: the predecessor looked up and the draft compared, every time.
    const compared = await client.request('unres/compare', { textDocument });
    out.compare.push(compared.ms);
    if (i === 0) log(`  unres/compare: ${compared.result.predecessor.symbol} (${compared.result.predecessor.reason}); ${JSON.stringify(compared.result.summary)}`);
    out.codeLens.push((await client.request('textDocument/codeLens', { textDocument })).ms);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, stats(v)]));
}

/** Open → first diagnostics, warm-up, keystrokes, bursts and requests on an initialised server. */
async function interactive(client, draft, result) {
  const t0 = performance.now();
  client.open(URI, draft.text);
  const first = await client.waitForDiagnostics(URI, 1, 120000);
  result.openToDiagnosticsMs = Math.round(first.t - t0);
  result.diagnosticsOnOpen = byCode(first.params.diagnostics);
  log(`  open → first diagnostics: ${result.openToDiagnosticsMs} ms; diagnostics by code ${JSON.stringify(result.diagnosticsOnOpen)}`);

  const warm = await typeAndWait(client, draft, 3, 500);
  result.warmupMs = warm.latencies.map((x) => Math.round(x));
  const typed = await typeAndWait(client, draft, opt.edits);
  result.keystroke = stats(typed.latencies);
  result.keystrokeMeetsTarget = typed.latencies.filter((x) => x <= TARGET_MS).length;
  result.diagnosticsAfterTyping = byCode(typed.diagnostics);
  log(`  keystroke → diagnostics (warm-up ${result.warmupMs.join(', ')} ms): ${fmt(result.keystroke)}`);
  log(`    ${result.keystrokeMeetsTarget}/${typed.latencies.length} within ${TARGET_MS} ms; diagnostics after typing ${JSON.stringify(result.diagnosticsAfterTyping)}`);

  result.bursts = await bursts(client, draft, 10);
  log(`  bursts of ${result.bursts.keysPerBurst} keys ${result.bursts.gapMs} ms apart: ${result.bursts.publishesPerBurst} publishes per burst; last key → diagnostics ${fmt(result.bursts.latency)}`);

  result.requests = await requests(client, draft);
  for (const [k, st] of Object.entries(result.requests)) log(`  ${k.padEnd(15)} ${fmt(st)}`);
}

// --- scenarios -------------------------------------------------------------------------------

/** The two long documents of issue #14, both under the default size limit. */
async function longDocuments() {
  // The seed's 59 paragraphs as a draft types them, read with the project's parser.
  const engine = await loadEngine(ROOT, WORK);
  const seed = engine.paragraphs(engine.parseResolution(readFileSync(path.join(ROOT, 'seeds/A-RES-79-40.txt'), 'utf8')));
  const paras = seed.map((p) => (p.kind === 'operative' ? `${p.number}. ${p.body.text}` : p.body.text));
  const pasted = (['大会，', ...paras].join('\n\n') + '\n\n').repeat(80);
  const lines = Array.from({ length: 100_000 }, (_, i) => (i % 3 ? `${i}. 决定设立工作组；` : '回顾其第 78/46 号决议，')).join('\n');
  return [
    { name: 'A/RES/79/40 pasted 80 times', text: pasted, line: 4, character: 3 },
    { name: '100,000 lines', text: lines, line: 50_000, character: 4 },
  ];
}

/**
 * Issue #14: outline, folding, links, hover, completion and code actions on a long document
 * sent one after another while it is checked (open → first diagnostics), each answer timed; the
 * target is every answer within 500 ms. The builtin corpus.
 */
async function longDocumentsScenario() {
  log('\n== long documents: requests answered while they are checked ==');
  const result = { targetMs: LONG_TARGET_MS, documents: {} };
  const client = startServer({ builtin: true, paths: [] }, 'long');
  await client.initialize();
  await progressEnd(client);
  for (const [i, doc] of (await longDocuments()).entries()) {
    const uri = `file:///bench/long-${i}.unres`;
    const textDocument = { uri };
    const position = { line: doc.line, character: doc.character };
    const requests = [
      ['textDocument/documentSymbol', { textDocument }],
      ['textDocument/foldingRange', { textDocument }],
      ['textDocument/documentLink', { textDocument }],
      ['textDocument/hover', { textDocument, position }],
      ['textDocument/completion', { textDocument, position }],
      ['textDocument/codeAction', { textDocument, range: { start: { line: doc.line, character: 0 }, end: position }, context: { diagnostics: [] } }],
    ];
    const t0 = performance.now();
    client.open(uri, doc.text);
    let checked = false;
    const check = client.waitForDiagnostics(uri, 1, 600000).then((d) => {
      checked = true;
      return d.t - t0;
    });
    const all = [];
    const byMethod = {};
    while (!checked) {
      for (const [method, params] of requests) {
        const { ms } = await client.request(method, params, 600000);
        if (checked) break;
        all.push(ms);
        (byMethod[method.split('/')[1]] ??= []).push(ms);
      }
    }
    const checkMs = Math.round(await check);
    const st = stats(all);
    const late = all.filter((x) => x > LONG_TARGET_MS).length;
    result.documents[doc.name] = { chars: doc.text.length, checkMs, requests: st, late, byMethod: Object.fromEntries(Object.entries(byMethod).map(([k, v]) => [k, stats(v)])) };
    log(`  ${doc.name} (${doc.text.length} characters): checked in ${checkMs} ms; answers meanwhile ${fmt(st)}; ${late} over ${LONG_TARGET_MS} ms`);
    for (const [k, v] of Object.entries(result.documents[doc.name].byMethod)) log(`    ${k.padEnd(15)} ${fmt(v)}`);
    client.notify('textDocument/didClose', { textDocument });
  }
  await client.shutdown();
  return result;
}

async function builtinScenario(draft) {
  log('\n== builtin corpus (seeds/) ==');
  const result = { corpus: 'builtin (4 seeds)' };
  const client = startServer({ builtin: true, paths: [] }, 'builtin');
  const t0 = performance.now();
  await client.initialize();
  result.initializeMs = Math.round(performance.now() - t0);
  const end = await progressEnd(client);
  result.indexingMs = Math.round(end.t - t0);
  log(`  initialize: ${result.initializeMs} ms; corpus indexed ${result.indexingMs} ms after start`);
  await interactive(client, draft, result);
  result.memory = client.memory();
  log(`  server memory: ${JSON.stringify(roundMem(result.memory))}`);
  await client.shutdown();
  return result;
}

/**
 * The synthetic corpus of `shape` for `spec` ({ chars } or { count }) and opt.seed, made by
 * dist/genCorpus.js unless .bench/ has it from an earlier run with the same generator
 * (its summary, with a hash of the generator's source and the seeds, sits beside the folder).
 */
function ensureCorpus(spec, shape) {
  if (shape.startsWith('folder:')) return folderCorpus(shape.slice('folder:'.length));
  const name = `corpus-${shape === 'generator' ? '' : `${shape}-`}${spec.chars ? `c${spec.chars}` : `n${spec.count}`}-s${opt.seed}`;
  const dir = path.join(WORK, name);
  const stamp = path.join(WORK, `${name}.json`);
  const hash = createHash('sha1');
  hash.update(readFileSync(path.join(ROOT, 'bench/synthCorpus.ts')));
  for (const f of readdirSync(path.join(ROOT, 'seeds')).sort()) hash.update(readFileSync(path.join(ROOT, 'seeds', f)));
  const generator = hash.digest('hex');
  let summary = existsSync(stamp) && existsSync(dir) ? JSON.parse(readFileSync(stamp, 'utf8')) : undefined;
  if (summary?.generator !== generator) {
    if (!existsSync(GEN)) throw new Error(`${GEN} is missing: run \`npm run build\` (or \`npm run bench\`)`);
    rmSync(dir, { recursive: true, force: true });
    rmSync(stamp, { force: true });
    const size = spec.chars ? ['--chars', String(spec.chars)] : ['--count', String(spec.count)];
    const out = execFileSync(process.execPath, [GEN, dir, ...size, '--seed', String(opt.seed), '--shape', shape], { encoding: 'utf8' });
    summary = { ...JSON.parse(out.trim().split('\n').pop()), generator };
    writeFileSync(stamp, JSON.stringify(summary) + '\n');
    log(`  generated ${path.relative(ROOT, dir)} in ${summary.ms} ms: ${summary.files} files, ${summary.chars.toLocaleString('en')} characters`);
    // The index cache does not keep files modified in the 2 s before a load (their mtime may
    // not show a further change): let the new files age, or the warm start re-reads them all.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
  } else log(`  corpus ${path.relative(ROOT, dir)} (kept from an earlier run): ${summary.files} files, ${summary.chars.toLocaleString('en')} characters`);
  let bytes = 0;
  for (const f of readdirSync(dir)) bytes += statSync(path.join(dir, f)).size;
  return { dir, files: summary.files, chars: summary.chars, generatorMs: summary.ms, mb: Math.round(bytes / 1e5) / 10 };
}

/** A corpus folder made elsewhere, measured as it is (no generator, so no generator time). */
function folderCorpus(dir) {
  let files = 0;
  let chars = 0;
  let bytes = 0;
  for (const f of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    files++;
    chars += text.length;
    bytes += Buffer.byteLength(text);
  }
  log(`  corpus ${dir} (made elsewhere): ${files} files, ${chars.toLocaleString('en')} characters`);
  return { dir, files, chars, mb: Math.round(bytes / 1e5) / 10 };
}

function roundMem(m) {
  return m && { rssMiB: Math.round(m.rssMiB), peakMiB: Math.round(m.peakMiB) };
}

/**
 * Start → indexed → echoes shown, with an outline request every 100 ms throughout to see how
 * long the server keeps a request waiting, and the server's memory sampled meanwhile.
 */
async function indexing(client, draft, result) {
  const t0 = performance.now();
  await client.initialize();
  result.initializeMs = Math.round(performance.now() - t0);
  const ended = progressEnd(client);
  let end;
  ended.then((n) => (end = n));
  client.open(URI, draft.text);
  const probes = [];
  let rssPeak = 0;
  let echoes;
  let settledAt;
  let quick = 0;
  for (;;) {
    const sent = performance.now();
    const r = await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } }, 600000);
    probes.push({ sent, ms: r.ms });
    rssPeak = Math.max(rssPeak, client.memory()?.rssMiB ?? 0);
    echoes ??= end && client.notifications.find((x) => x.t >= end.t && x.method === 'textDocument/publishDiagnostics' && x.params.uri === URI);
    // After the echoes, on until the server is idle (work after indexing, such as saving an
    // index cache, may still hold requests up): ten answers in a row within 50 ms, or 2 minutes.
    if (echoes) {
      settledAt ??= performance.now();
      quick = r.ms < 50 ? quick + 1 : 0;
      if (quick >= 10 || performance.now() - settledAt > 120000) break;
    }
    await sleep(100);
  }
  result.indexingMs = Math.round(end.t - t0);
  result.progressEndToDiagnosticsMs = Math.round(echoes.t - end.t);
  result.startToEchoesMs = Math.round(echoes.t - t0);
  result.diagnosticsAfterIndexing = byCode(echoes.params.diagnostics);
  result.memoryAfterIndexing = roundMem(client.memory());
  result.rssPeakSampledMiB = Math.round(rssPeak);
  result.outlineWhileIndexing = stats(probes.filter((p) => p.sent < end.t).map((p) => p.ms));
  result.outlineAfterIndexing = stats(probes.filter((p) => p.sent >= end.t).map((p) => p.ms));
  result.longestWaitMs = Math.round(Math.max(...probes.map((p) => p.ms)));
  // Requests kept waiting over half a second: when they were sent (ms after start) and how long.
  result.stalls = probes.filter((p) => p.ms > 500).map((p) => ({ sentAtMs: Math.round(p.sent - t0), waitedMs: Math.round(p.ms) }));
  result.serverLog = client.notifications.filter((x) => x.method === 'window/logMessage' && /^unres:/.test(x.params.message)).map((x) => x.params.message);
  log(`  initialize ${result.initializeMs} ms; corpus indexed (progress end) ${result.indexingMs} ms after start`);
  log(`  progress end → diagnostics ${result.progressEndToDiagnosticsMs} ms (start → echoes ${result.startToEchoesMs} ms); by code ${JSON.stringify(result.diagnosticsAfterIndexing)}`);
  log(`  outline requests while indexing: ${fmt(result.outlineWhileIndexing)}`);
  log(`  outline requests after: ${fmt(result.outlineAfterIndexing)}; longest wait ${result.longestWaitMs} ms`);
  log(`  requests waiting > 500 ms (sent at → waited, ms): ${result.stalls.map((x) => `${x.sentAtMs} → ${x.waitedMs}`).join(', ') || 'none'}`);
  log(`  memory after indexing: RSS ${result.memoryAfterIndexing.rssMiB} MiB, peak ${result.memoryAfterIndexing.peakMiB} MiB`);
  for (const m of result.serverLog) log(`  server: ${m}`);
}

async function scaleScenario(draft, spec, shape) {
  log(`\n== scale: built-in + synthetic corpus of shape ${shape} (${spec.chars ? `${spec.chars.toLocaleString('en')} characters` : `${spec.count} resolutions`}, seed ${opt.seed}) ==`);
  const corpus = ensureCorpus(spec, shape);
  const settings = { builtin: true, paths: [corpus.dir] };
  const cold = {
    corpus: `builtin + ${corpus.files} synthetic resolutions (${shape}), ${corpus.chars.toLocaleString('en')} characters (${corpus.mb} MB of UTF-8)`,
    start: 'cold (empty index cache)',
  };
  log('  -- cold start (empty index cache)');
  const storage = `scale-${path.basename(corpus.dir)}`;
  let client = startServer(settings, storage, true);
  await indexing(client, draft, cold);
  // The same keystrokes and requests as the builtin scenario, on the draft reopened.
  client.notify('textDocument/didClose', { textDocument: { uri: URI } });
  await sleep(200);
  await interactive(client, draft, cold);
  cold.memory = roundMem(client.memory());
  log(`  server memory after typing: ${JSON.stringify(cold.memory)}`);
  await client.shutdown();

  const warm = { corpus: cold.corpus, start: 'warm (index cache of the cold run)' };
  log('  -- warm start (the index cache the cold start saved)');
  client = startServer(settings, storage, false);
  await indexing(client, draft, warm);
  const typed = await typeAndWait(client, draft, 10);
  warm.keystroke = stats(typed.latencies);
  log(`  keystroke → diagnostics: ${fmt(warm.keystroke)}`);
  warm.memory = roundMem(client.memory());
  await client.shutdown();

  const typing = { corpus: cold.corpus, start: 'cold (empty index cache), typing throughout' };
  log('  -- cold start again, typing while the corpus is indexed');
  client = startServer(settings, `${storage}-typing`, true);
  await typingWhileIndexing(client, draft, typing);
  await client.shutdown();
  return { cold, warm, typing, corpus };
}

/**
 * A drafter typing while the corpus is indexed: a character every 300 ms (each waiting for its
 * diagnostics, then an outline request) until the load ends. Its diagnostics have no corpus
 * echoes yet; what counts is that they come at once and that the load is not slowed down.
 */
async function typingWhileIndexing(client, draft, result) {
  const t0 = performance.now();
  await client.initialize();
  let end;
  progressEnd(client).then((n) => (end = n));
  client.open(URI, draft.text);
  const keys = [];
  const outline = [];
  for (let i = 0; !end; i++) {
    const { line, character } = editSite(client, draft, i);
    const { version, t } = client.type(URI, line, character, KEYS[i % KEYS.length]);
    await client.waitForDiagnostics(URI, version, 600000);
    keys.push(performance.now() - t);
    outline.push((await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } }, 600000)).ms);
    await sleep(300);
  }
  result.indexingMs = Math.round(end.t - t0);
  result.keystrokeWhileIndexing = stats(keys);
  result.outlineWhileIndexing = stats(outline);
  log(`  corpus indexed (progress end) ${result.indexingMs} ms after start, with ${keys.length} keystrokes typed meanwhile`);
  log(`  keystroke → diagnostics while indexing: ${fmt(result.keystrokeWhileIndexing)}`);
  log(`  outline requests while indexing: ${fmt(result.outlineWhileIndexing)}`);
}

/** SQLite FTS5 (trigram) building a full-text index of the paragraphs the scale servers indexed. */
async function ftsScenario(corpus) {
  log('\n== SQLite FTS5 (trigram) on the same paragraphs ==');
  const version = sqliteVersion();
  if (!version) {
    log(`  sqlite3 with FTS5 not found: FTS5 comparison skipped. Install it with\n    ${INSTALL_HINT}`);
    return { skipped: `sqlite3 with FTS5 not found; install: ${INSTALL_HINT}` };
  }
  const r = await ftsBuild(ROOT, path.join(WORK, 'fts'), [path.join(ROOT, 'seeds'), corpus.dir]);
  log(`  sqlite3 ${r.sqlite}: ${r.paragraphs.toLocaleString('en')} paragraphs of ${r.files} files, ${r.charsIndexed.toLocaleString('en')} characters (extracted by the engine's parser in ${r.extractMs} ms)`);
  log(`  FTS5 build (INSERT INTO fts SELECT … FROM p): ${r.buildMs} ms wall, ${r.buildCpuMs} ms CPU; database ${r.dbMiB} MiB; '小武器和轻武器' matches ${r.sampleHits} paragraphs`);
  log(`  FTS5 build into a table storing the texts, SQLite's default settings: ${r.storedBuild.buildMs} ms wall, ${r.storedBuild.buildCpuMs} ms CPU`);
  rmSync(path.join(WORK, 'fts'), { recursive: true, force: true });
  return r;
}

/**
 * The work of a cold load, stage by stage on one thread (bench/stages.ts): what the cold index
 * figure can be set against, and the issue's "plain read-and-winnow pass".
 */
async function stagesScenario(corpus) {
  log('\n== the cold load\'s work, stage by stage, one thread (bench/stages.ts) ==');
  const out = path.join(WORK, 'stages.cjs');
  await build({ entryPoints: [path.join(ROOT, 'bench/stages.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'warning' });
  const r = JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', out, corpus.dir], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  log(`  ${Object.entries(r.ms).map(([k, v]) => `${k} ${ms(v)}`).join(', ')}: ${ms(r.pipelineMs)} (${ms(r.pipelineOverCoresMs)} over ${r.cores} cores, without overhead)`);
  log(`  plain read-and-winnow pass (read, decode, fingerprints of whole files): ${ms(r.plainReadAndWinnowMs)}`);
  return r;
}

/** The issue's targets next to one shape's figures: [measure, figure, target, pass]. */
function targetRows({ cold, warm, typing, fts, stages }) {
  const peak = Math.max(cold.memory?.peakMiB ?? 0, warm.memory?.peakMiB ?? 0);
  const GB = 1.5e9 / 2 ** 20;
  const rows = [
    fts?.buildMs
      ? ['cold index (start → corpus ready, empty cache)', `${ms(cold.indexingMs)} (FTS5 build ${ms(fts.buildMs)})`, `≤ FTS5 / 4 = ${ms(fts.buildMs / 4)}`, cold.indexingMs <= fts.buildMs / 4]
      : ['cold index (start → corpus ready, empty cache)', ms(cold.indexingMs), '≤ FTS5 / 4 (FTS5 not measured)', undefined],
    ...(stages
      ? [['  the same work on one thread, stage by stage (spread over the cores, no overhead)', `${ms(stages.pipelineMs)} (${ms(stages.pipelineOverCoresMs)})`, '(floor of this design)', undefined],
         ['  plain read-and-winnow pass, one thread', ms(stages.plainReadAndWinnowMs), '(the issue: 4 s)', undefined]]
      : []),
    // Issue 17: as the drafter sees it, until the draft's diagnostics show the corpus's echoes.
    ['warm start (start → first diagnostics with echoes, from the index cache)', `${ms(warm.startToEchoesMs)} (corpus ready ${ms(warm.indexingMs)})`, '≤ 2 s', warm.startToEchoesMs <= 2000],
    ['server peak RSS (VmHWM, cold and warm servers)', `${peak} MiB`, `≤ 1.5 GB (${Math.round(GB)} MiB)`, peak <= GB],
    ['edit → diagnostics p50 / p95 (the draft, cold server)', `${cold.keystroke.median} / ${cold.keystroke.p95} ms`, 'p95 ≤ 100 ms', cold.keystroke.p95 <= 100],
    ['edit → diagnostics p50 / p95 (warm server)', `${warm.keystroke.median} / ${warm.keystroke.p95} ms`, 'p95 ≤ 100 ms', warm.keystroke.p95 <= 100],
    ['  edit → diagnostics p50 / p95 while the corpus is indexed (no echoes yet), and cold index meanwhile', `${typing.keystrokeWhileIndexing.median} / ${typing.keystrokeWhileIndexing.p95} ms; ${ms(typing.indexingMs)}`, '(no target)', undefined],
    ['completion p50 / p95', `${cold.requests.completion.median} / ${cold.requests.completion.p95} ms`, 'p95 ≤ 20 ms', cold.requests.completion.p95 <= 20],
    ['unres/compare: predecessor lookup + comparison of the draft, p50 / p95 / max (issue 15)', `${cold.requests.compare.median} / ${cold.requests.compare.p95} / ${cold.requests.compare.max} ms`, 'p95 ≤ 300 ms', cold.requests.compare.p95 <= 300],
  ];
  return rows;
}

/** The targets (issues 7 and 17) with each shape's figures side by side, as a Markdown table. */
function targets(shapes) {
  const names = Object.keys(shapes);
  const tables = names.map((n) => targetRows(shapes[n]));
  log('\n== targets (issues 7, 17) ==\n');
  log(`| measure | ${names.map((n) => `${n}: ${shapes[n].corpus.files} files, ${shapes[n].corpus.chars.toLocaleString('en')} characters | | `).join('')}target |`);
  log(`|---|${names.map(() => '---|---|').join('')}---|`);
  const mark = (pass) => (pass === undefined ? '—' : pass ? 'pass' : '**fail**');
  tables[0].forEach(([m, , t], i) => log(`| ${m} | ${tables.map((rows) => `${rows[i][1]} | ${mark(rows[i][3])} | `).join('')}${t} |`));
  return Object.fromEntries(names.map((n, k) => [n, tables[k].map(([measure, figure, target, pass]) => ({ measure, figure, target, pass }))]));
}

function ms(x) {
  return x >= 10000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x).toLocaleString('en')} ms`;
}

// --- main ------------------------------------------------------------------------------------

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const meminfo = existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : '';
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1]);
  return {
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    ramGiB: Math.round(((memKb ? memKb * 1024 : os.totalmem()) / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

const report = { machine: machine(), command: `node bench/run.mjs ${args.join(' ')}`.trim(), targetMs: TARGET_MS, scenarios: {} };
log(`unres benchmark — ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.ramGiB} GiB, Node ${report.machine.node}`);
const draft = await buildDraft(ROOT, WORK);
log(`draft: ${draft.paragraphLines.length} paragraphs (${JSON.stringify(draft.counts)}), ${draft.text.length} characters`);
report.draft = { paragraphs: draft.paragraphLines.length, ...draft.counts, chars: draft.text.length };
const echoing = await buildDraft(ROOT, WORK, { echoing: true });
if (opt.scale) log(`draft of the scale scenarios, every paragraph echoing: ${echoing.paragraphLines.length} paragraphs (${JSON.stringify(echoing.counts)}), ${echoing.text.length} characters`);
report.echoingDraft = { paragraphs: echoing.paragraphLines.length, ...echoing.counts, chars: echoing.text.length };
try {
  if (opt.builtin) report.scenarios.builtin = await builtinScenario(draft);
  if (opt.long) report.scenarios.long = await longDocumentsScenario();
  if (opt.scale) {
    report.shapes = {};
    for (const shape of [...opt.shapes, ...opt.folders.map((d) => `folder:${d}`)]) {
      const r = (report.shapes[shape] = await scaleScenario(echoing, opt.scale, shape));
      if (opt.fts) r.fts = await ftsScenario(r.corpus);
      if (opt.stages) r.stages = await stagesScenario(r.corpus);
    }
    report.targets = targets(report.shapes);
  }
} finally {
  mkdirSync(path.dirname(opt.json), { recursive: true });
  writeFileSync(opt.json, JSON.stringify(report, null, 2) + '\n');
  log(`\nresults: ${path.relative(process.cwd(), opt.json)}`);
}
const measured = [
  ...Object.entries(report.scenarios),
  ...Object.entries(report.shapes ?? {}).flatMap(([shape, r]) => [[`scale ${shape} cold`, r.cold], [`scale ${shape} warm`, r.warm]]),
];
const failing = measured.filter(([, r]) => r.keystroke && r.keystroke.p95 > TARGET_MS);
log(failing.length ? `p95 keystroke → diagnostics above ${TARGET_MS} ms in: ${failing.map(([k]) => k).join(', ')}` : `p95 keystroke → diagnostics within ${TARGET_MS} ms in every scenario`);
