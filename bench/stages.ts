// What a cold corpus load costs, stage by stage, on one thread: how much CPU each step of
// loadCorpus needs for a corpus, without threads, messages or a cache, so that the cold-index
// figure of run.mjs can be set against the work it has to do. Stages run one after the other
// over every file, each on the previous stage's output held in memory:
//   read       readFileSync of each file
//   decode     decodeText (BOM, UTF-8 / UTF-16 / GB18030, binary check)
//   parse      parseResolution + summarize (what a reader thread makes of a file)
//   prints     documentPrints(echoParagraphs(doc)) (the fingerprints a reader thread sends)
//   index      Corpus.add with those prints, then the echo index's merge (what the main thread does)
// and, as the yardstick of "a plain read-and-winnow pass", the fingerprints of each
// whole decoded file (normalise + winnow, no parsing), after read + decode.
//
// `npm run bench` runs it on its corpus after the servers (it holds the whole corpus in memory:
// a peak RSS of 1.5 GB at 100 M characters). On its own:
//   npx esbuild bench/stages.ts --bundle --platform=node --outfile=.bench/stages.cjs
//   node --max-old-space-size=8192 .bench/stages.cjs CORPUS_FOLDER [--runs N]   (best of N runs per stage)
import { readFileSync, readdirSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Corpus, CorpusDocument, echoParagraphs, isCorpusFileName, summarize } from '../server/src/engine/corpus';
import { decodeText } from '../server/src/engine/decode';
import { DocumentPrints, documentPrints } from '../server/src/engine/match/echo';
import { paragraphFingerprints } from '../server/src/engine/match/fingerprints';
import { parseResolution } from '../server/src/engine/parse';

function corpusFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) corpusFiles(p, out);
    else if (isCorpusFileName(p)) out.push(p);
  }
  return out;
}

/** Runs `f` `runs` times; its last result and the fastest time (ms). */
function timed<T>(runs: number, f: () => T): { value: T; ms: number } {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = f();
    best = Math.min(best, performance.now() - t);
  }
  return { value, ms: Math.round(best) };
}

async function main(argv: string[]): Promise<void> {
  const dir = argv.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: node .bench/stages.cjs CORPUS_FOLDER [--runs N]');
    process.exit(2);
  }
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 1;
  const files = corpusFiles(path.resolve(dir));
  const read = timed(runs, () => files.map((f) => readFileSync(f)));
  const decode = timed(runs, () => read.value.map((b) => decodeText(b)));
  const texts = decode.value.flatMap((d, i) => (d.ok ? [{ file: files[i], text: d.text }] : []));
  const chars = texts.reduce((n, t) => n + t.text.length, 0);
  const parse = timed(runs, () => texts.map((t) => summarize(t.file, parseResolution(t.text))));
  const docs = parse.value.filter((d) => d.paragraphs.length > 0);
  const prints = timed(runs, () => docs.map((d) => documentPrints(echoParagraphs(d))));
  const index = await timedIndex(runs, docs, prints.value, chars);
  const winnow = timed(runs, () => texts.reduce((n, t) => n + paragraphFingerprints(t.text).length, 0));
  const stages = { read: read.ms, decode: decode.ms, parse: parse.ms, prints: prints.ms, index };
  const pipeline = Object.values(stages).reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({
      files: files.length,
      chars,
      paragraphs: docs.reduce((n, d) => n + d.paragraphs.length, 0),
      ms: stages,
      pipelineMs: pipeline,
      /** The pipeline spread perfectly over every core, with no overhead: a floor for the cold load. */
      pipelineOverCoresMs: Math.round(pipeline / os.availableParallelism()),
      plainReadAndWinnowMs: read.ms + decode.ms + winnow.ms,
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model,
      node: process.version,
    }),
  );
}

/**
 * Corpus.add of every document with its prints, then the merge a query would do, with room made
 * for `chars` characters as loadCorpus makes it: best of `runs`.
 */
async function timedIndex(runs: number, docs: CorpusDocument[], prints: DocumentPrints[], chars: number): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    // add() shares texts with the index: a fresh copy of each summary per run.
    const copies = docs.map((d) => ({ ...d, paragraphs: d.paragraphs.map((p) => ({ ...p })) }));
    const corpus = new Corpus();
    const t = performance.now();
    corpus.index.reserve(chars);
    copies.forEach((d, i) => corpus.add(d, prints[i]));
    await corpus.index.prepare(async () => undefined);
    best = Math.min(best, performance.now() - t);
  }
  return Math.round(best);
}

void main(process.argv.slice(2));
