// The tracked-changes .docx in a real office program: LibreOffice (headless, one soffice for
// every document) opens each, prints it to PDF, and accepts all its changes, then rejects all,
// saving the text each time. Accepting must give the new text exactly, rejecting the old one,
// and the PDF must show both the old and the new wording (deleted text struck through, not
// dropped). The documents: the 72/57 → 79/40 example, the cases of new and dropped paragraphs
// at the start and at the end, a document replaced whole, and a few random ones. Then Word's
// own markup (numbered lists, moves) read by LibreOffice and by the reader.
import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TrackedDocument, trackedText, writeTrackedDocx } from '../../server/src/node/docx/trackedDocx';
import { EXAMPLE, P, trackedDocumentArb } from '../unit/trackedExamples';
import { NUMBERED_BODY, NUMBERING, REV, del, docx, ins, para, run } from '../unit/wordXml';
import { docxText, readDocx } from '../../server/src/node/docx/readDocx';
import { OfficeResult, officeConvert, pdfToText, requireOffice } from './office';

const doc = (...paragraphs: TrackedDocument['paragraphs']): TrackedDocument => ({ author: '审校', date: new Date('2025-06-01T08:30:00Z'), paragraphs });

const CASES: Record<string, TrackedDocument> = {
  example: EXAMPLE,
  'new-first': doc(P(['ins', '新的第一段，']), P(['same', '大会，']), P(['same', '1. 决定继续处理这一问题。'])),
  'dropped-first-replaced': doc(P(['del', '旧的标题']), P(['ins', '新的标题']), P(['same', '大会，'])),
  'new-last': doc(P(['same', '大会，']), P(['same', '1. 请秘书长报告；']), P(['ins', '2. 决定继续处理这一问题。'])),
  'dropped-last': doc(P(['same', '大会，']), P(['same', '1. 请秘书长报告；']), P(['del', '2. 决定继续处理这一问题。'])),
  'mixed-end': doc(P(['same', '大会，']), P(['del', '旧的一段，']), P(['ins', '新的一段，']), P(['del', '旧的最后一段。'])),
  'replaced-whole': doc(P(['del', '旧的一段，']), P(['del', '旧的第二段。']), P(['ins', '新的一段。'])),
  'all-new': doc(P(['ins', '大会，']), P(['ins', '1. 决定继续处理这一问题。'])),
};
// A few random documents too (the same ones every run): the reader's property test covers many more.
fc.sample(trackedDocumentArb, { numRuns: 5, seed: 4057 }).forEach((d, i) => (CASES[`random-${i}`] = d));

/** LibreOffice's text file: the paragraphs, each ending with a line break. */
const withoutLastBreak = (text: string) => text.replace(/\n$/, '');

describe('tracked changes .docx in LibreOffice', function () {
  this.timeout(300000);
  let temp: string;
  let results: Map<string, OfficeResult>;

  before(async function () {
    const python = requireOffice(this);
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-office-'));
    const files: string[] = [];
    for (const [name, d] of Object.entries(CASES)) {
      const file = path.join(temp, `${name}.docx`);
      fs.writeFileSync(file, await writeTrackedDocx(d));
      files.push(file);
    }
    const byFile = await officeConvert(python, files, temp);
    results = new Map(Object.keys(CASES).map((name) => [name, byFile.get(path.join(temp, `${name}.docx`))!]));
  });

  after(() => temp && fs.rmSync(temp, { recursive: true, force: true }));

  it('accepting all changes gives the new text exactly, rejecting all the old one', () => {
    for (const [name, d] of Object.entries(CASES)) {
      const r = results.get(name)!;
      assert.strictEqual(withoutLastBreak(r.accepted), trackedText(d, 'accepted'), `${name}: accepted`);
      assert.strictEqual(withoutLastBreak(r.rejected), trackedText(d, 'rejected'), `${name}: rejected`);
    }
  });

  it('the PDF shows the old wording beside the new', () => {
    const text = pdfToText(results.get('example')!.pdf).replace(/\s+/g, '');
    for (const wording of ['2016年12月5日第71/48', '2023年12月4日第78/46', '第二次不限成员名额政府专家会议', '欢迎2024年6月17日', '视为', '作为', '七十三', '八十']) {
      assert.ok(text.includes(wording), `${wording} in the PDF:\n${text}`);
    }
    assert.ok(text.includes('大会，回顾其'), text);
  });
});

// Word's own markup, read by LibreOffice and by the reader: the same two texts (LibreOffice's
// text export indents list items, turns the tab after a list number into a space and prints
// bullets, which the reader leaves out).
describe('Word documents read by LibreOffice and by the reader alike', function () {
  this.timeout(300000);
  const DOCUMENTS: Record<string, Uint8Array> = {
    numbered: docx(NUMBERED_BODY, undefined, NUMBERING),
    moved: docx(
      para(`<w:moveFrom w:id="7" ${REV}>${run('甲段，')}</w:moveFrom>`, `<w:del w:id="8" ${REV}/>`) +
        para(run('乙段，') + del('旧的措辞', 11) + ins('新的措辞', 12)) +
        para(`<w:moveTo w:id="9" ${REV}>${run('甲段，')}</w:moveTo>`, `<w:ins w:id="10" ${REV}/>`) +
        para(run('丙段。')),
    ),
  };
  const normalized = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim().replace(/^•\s*/, '').replace(/\s+/g, ' '))
      .join('\n')
      .replace(/\n$/, '');
  let temp: string;
  let results: Map<string, OfficeResult>;

  before(async function () {
    const python = requireOffice(this);
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-office-word-'));
    const files = Object.entries(DOCUMENTS).map(([name, bytes]) => {
      const file = path.join(temp, `${name}.docx`);
      fs.writeFileSync(file, bytes);
      return file;
    });
    results = await officeConvert(python, files, temp);
  });

  after(() => temp && fs.rmSync(temp, { recursive: true, force: true }));

  for (const name of ['numbered', 'moved']) {
    it(`${name}: LibreOffice accepts and rejects all changes into the reader's two texts`, () => {
      const r = results.get(path.join(temp, `${name}.docx`))!;
      const content = readDocx(DOCUMENTS[name]);
      assert.strictEqual(normalized(r.accepted), normalized(docxText(content, 'accepted')));
      assert.strictEqual(normalized(r.rejected), normalized(docxText(content, 'rejected')));
    });
  }
});
