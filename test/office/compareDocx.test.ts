// `unres compare --format docx` on the seeds as a chain (61/66 vs 58/241, 72/57 vs 61/66, 79/40
// vs 72/57), opened in LibreOffice: accepting every change gives the draft's paragraphs, in
// order, and rejecting every change the predecessor's; and the reader reads the same two texts.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { paragraphs } from '../../server/src/engine/model';
import { parseResolution } from '../../server/src/engine/parse';
import { docxText, readDocx } from '../../server/src/node/docx/readDocx';
import { CLI, SEEDS } from '../cli/runCli';
import { OfficeResult, officeConvert, requireOffice } from './office';

const CHAIN: Array<[draft: string, predecessor: string]> = [
  ['A-RES-61-66.txt', 'A-RES-58-241.txt'],
  ['A-RES-72-57.md', 'A-RES-61-66.txt'],
  ['A-RES-79-40.txt', 'A-RES-72-57.md'],
];

const squeezed = (text: string) => text.replace(/\s+/g, '');

/** A seed's paragraphs as printed, without white space: operative ones after their number. */
function printed(seed: string): string[] {
  const res = parseResolution(fs.readFileSync(path.join(SEEDS, seed), 'utf8'));
  return paragraphs(res).map((p) => squeezed(`${p.number !== undefined ? `${p.number}.` : ''}${p.body.text}`));
}

describe('unres compare --format docx in LibreOffice', function () {
  this.timeout(300000);
  let temp: string;
  let results: Map<string, OfficeResult>;
  const file = (draft: string) => path.join(temp, `${draft.replace(/\.\w+$/, '')}-compared.docx`);

  before(async function () {
    const python = requireOffice(this);
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-office-compare-'));
    for (const [draft] of CHAIN) {
      const r = spawnSync(process.execPath, [CLI, 'compare', path.join(SEEDS, draft), '--format', 'docx', '--output', file(draft), '--no-cache'], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
    }
    results = await officeConvert(python, CHAIN.map(([draft]) => file(draft)), temp);
  });

  after(() => temp && fs.rmSync(temp, { recursive: true, force: true }));

  for (const [draft, predecessor] of CHAIN) {
    it(`${draft} vs ${predecessor}: accept all gives the draft's paragraphs, reject all the predecessor's`, () => {
      const r = results.get(file(draft))!;
      const lines = (text: string) => text.replace(/\n$/, '').split('\n').map(squeezed);
      assert.deepStrictEqual(lines(r.accepted), printed(draft));
      assert.deepStrictEqual(lines(r.rejected), printed(predecessor));
      const content = readDocx(fs.readFileSync(file(draft)));
      assert.strictEqual(docxText(content, 'accepted'), r.accepted.replace(/\n$/, ''));
      assert.strictEqual(docxText(content, 'rejected'), r.rejected.replace(/\n$/, ''));
    });
  }
});
