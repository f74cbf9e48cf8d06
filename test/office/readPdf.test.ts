// PDFs that a real office program prints, read back: each seed resolution made into a Word
// document laid out as the Official Document System prints it (test/office/resolutionDocx.ts:
// running header with the symbol, footer with job number and page/pages, footnotes at the foot
// of the page in smaller type, paragraphs indented two characters), printed to PDF by
// LibreOffice (one soffice for all four), then read with the PDF reader and parsed: the same
// paragraphs, footnotes, symbol, title and adoption date as the seed itself. The .docx is read
// too, through the Word reader.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Resolution, paragraphs } from '../../server/src/engine/model';
import { parseResolution } from '../../server/src/engine/parse';
import { readPdf } from '../../server/src/node/pdf/readPdf';
import { documentText } from '../../server/src/node/readDocument';
import { officeConvert, requireOffice } from './office';
import { resolutionDocx } from './resolutionDocx';

const SEEDS = path.resolve(__dirname, '../../../seeds');

/** Text without white space: LibreOffice sets a gap between Chinese and Latin letters or digits, which reads as a space. */
const squeezed = (text: string) => text.replace(/\s+/g, '');

/** What a reader of the resolution sees: its paragraphs and footnotes, symbol, title and adoption date. */
function summary(res: Resolution) {
  return {
    symbol: res.symbol,
    title: res.title?.text,
    closing: res.closing?.date,
    paragraphs: paragraphs(res).map((p) => `${p.label} ${squeezed(p.body.text)}`),
    refs: paragraphs(res).map((p) => p.footnoteRefs.map((r) => r.number).join(',')),
    footnotes: res.footnotes.map((f) => `${f.number} ${squeezed(f.body.text)}`),
  };
}

describe('PDFs printed by LibreOffice, read back', function () {
  this.timeout(300000);
  const seeds = fs.readdirSync(SEEDS).sort();
  let temp: string;

  before(async function () {
    const python = requireOffice(this);
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-office-pdf-'));
    const files: string[] = [];
    for (const seed of seeds) {
      const file = path.join(temp, seed.replace(/\.\w+$/, '.docx'));
      fs.writeFileSync(file, await resolutionDocx(parseResolution(fs.readFileSync(path.join(SEEDS, seed), 'utf8'))));
      files.push(file);
    }
    await officeConvert(python, files, temp);
  });

  after(() => temp && fs.rmSync(temp, { recursive: true, force: true }));

  for (const seed of ['A-RES-58-241.txt', 'A-RES-61-66.txt', 'A-RES-72-57.md', 'A-RES-79-40.txt']) {
    it(`${seed}: the PDF gives the seed's paragraphs, footnotes, symbol, title and date`, async () => {
      const expected = summary(parseResolution(fs.readFileSync(path.join(SEEDS, seed), 'utf8')));
      const text = await readPdf(fs.readFileSync(path.join(temp, seed.replace(/\.\w+$/, '.pdf'))));
      // Printed over several pages, with their running headers and footers.
      assert.ok((text.match(/^\s*\d{2}-\d{5}\s+\d+\/\d+\s*$/gm) ?? []).length >= 2, text);
      assert.deepStrictEqual(summary(parseResolution(text)), expected);
    });

    it(`${seed}: the .docx gives them too`, async () => {
      const expected = summary(parseResolution(fs.readFileSync(path.join(SEEDS, seed), 'utf8')));
      const read = await documentText(path.join(temp, seed.replace(/\.\w+$/, '.docx')), fs.readFileSync(path.join(temp, seed.replace(/\.\w+$/, '.docx'))));
      assert.deepStrictEqual(summary(parseResolution(read.text)), expected);
    });
  }
});
