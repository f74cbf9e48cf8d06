// The yardstick for the cold index: SQLite FTS5 with the trigram tokenizer (Debian's `sqlite3`
// command) building a full-text index of the same paragraphs the server indexes. The paragraphs
// are read with the engine's own decoder and parser (bench/engine.mjs) from the same corpus
// folders, written as one import file, imported into a content table, and only the FTS5 build
// (`INSERT INTO fts SELECT … FROM p`) is timed, by the CLI's own `.timer`: the leanest FTS5
// build (external content, no journal), the yardstick of the cold-index target. The same
// paragraphs are then built into an FTS5 table storing its own copy, with SQLite's defaults,
// as most applications would, for comparison.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadEngine } from './engine.mjs';

export const INSTALL_HINT = 'apt-get update && apt-get install -y sqlite3   (Debian/Ubuntu; any sqlite3 ≥ 3.34 with FTS5 will do)';

/** `3.40.1`, or undefined when there is no usable sqlite3 (missing, or without FTS5 trigram). */
export function sqliteVersion() {
  try {
    const version = execFileSync('sqlite3', ['-version'], { encoding: 'utf8' }).trim().split(/\s+/)[0];
    execFileSync('sqlite3', [':memory:'], { input: "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram');\n", encoding: 'utf8' });
    return version;
  } catch {
    return undefined;
  }
}

/** Corpus files as the server's loader finds them: .txt, .md, .unres, no dot-folders. */
function corpusFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) corpusFiles(p, out);
    else if (/\.(txt|md|unres)$/.test(e.name)) out.push(p);
  }
  return out;
}

/**
 * Extracts the paragraphs of every corpus file under `dirs` into `work`/paragraphs.txt (SQLite's
 * ascii import: fields split by 0x1f, rows by 0x1e), then builds the FTS5 index in
 * `work`/fts.db. Returns what it measured.
 */
export async function ftsBuild(root, work, dirs) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const engine = await loadEngine(root, work);
  const importFile = path.join(work, 'paragraphs.txt');
  const fd = openSync(importFile, 'w');
  const t0 = performance.now();
  let files = 0;
  let rows = 0;
  let chars = 0;
  let batch = [];
  const clean = (s) => s.replace(/[\x1e\x1f]/g, ' ');
  for (const dir of dirs) {
    for (const file of corpusFiles(dir)) {
      const decoded = engine.decodeText(readFileSync(file));
      if (!decoded.ok) continue;
      files++;
      for (const p of engine.paragraphs(engine.parseResolution(decoded.text))) {
        batch.push(`${clean(file)}\x1f${p.label}\x1f${clean(p.body.text)}\x1e`);
        rows++;
        chars += p.body.text.length;
      }
      if (batch.length > 4096) {
        writeSync(fd, batch.join(''));
        batch = [];
      }
    }
  }
  writeSync(fd, batch.join(''));
  closeSync(fd);
  const extractMs = performance.now() - t0;

  const db = path.join(work, 'fts.db');
  const script = [
    'PRAGMA journal_mode=OFF;',
    'PRAGMA synchronous=OFF;',
    'CREATE TABLE p(doc TEXT, label TEXT, body TEXT);',
    '.mode ascii',
    `.import '${importFile.replace(/'/g, "''")}' p`,
    ".print 'imported'",
    '.timer on',
    "CREATE VIRTUAL TABLE fts USING fts5(body, content='p', content_rowid='rowid', tokenize='trigram');",
    'INSERT INTO fts(rowid, body) SELECT rowid, body FROM p;',
    '.timer off',
    '.mode list',
    'SELECT count(*), sum(length(body)) FROM p;',
    "SELECT count(*) FROM fts WHERE fts MATCH '小武器和轻武器';",
  ].join('\n');
  const t1 = performance.now();
  const out = execFileSync('sqlite3', [db], { input: script + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
  const processMs = performance.now() - t1;
  const build = lastRunTime(out);
  const lines = out.trim().split('\n');
  const [count, sum] = lines[lines.length - 2].split('|').map(Number);
  const hits = Number(lines[lines.length - 1]);
  if (!build || count !== rows) throw new Error(`unexpected sqlite3 output (${rows} rows written):\n${out.slice(-2000)}`);
  return {
    sqlite: sqliteVersion(),
    files,
    paragraphs: rows,
    charsIndexed: chars,
    sqliteChars: sum,
    extractMs: Math.round(extractMs),
    buildMs: Math.round(build.real * 1000),
    buildCpuMs: Math.round((build.user + build.sys) * 1000),
    sqliteProcessMs: Math.round(processMs),
    dbMiB: Math.round(statSync(db).size / 2 ** 20),
    sampleHits: hits,
    storedBuild: storedBuild(work, importFile),
  };
}

/**
 * The FTS5 build as most applications make it, for comparison with the lean one timed above: a
 * table that stores its own copy of the texts, with SQLite's default journal and sync settings,
 * in a database of its own. Returns {buildMs, buildCpuMs}.
 */
function storedBuild(work, importFile) {
  const db = path.join(work, 'fts-stored.db');
  const script = [
    'CREATE TABLE p(doc TEXT, label TEXT, body TEXT);',
    '.mode ascii',
    `.import '${importFile.replace(/'/g, "''")}' p`,
    '.timer on',
    "CREATE VIRTUAL TABLE fts USING fts5(doc UNINDEXED, label UNINDEXED, body, tokenize='trigram');",
    'INSERT INTO fts SELECT doc, label, body FROM p;',
  ].join('\n');
  const out = execFileSync('sqlite3', [db], { input: script + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
  const build = lastRunTime(out);
  if (!build) throw new Error(`unexpected sqlite3 output:\n${out.slice(-2000)}`);
  return { buildMs: Math.round(build.real * 1000), buildCpuMs: Math.round((build.user + build.sys) * 1000) };
}

/** The last `.timer` line of sqlite3's output, in seconds. */
function lastRunTime(out) {
  const m = [...out.matchAll(/Run Time: real ([\d.]+) user ([\d.]+) sys ([\d.]+)/g)].pop();
  return m && { real: Number(m[1]), user: Number(m[2]), sys: Number(m[3]) };
}
