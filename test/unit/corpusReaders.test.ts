// Corpus files read on worker threads (server/src/node/corpusReaders.ts) give the corpus that
// reading them on the main thread gives: the same documents, in the same order, the same echo
// index, the same files skipped for the same reasons.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus, loadCorpus } from '../../server/src/engine/corpus';
import { silentLogger } from '../../server/src/engine/fileSystem';
import { workerReaders } from '../../server/src/node/corpusReaders';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';

const SEEDS = path.resolve(__dirname, '../../../seeds');

describe('corpus reader threads', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-readers-'));
    const seeds = fs.readdirSync(SEEDS).map((f) => fs.readFileSync(path.join(SEEDS, f), 'utf8'));
    // Each seed several times under other names, a paragraph dropped in each copy, and bad files.
    for (let i = 0; i < 24; i++) {
      const lines = seeds[i % seeds.length].split('\n');
      lines.splice(10 + i, 1);
      fs.writeFileSync(path.join(dir, `A-RES-${70 + i}-${i + 1}.txt`), lines.join('\n'));
    }
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255]));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'notes.md'), 'no paragraphs here\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function load(reader?: ReturnType<typeof workerReaders>) {
    const corpus = new Corpus();
    const report = await loadCorpus(corpus, [dir], { fs: nodeFileSystem, logger: silentLogger, reader });
    return { corpus, report };
  }

  it('give the documents, the echo index and the skipped files of a load on the main thread', async () => {
    const here = await load();
    let started = 0;
    const threads = workerReaders(silentLogger, { threads: 2, minFiles: 0 });
    const there = await load((n) => {
      const r = threads(n);
      if (r) started++;
      return r;
    });
    assert.strictEqual(started, 1, 'the reader threads were used');
    assert.strictEqual(there.report.documents, 24);
    assert.deepStrictEqual(there.report, here.report);
    // As JSON: a summary from a thread comes as JSON, without the fields that are undefined.
    const json = (c: Corpus) => JSON.stringify([...c.documents()]);
    assert.strictEqual(json(there.corpus), json(here.corpus));
    assert.deepStrictEqual(there.corpus.index.toBuffer(), here.corpus.index.toBuffer());
    const draft = [...here.corpus.documents()][3].paragraphs[5];
    const ask = (c: Corpus) => c.echo.findEchoes(draft.text, { verbPrefixLength: draft.verbPrefix?.length });
    assert.ok(ask(here.corpus).length > 1);
    assert.deepStrictEqual(ask(there.corpus), ask(here.corpus));
  });

  it('hand their files back to the main thread when they fail, saying so once per thread', async () => {
    const here = await load();
    const script = path.join(dir, 'failing-worker.js');
    fs.writeFileSync(script, 'process.exit(3);\n');
    const lines: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => lines.push(m) };
    const there = await load(workerReaders(logger, { threads: 2, minFiles: 0, script }));
    fs.rmSync(script);
    assert.deepStrictEqual(there.report, here.report);
    const json = (c: Corpus) => JSON.stringify([...c.documents()]);
    assert.strictEqual(json(there.corpus), json(here.corpus));
    assert.ok(lines.length >= 1 && lines.length <= 2, lines.join('\n'));
    assert.match(lines[0], /reader thread stopped \(exit code 3\); reading on the main thread/);
  });

  it('are not started for a load of a few files', async () => {
    const threads = workerReaders(silentLogger, { threads: 2 });
    assert.strictEqual(threads(10), undefined);
  });
});
