// PDFs in (server/src/node/pdf/readPdf.ts): PDFs written by hand in the fonts old Official
// Document System PDFs use (not embedded, predefined Chinese encodings that need pdf.js's
// CMaps, read from disk), laid out as a resolution: the text comes out as the parser reads PDF
// extractions (indented paragraph openings, line breaks inside paragraphs, running header and
// footer, superscript footnote markers, footnotes after a separator). PDFs that LibreOffice
// prints are in test/office/readPdf.test.ts.
import * as assert from 'assert';
import { paragraphs } from '../../server/src/engine/model';
import { parseResolution } from '../../server/src/engine/parse';
import { DocumentError } from '../../server/src/node/documentError';
import { readPdf } from '../../server/src/node/pdf/readPdf';
import { documentText } from '../../server/src/node/readDocument';
import { PAGE_1, PAGE_2, handWrittenPdf, resolutionPage } from './pdfFixtures';

const refused = async (bytes: Uint8Array, problem: string, message: RegExp) => {
  await assert.rejects(readPdf(bytes), (e: unknown) => {
    assert.ok(e instanceof DocumentError, String(e));
    assert.strictEqual(e.problem, problem);
    assert.match(e.message, message);
    assert.match(e.message, /[\u4e00-\u9fff]/, 'the message is in Chinese too');
    return true;
  });
};

describe('PDF documents in', function () {
  this.timeout(30000);

  it('reads a resolution page by page as the parser reads PDF extractions', async () => {
    const text = await readPdf(handWrittenPdf([PAGE_1, PAGE_2]));
    const lines = text.split('\n');
    // Paragraph openings indented, continuation lines not; the marker set apart; the footnotes after a rule.
    assert.ok(lines.includes('  回顾其 2023 年 12 月 4 日第 78/46 号决议及以往所有关于'), text);
    assert.ok(lines.includes('小武器和轻武器非法贸易各方面问题的决议，'), text);
    assert.ok(lines.includes('  强调必须继续全面执行《行动纲领》，1 并确认《行动纲'), text);
    assert.ok(lines.indexOf('__________') < lines.indexOf('1 A/CONF.192/15，第四章，第 24 段。'), text);
    assert.ok(lines.includes('A/RES/79/40 小武器和轻武器非法贸易的各方面问题'), text);

    const res = parseResolution(text);
    assert.strictEqual(res.title?.text, '小武器和轻武器非法贸易的各方面问题');
    assert.deepStrictEqual(
      paragraphs(res).map((p) => `${p.label} ${p.body.text}`),
      [
        'PP1 回顾其 2023 年 12 月 4 日第 78/46 号决议及以往所有关于小武器和轻武器非法贸易各方面问题的决议，',
        'PP2 强调必须继续全面执行《行动纲领》，并确认《行动纲领》对这方面国际努力的重大贡献，',
        'OP1 鼓励各国提供国际合作和援助，包括加强国家能力，以便充分执行《行动纲领》；',
        'OP2 请秘书长向大会第八十届会议报告本决议的执行情况；',
        'OP3 决定继续处理这一问题。',
      ],
    );
    assert.deepStrictEqual(res.preambular[1].footnoteRefs.map((r) => r.number), [1]);
    assert.deepStrictEqual(res.footnotes.map((f) => `${f.number} ${f.body.text}`), ['1 A/CONF.192/15，第四章，第 24 段。']);
  });

  it('reads Traditional characters (a CNS font) through the CMaps shipped with pdf.js, offline', async () => {
    const text = await readPdf(handWrittenPdf([resolutionPage(['  大會，', '  回顧其第 78/46 號決議，', '  1. 決定繼續處理這一問題。'])], 'traditional'));
    assert.deepStrictEqual(text.trim().split('\n'), ['大會，', '回顧其第 78/46 號決議，', '1. 決定繼續處理這一問題。']);
  });

  it('a PDF named otherwise is still read as a PDF', async () => {
    const read = await documentText('draft.txt', handWrittenPdf([PAGE_2]));
    assert.strictEqual(read.kind, 'pdf');
    assert.match(read.text, /决定继续处理这一问题。/);
  });

  it('a PDF without text (a scan) is refused with a clear message', () => refused(handWrittenPdf(['drawing', 'drawing']), 'no-text', /no text \(a scanned image\?\)/));

  it('what is not a PDF, or a truncated one, is refused with a clear message', async () => {
    await refused(new TextEncoder().encode('%PDF-1.7\n大会，\n回顾其决议，\n'), 'not-pdf', /not a valid PDF/);
    const whole = handWrittenPdf([PAGE_1]);
    await refused(whole.subarray(0, 40), 'not-pdf', /not a valid PDF/);
  });

  it('reads a PDF asked for while another is read (a corpus load reads ahead), each with all its pages', async () => {
    // pdf.js 5.4 keeps the page count of the last document opened in one place for all of them.
    const long = handWrittenPdf([PAGE_1, ...Array.from({ length: 7 }, () => PAGE_2)]);
    const short = handWrittenPdf([PAGE_2]);
    for (const delay of [0, 1, 2, 5, 10]) {
      const first = readPdf(long);
      await new Promise((resolve) => setTimeout(resolve, delay));
      assert.strictEqual((await readPdf(short)).match(/决定继续处理这一问题。/g)?.length, 1);
      assert.strictEqual((await first).match(/决定继续处理这一问题。/g)?.length, 7, `read with ${delay} ms between`);
    }
  });

  it('leaves the caller its bytes (pdf.js takes over the buffer it reads)', async () => {
    const bytes = handWrittenPdf([PAGE_2]);
    const copy = bytes.slice();
    await readPdf(bytes);
    assert.deepStrictEqual(bytes, copy);
  });
});
