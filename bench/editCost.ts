// Where an edit's diagnostics spend their time, in-process (no LSP, no debounce): the corpus is
// loaded as the server loads it (through an index-cache folder), then one character is typed
// into a paragraph of the 60-paragraph draft 30 times, and each part of computeFindings is timed
// on its own.
//
//   npx esbuild bench/editCost.ts --bundle --platform=node --outfile=.bench/editCost.cjs
//   node .bench/editCost.cjs CACHE_FOLDER [CORPUS_FOLDER…]     (the seeds are always in)
//
// e.g. after `npm run bench`: node .bench/editCost.cjs .bench/storage/scale-corpus-c100000000-s7
// .bench/corpus-c100000000-s7. The draft is .bench/draft-60.unres (written by bench/run.mjs).
import { readFileSync } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Corpus, loadCorpus } from '../server/src/engine/corpus';
import { silentLogger } from '../server/src/engine/fileSystem';
import { paragraphs } from '../server/src/engine/model';
import { nodeFileSystem } from '../server/src/node/nodeFileSystem';
import { openIndexCache } from '../server/src/node/indexCache';
import { citationFindings } from '../server/src/features/citationDiagnostics';
import { parseDraft } from '../server/src/features/document';
import { RepeatFinder } from '../server/src/engine/match/repeats';
import { structureFindings } from '../server/src/features/structureDiagnostics';

const KEYS = '国际合作与援助';
const REPEAT_OPTIONS = { limit: 5, threshold: 0.3 };

async function main(argv: string[]): Promise<void> {
  if (argv.length < 1) {
    console.error('usage: node .bench/editCost.cjs CACHE_FOLDER [CORPUS_FOLDER…]');
    process.exit(2);
  }
  const corpus = new Corpus();
  const t0 = performance.now();
  const cache = await openIndexCache(path.resolve(argv[0]), silentLogger);
  const roots = [path.resolve('seeds'), ...argv.slice(1).map((p) => path.resolve(p))];
  const report = await loadCorpus(corpus, roots, { fs: nodeFileSystem, logger: silentLogger, cache });
  console.log(`corpus: ${corpus.size} documents (${report.fromCache ?? 0} from the cache) in ${Math.round(performance.now() - t0)} ms`);

  const lines = readFileSync('.bench/draft-60.unres', 'utf8').split('\n');
  const first = lines.findIndex((l) => l.startsWith('大会'));
  const search = (text: string, prefix?: number) => corpus.echo.findEchoes(text, { verbPrefixLength: prefix, threshold: REPEAT_OPTIONS.threshold, limit: 5 });
  const kept = new RepeatFinder();
  const time = <T>(into: number[], f: () => T): T => {
    const t = performance.now();
    const out = f();
    into.push(performance.now() - t);
    return out;
  };
  const parts: Record<string, number[]> = {
    'parse': [],
    "corpus search of the edited paragraph": [],
    "corpus searches, 59 unchanged (memo)": [],
    'repeats, kept per document': [],
    'repeats, from scratch': [],
    'citation checks': [],
    'structure checks': [],
  };
  const all = (run: ReturnType<RepeatFinder['run']>, n: number) => {
    for (let i = 0; i < n; i++) run.matches(i);
  };
  // Before the first edit: every search made once, as the first diagnostics do.
  const doc0 = parseDraft('file:///bench/draft.unres', 1, lines.join('\n'));
  for (const p of paragraphs(doc0.resolution)) search(p.body.text, p.verb?.prefix.length);
  all(kept.run(paragraphs(doc0.resolution), REPEAT_OPTIONS), paragraphs(doc0.resolution).length);

  for (let k = 0; k < 30; k++) {
    const line = first + 1 + ((k * 7) % 60);
    const at = Math.floor(lines[line].length / 2);
    lines[line] = lines[line].slice(0, at) + KEYS[k % KEYS.length] + lines[line].slice(at);
    const doc = time(parts['parse'], () => parseDraft('file:///bench/draft.unres', k + 2, lines.join('\n')));
    const paras = paragraphs(doc.resolution);
    const edited = paras[line - first - 1];
    time(parts['corpus search of the edited paragraph'], () => search(edited.body.text, edited.verb?.prefix.length));
    time(parts['corpus searches, 59 unchanged (memo)'], () => paras.forEach((p) => p !== edited && search(p.body.text, p.verb?.prefix.length)));
    time(parts['repeats, kept per document'], () => all(kept.run(paras, REPEAT_OPTIONS), paras.length));
    time(parts['repeats, from scratch'], () => all(new RepeatFinder().run(paras, REPEAT_OPTIONS), paras.length));
    time(parts['citation checks'], () => citationFindings(doc, corpus, true));
    time(parts['structure checks'], () => structureFindings(doc));
  }
  const q = (xs: number[], f: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(f * xs.length) - 1)].toFixed(2);
  console.log('| part of an edit\'s diagnostics | median | p95 |\n|---|---|---|');
  for (const [k, xs] of Object.entries(parts)) console.log(`| ${k} | ${q(xs, 0.5)} ms | ${q(xs, 0.95)} ms |`);
}

void main(process.argv.slice(2));
