#!/usr/bin/env node
// How to cut Chinese for the word diff of a changed paragraph (server/src/engine/compare/wordDiff.ts):
// single characters, ICU's dictionary words (Intl.Segmenter, built into Node), or jieba
// (@node-rs/jieba, native; jieba-wasm), measured on the seed chain 58/241 → 61/66 → 72/57 → 79/40.
//
//   node bench/segmenters.mjs [--jieba DIR]   DIR: a node_modules folder holding @node-rs/jieba
//                                             and/or jieba-wasm (not dependencies of unres)
//
// For every paragraph pair the comparison calls technical or changed, each tokenizer's diff is
// counted: hunks (stretches of changes between equal text: fewer is easier to read), islands
// (equal runs of one character between two changes, e.g. a lone 的 kept inside a rewritten
// phrase: confetti), characters marked changed, and the time per diff (median of 20 rounds).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, '.bench');
const jiebaDir = process.argv.includes('--jieba') ? process.argv[process.argv.indexOf('--jieba') + 1] : undefined;

mkdirSync(WORK, { recursive: true });
const outfile = path.join(WORK, 'compare-engine.cjs');
await build({
  stdin: {
    contents: `
export { parseResolution } from './server/src/engine/parse';
export { summarize } from './server/src/engine/corpus';
export { compareParagraphs, draftParagraphs } from './server/src/engine/compare';
export { wordDiff, charTokens, wordTokens, hunkCount } from './server/src/engine/compare/wordDiff';`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile,
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
const e = require(outfile);

const tokenizers = { characters: e.charTokens, 'Intl.Segmenter words': e.wordTokens };
if (jiebaDir) {
  const req = createRequire(path.join(path.resolve(jiebaDir), 'x.js'));
  try {
    const { Jieba } = req('@node-rs/jieba');
    const { dict } = req('@node-rs/jieba/dict');
    const jieba = Jieba.withDict(dict);
    tokenizers['jieba (@node-rs/jieba)'] = wrap((run) => jieba.cut(run, false));
  } catch (err) {
    console.log(`@node-rs/jieba not loaded: ${err.message}`);
  }
  try {
    const wasm = req('jieba-wasm');
    tokenizers['jieba (jieba-wasm)'] = wrap((run) => wasm.cut(run, true));
  } catch (err) {
    console.log(`jieba-wasm not loaded: ${err.message}`);
  }
}

/** A jieba cut in the place of ICU's: numbers and symbols stay whole as in wordDiff.ts. */
function wrap(cut) {
  const RUN = /[A-Za-z0-9０-９]+(?:[./\-][A-Za-z0-9０-９]+)*|\s+|[\u3400-\u9fff\uf900-\ufaff]+|[\s\S]/gu;
  return (text) => [...text.matchAll(RUN)].flatMap((m) => (/^[\u3400-\u9fff]/.test(m[0]) ? cut(m[0]) : [m[0]]));
}

const seed = (f) => e.parseResolution(readFileSync(path.join(ROOT, 'seeds', f), 'utf8'));
const chain = [
  ['A-RES-61-66.txt', 'A-RES-58-241.txt'],
  ['A-RES-72-57.md', 'A-RES-61-66.txt'],
  ['A-RES-79-40.txt', 'A-RES-72-57.md'],
];
const pairs = [];
for (const [d, p] of chain) {
  const c = e.compareParagraphs({ paragraphs: e.draftParagraphs(seed(d)) }, { doc: e.summarize(p, seed(p)), reason: '' });
  for (const r of c.rows) if (r.cls === 'changed' || r.cls === 'technical') pairs.push([r.predecessor.text, r.draft.text]);
}
console.log(`${pairs.length} changed or technical paragraph pairs on the chain\n`);
console.log('| tokens | hunks | islands (1-char equal runs between changes) | characters marked | µs per paragraph diff (median of 20 rounds) |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, tok] of Object.entries(tokenizers)) {
  let hunks = 0;
  let islands = 0;
  let marked = 0;
  for (const [a, b] of pairs) {
    const runs = e.wordDiff(a, b, tok);
    hunks += e.hunkCount(runs);
    for (let i = 1; i + 1 < runs.length; i++) if (runs[i].op === 'equal' && [...runs[i].text.trim()].length <= 1) islands++;
    for (const r of runs) if (r.op !== 'equal') marked += [...r.text].length;
  }
  const rounds = [];
  for (let k = 0; k < 20; k++) {
    const t = performance.now();
    for (const [a, b] of pairs) e.wordDiff(a, b, tok);
    rounds.push(((performance.now() - t) * 1000) / pairs.length);
  }
  rounds.sort((x, y) => x - y);
  console.log(`| ${name} | ${hunks} | ${islands} | ${marked} | ${Math.round(rounds[10])} |`);
}
