#!/usr/bin/env node
// Warm starts only, of one or more server builds, interleaved: for comparing a change with the
// build before it on a machine whose load drifts (the same minutes for both). Each server gets
// an index cache of its own (made by one cold start the first time, kept under .bench/storage/),
// then each run starts every server in turn on its cache and measures, as run.mjs's scale
// scenario does: start → corpus ready (`$/progress` end) → first diagnostics with echoes of the
// real-style draft (bench/draft.mjs, echoing), the longest an outline request sent every 100 ms
// waited meanwhile, then `--edits` keystrokes → diagnostics on the warm server.
//
//   node bench/warmStart.mjs --corpus DIR [--corpus DIR2…] [--server LABEL=PATH…] [--runs N]
//                            [--edits N] [--builtin] [--cpu-prof] [--json FILE]
//
// --server: a dist/server.js to measure (default: this checkout's, labelled `this`); give a
// copy of another build's dist/ (with seeds/ beside it) to compare. Load averages are printed
// with every run: figures from a loaded machine are for ratios, not for RESULTS.md as final.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildDraft } from './draft.mjs';
import { LspClient } from './lspClient.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, '.bench');
const URI = 'file:///bench/draft-60.unres';
const KEYS = '国际合作与援助';

const args = process.argv.slice(2);
const opt = { corpora: [], servers: [], runs: 3, edits: 10, builtin: false, cpuProf: false, json: path.join(WORK, 'warmStart.json') };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--corpus') opt.corpora.push(path.resolve(args[++i]));
  else if (a === '--server') {
    const [label, p] = String(args[++i]).split('=');
    opt.servers.push({ label, path: path.resolve(p) });
  } else if (a === '--runs') opt.runs = Number(args[++i]);
  else if (a === '--edits') opt.edits = Number(args[++i]);
  else if (a === '--builtin') opt.builtin = true;
  else if (a === '--cpu-prof') opt.cpuProf = true;
  else if (a === '--json') opt.json = path.resolve(args[++i]);
  else {
    console.error('usage: node bench/warmStart.mjs --corpus DIR… [--server LABEL=PATH…] [--runs N] [--edits N] [--builtin] [--cpu-prof] [--json FILE]');
    process.exit(2);
  }
}
if (opt.servers.length === 0) opt.servers.push({ label: 'this', path: path.join(ROOT, 'dist/server.js') });
if (opt.corpora.length === 0 || opt.servers.some((s) => !s.label || !existsSync(s.path))) {
  console.error('--corpus DIR is required; every --server LABEL=PATH must exist');
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * CPU time (ms) the server has used so far: its main thread, and all its threads. Less sensitive
 * to the machine's load than wall times (Linux /proc; undefined elsewhere).
 */
function cpuMs(pid) {
  const ticks = (file) => {
    const f = readFileSync(file, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, at 100 ticks a second
  };
  try {
    return { main: ticks(`/proc/${pid}/task/${pid}/stat`), all: ticks(`/proc/${pid}/stat`) };
  } catch {
    return undefined;
  }
}
const load = () => os.loadavg()[0].toFixed(2);

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  const r = (x) => Math.round(x * 10) / 10;
  return { n: s.length, min: r(s[0]), median: r(q(0.5)), p95: r(q(0.95)), max: r(s[s.length - 1]) };
}

function start(server, corpus, prof) {
  const storage = path.join(WORK, 'storage', `warm-${server.label}-${path.basename(corpus)}`);
  mkdirSync(storage, { recursive: true });
  const nodeArgs = [];
  if (prof) {
    const dir = path.join(WORK, 'prof');
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=warm-${server.label}-${Date.now()}.cpuprofile`);
  }
  const client = new LspClient({
    serverPath: server.path,
    initializationOptions: { corpus: { builtin: opt.builtin, paths: [corpus] }, storagePath: storage },
    nodeArgs,
    env: { XDG_CACHE_HOME: path.join(WORK, 'xdg') },
  });
  return { client, cacheFile: path.join(storage, 'corpus-index.bin') };
}

/** One cold start that leaves the server's index cache, unless it is there. */
async function ensureCache(server, corpus) {
  const { client, cacheFile } = start(server, corpus, false);
  if (existsSync(cacheFile)) {
    await client.shutdown();
    return;
  }
  const t0 = performance.now();
  const saved = client.waitFor('window/logMessage', (p) => /index cache saved/.test(p.message), 30 * 60 * 1000);
  await client.initialize();
  await saved;
  console.log(`  ${server.label}: cache made by a cold start in ${Math.round(performance.now() - t0)} ms (load ${load()})`);
  await client.shutdown();
}

async function warmRun(server, corpus, draft) {
  const { client } = start(server, corpus, opt.cpuProf);
  const t0 = performance.now();
  await client.initialize();
  let end;
  let cpuReady;
  client.waitFor('$/progress', (p) => p.value?.kind === 'end', 10 * 60 * 1000).then((n) => {
    end = n;
    cpuReady = cpuMs(client.pid);
    client.waitForDiagnostics(URI, undefined, 10 * 60 * 1000).then(() => (cpuEchoes = cpuMs(client.pid)));
  });
  client.open(URI, draft.text);
  const probes = [];
  let echoes;
  let cpuEchoes;
  for (;;) {
    const sent = performance.now();
    const r = await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } }, 600000);
    probes.push(r.ms);
    echoes ??= end && client.notifications.find((x) => x.t >= end.t && x.method === 'textDocument/publishDiagnostics' && x.params.uri === URI);
    if (echoes) break;
    await sleep(Math.max(0, 100 - (performance.now() - sent)));
  }
  const echoCount = echoes.params.diagnostics.filter((d) => d.code === 'echo').length;
  const edits = [];
  for (let i = 0; i < opt.edits; i++) {
    const line = draft.paragraphLines[(i * 7) % draft.paragraphLines.length];
    const text = client.text(URI).split('\n')[line];
    const { version, t } = client.type(URI, line, Math.floor(text.length / 2), KEYS[i % KEYS.length]);
    const n = await client.waitForDiagnostics(URI, version, 60000);
    edits.push(n.t - t);
  }
  const memory = client.memory();
  await client.shutdown();
  return {
    readyMs: Math.round(end.t - t0),
    echoesMs: Math.round(echoes.t - t0),
    readyToEchoesMs: Math.round(echoes.t - end.t),
    cpu: { ready: cpuReady, echoes: cpuEchoes },
    echoCount,
    longestWaitMs: Math.round(Math.max(...probes)),
    edits: edits.map((x) => Math.round(x * 10) / 10),
    peakMiB: memory && Math.round(memory.peakMiB),
  };
}

const draft = await buildDraft(ROOT, WORK, { echoing: true });
const results = {};
for (const corpus of opt.corpora) {
  console.log(`== ${corpus} ==`);
  for (const s of opt.servers) await ensureCache(s, corpus);
  const runs = Object.fromEntries(opt.servers.map((s) => [s.label, []]));
  for (let i = 0; i < opt.runs; i++) {
    // Alternate the order, so that neither build always runs first after a pause.
    const order = i % 2 ? [...opt.servers].reverse() : opt.servers;
    for (const s of order) {
      const before = load();
      const r = await warmRun(s, corpus, draft);
      r.load = `${before} → ${load()}`;
      runs[s.label].push(r);
      console.log(
        `  ${s.label.padEnd(6)} run ${i + 1}: ready ${r.readyMs} ms, echoes ${r.echoesMs} ms (+${r.readyToEchoesMs}; ${r.echoCount} echo), CPU main/all at ready ${r.cpu.ready?.main}/${r.cpu.ready?.all}, at echoes ${r.cpu.echoes?.main}/${r.cpu.echoes?.all} ms, longest wait ${r.longestWaitMs} ms, edit p50/max ${stats(r.edits).median}/${stats(r.edits).max} ms, peak ${r.peakMiB} MiB, load ${r.load}`,
      );
    }
  }
  results[corpus] = Object.fromEntries(
    Object.entries(runs).map(([label, rs]) => [
      label,
      {
        runs: rs,
        echoes: stats(rs.map((r) => r.echoesMs)),
        ready: stats(rs.map((r) => r.readyMs)),
        readyToEchoes: stats(rs.map((r) => r.readyToEchoesMs)),
        edits: stats(rs.flatMap((r) => r.edits)),
      },
    ]),
  );
  for (const [label, r] of Object.entries(results[corpus])) {
    console.log(`  ${label}: start → echoes median ${r.echoes.median} ms (ready ${r.ready.median}, +${r.readyToEchoes.median}); edits n=${r.edits.n} p50 ${r.edits.median} p95 ${r.edits.p95} ms`);
  }
}
mkdirSync(path.dirname(opt.json), { recursive: true });
writeFileSync(opt.json, JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, results }, null, 2));
