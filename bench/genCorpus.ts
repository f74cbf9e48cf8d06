// Writes a synthetic corpus of resolutions (bench/synthCorpus.ts) to a folder, one file each,
// as it makes them: memory stays flat whatever the size.
//
//   node dist/genCorpus.js OUTDIR [--chars N | --count N] [--seed S] [--seeds DIR] [--shape generator|dense]
//
// --chars: total size in characters (UTF-16 units, as the editor counts; default 100,000,000,
// about 27,000 resolutions); --count: a number of resolutions instead. The same seed (default 7)
// and seeds folder give the same files; --shape dense: an archive of close revisions (Shape in
// synthCorpus.ts). OUTDIR must be new or empty. The last line printed is a
// JSON summary.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { ResolutionGenerator, SHAPES, Shape, buildPools } from './synthCorpus';

const USAGE = 'usage: node dist/genCorpus.js OUTDIR [--chars N | --count N] [--seed S] [--seeds DIR] [--shape generator|dense]';

function main(argv: string[]): void {
  let out: string | undefined;
  let chars = 100_000_000;
  let count: number | undefined;
  let seed = 7;
  let seeds = path.join(__dirname, '..', 'seeds');
  let shape: Shape = 'generator';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isSafeInteger(v) || v < 0) fail(`${a} takes a whole number`);
      return v;
    };
    if (a === '--chars') chars = num();
    else if (a === '--count') count = num();
    else if (a === '--seed') seed = num();
    else if (a === '--seeds') seeds = argv[++i] ?? fail('--seeds takes a folder');
    else if (a === '--shape') {
      const v = argv[++i];
      if (!SHAPES.includes(v as Shape)) fail(`--shape takes ${SHAPES.join(' or ')}`);
      shape = v as Shape;
    }
    else if (a.startsWith('-') || out !== undefined) fail(`unknown argument ${a}`);
    else out = a;
  }
  if (out === undefined) fail('OUTDIR is missing');

  const t0 = process.hrtime.bigint();
  let texts: string[] = [];
  try {
    texts = readdirSync(seeds)
      .filter((f) => /\.(txt|md)$/.test(f))
      .sort()
      .map((f) => readFileSync(path.join(seeds, f), 'utf8'));
  } catch (e) {
    fail(`cannot read the seed resolutions in ${seeds}: ${(e as Error).message}`);
  }
  if (texts.length === 0) fail(`no seed resolutions (.txt, .md) in ${seeds}`);
  let gen: ResolutionGenerator;
  try {
    gen = new ResolutionGenerator(buildPools(texts), seed, shape);
  } catch (e) {
    fail(`${seeds}: ${(e as Error).message}`);
  }
  // Never mixed with the files of another run (or anything else): a corpus is one run's output.
  if (existsSync(out) && readdirSync(out).length > 0) fail(`${out} is not empty: give a new or empty folder`);
  mkdirSync(out, { recursive: true });
  let files = 0;
  let total = 0;
  const layouts = { pdf: 0, markdown: 0, typed: 0 };
  while (count !== undefined ? files < count : total < chars) {
    const r = gen.next();
    // `-<n>`: unique however the sessions and numbers fall.
    writeFileSync(path.join(out, `${r.name}-${files}${r.extension}`), r.text);
    files++;
    total += r.text.length;
    layouts[r.layout]++;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ dir: out, files, chars: total, seed, shape, layouts, ms: Math.round(ms) }));
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

main(process.argv.slice(2));
