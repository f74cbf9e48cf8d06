// Word and PDF files in the corpus (engine/corpus.ts through nodeFileSystem.documentText): read
// on the main thread and on the reader threads alike, a resolution's symbol, paragraphs and
// footnotes as from its text; an unreadable document skipped with its reason while the rest load.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus, LoadReport, loadCorpus } from '../../server/src/engine/corpus';
import { silentLogger } from '../../server/src/engine/fileSystem';
import { parseResolution } from '../../server/src/engine/parse';
import { workerReaders } from '../../server/src/node/corpusReaders';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { resolutionDocx } from '../office/resolutionDocx';
import { PAGE_1, PAGE_2, handWrittenPdf } from './pdfFixtures';

const ROOT = path.resolve(__dirname, '../../..');

describe('corpus: Word and PDF files', function () {
  this.timeout(60000);
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-corpus-documents-'));
    const seed = parseResolution(fs.readFileSync(path.join(ROOT, 'seeds/A-RES-72-57.md'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'A-RES-72-57.docx'), await resolutionDocx(seed));
    fs.writeFileSync(path.join(dir, 'resolution.pdf'), handWrittenPdf([PAGE_1, PAGE_2]));
    fs.writeFileSync(path.join(dir, 'scan.pdf'), handWrittenPdf(['drawing']));
    fs.writeFileSync(path.join(dir, 'broken.docx'), 'not a zip');
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/password-protected.docx'), path.join(dir, 'protected.docx'));
    fs.writeFileSync(path.join(dir, 'A-RES-61-66.txt'), fs.readFileSync(path.join(ROOT, 'seeds/A-RES-61-66.txt')));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function load(reader?: ReturnType<typeof workerReaders>): Promise<{ corpus: Corpus; report: LoadReport }> {
    const corpus = new Corpus();
    const report = await loadCorpus(corpus, [dir], { fs: nodeFileSystem, logger: silentLogger, reader });
    return { corpus, report };
  }

  for (const [where, reader] of [
    ['on the main thread', undefined],
    ['on reader threads', () => workerReaders(silentLogger, { threads: 2, minFiles: 0 })],
  ] as const) {
    it(`reads .docx and .pdf resolutions ${where}, and skips unreadable ones with the reason`, async () => {
      const { corpus, report } = await load(reader?.());
      const docs = [...corpus.documents()].sort((a, b) => a.key.localeCompare(b.key));
      assert.deepStrictEqual(
        docs.map((d) => `${path.basename(d.key)} ${d.symbol} ${d.paragraphs.length}`),
        ['A-RES-61-66.txt A/RES/61/66 22', 'A-RES-72-57.docx A/RES/72/57 44', 'resolution.pdf A/RES/79/40 5'],
      );
      const docx = corpus.bySymbol('A/RES/72/57')!;
      assert.deepStrictEqual(docx.date, { year: 2017, month: 12, day: 4 });
      assert.strictEqual(docx.paragraphs[0].text, parseResolution(fs.readFileSync(path.join(ROOT, 'seeds/A-RES-72-57.md'), 'utf8')).preambular[0].body.text);
      assert.strictEqual(corpus.bySymbol('A/RES/79/40')!.paragraphs[1].text, '强调必须继续全面执行《行动纲领》，并确认《行动纲领》对这方面国际努力的重大贡献，');
      const reasons = Object.fromEntries(report.skipped.map((s) => [path.basename(s.path), s.reason]));
      assert.deepStrictEqual(Object.keys(reasons).sort(), ['broken.docx', 'protected.docx', 'scan.pdf']);
      assert.match(reasons['broken.docx'], /not a valid Word document/);
      assert.match(reasons['protected.docx'], /password-protected/);
      assert.match(reasons['scan.pdf'], /no text/);
    });
  }
});
