// Word documents in (server/src/node/docx/readDocx.ts, readDocument.ts): the XML as Word writes
// it — tracked insertions, deletions and moves, inserted and deleted paragraph marks, fields,
// tabs and breaks, text boxes with their fallback copy, footnotes — read into the text with the
// changes accepted (what `unres check` and the corpus read) or rejected; and documents that are
// not readable refused with a clear message.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { strToU8, zipSync } from 'fflate';
import { parseResolution } from '../../server/src/engine/parse';
import { DocumentError } from '../../server/src/node/documentError';
import { docxText, readDocx } from '../../server/src/node/docx/readDocx';
import { documentKind, documentText } from '../../server/src/node/readDocument';
import { NUMBERED_BODY, NUMBERING, REV, W, del, docx, ins, para, run } from './wordXml';

describe('Word documents in', () => {
  it('reads tracked insertions and deletions: accepted, the new text; rejected, the old', () => {
    const content = readDocx(docx(para(run('回顾其 ') + del('2016 年 12 月 5 日第 71/48') + ins('2023 年 12 月 4 日第 78/46') + run(' 号决议，'))));
    assert.strictEqual(docxText(content, 'accepted'), '回顾其 2023 年 12 月 4 日第 78/46 号决议，');
    assert.strictEqual(docxText(content, 'rejected'), '回顾其 2016 年 12 月 5 日第 71/48 号决议，');
    assert.ok(content.tracked);
  });

  it('a paragraph whose mark is inserted is joined with the next when rejected; one whose mark is deleted, when accepted', () => {
    const body =
      para(run('大会，')) +
      para(ins('新的一段，', 3), `<w:ins w:id="4" ${REV}/>`) +
      para(del('旧的一段，', 5), `<w:del w:id="6" ${REV}/>`) +
      para(run('1. 决定继续处理这一问题。'));
    const content = readDocx(docx(body));
    assert.deepStrictEqual(content.paragraphs.map((p) => p.mark), ['same', 'ins', 'del', 'same']);
    assert.strictEqual(docxText(content, 'accepted'), '大会，\n新的一段，\n1. 决定继续处理这一问题。');
    assert.strictEqual(docxText(content, 'rejected'), '大会，\n旧的一段，\n1. 决定继续处理这一问题。');
  });

  it('reads a move as a deletion where the text was and an insertion where it went', () => {
    const body =
      para(`<w:moveFrom w:id="7" ${REV}>${run('甲段，')}</w:moveFrom>`, `<w:del w:id="8" ${REV}/>`) +
      para(run('乙段，')) +
      para(`<w:moveTo w:id="9" ${REV}>${run('甲段，')}</w:moveTo>`, `<w:ins w:id="10" ${REV}/>`) +
      para(run('丙段。'));
    const content = readDocx(docx(body));
    assert.strictEqual(docxText(content, 'accepted'), '乙段，\n甲段，\n丙段。');
    assert.strictEqual(docxText(content, 'rejected'), '甲段，\n乙段，\n丙段。');
  });

  it('takes tabs and line breaks, not field codes, page breaks or the fallback copy of a text box', () => {
    const field = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run('3')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const textBox = (text: string) => `<w:r><w:pict><w:txbxContent>${para(run(text))}</w:txbxContent></w:pict></w:r>`;
    const box = `<mc:AlternateContent><mc:Choice Requires="wps">${textBox('框中文字')}</mc:Choice><mc:Fallback>${textBox('框中文字')}</mc:Fallback></mc:AlternateContent>`;
    const body = para(run('页码') + field) + para(`<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:br w:type="page"/><w:t>丁</w:t></w:r>`) + para(box);
    const text = docxText(readDocx(docx(body)), 'accepted');
    assert.strictEqual(text, '页码3\n甲\t乙\n丙丁\n框中文字\n');
    assert.ok(!readDocx(docx(body)).tracked);
  });

  it('a draft from Word reads as the editor reads a typed draft: footnotes as [^n], tracked changes accepted', async () => {
    const body =
      para(run('小武器和轻武器非法贸易的各方面问题')) +
      para('') +
      para(run('  大会，')) +
      para(run('强调必须继续全面执行《行动纲领》，') + `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r>` + run('并确认它的重大贡献，')) +
      para(run('回顾其 ') + del('2016 年 12 月 5 日第 71/48') + ins('2023 年 12 月 4 日第 78/46') + run(' 号决议，')) +
      para(run('1. 鼓励各国') + ins('继续') + run('提供援助；') + `<w:r><w:footnoteReference w:id="3"/></w:r>`) +
      para(run('2. 决定继续处理这一问题。'));
    const notes =
      `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
      `<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>` +
      `<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>${run(' A/CONF.192/15，第四章。')}</w:p></w:footnote>` +
      `<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r>${run(' A/79/408。')}</w:p></w:footnote>`;
    const read = await documentText('draft.docx', docx(body, notes));
    assert.strictEqual(read.kind, 'docx');
    assert.ok(read.tracked);
    assert.strictEqual(
      read.text,
      [
        '小武器和轻武器非法贸易的各方面问题',
        '大会，',
        '强调必须继续全面执行《行动纲领》，[^1]并确认它的重大贡献，',
        '回顾其 2023 年 12 月 4 日第 78/46 号决议，',
        '1. 鼓励各国继续提供援助；[^2]',
        '2. 决定继续处理这一问题。',
        '',
        '[^1]: A/CONF.192/15，第四章。',
        '[^2]: A/79/408。',
        '',
      ].join('\n'),
    );
    const res = parseResolution(read.text);
    assert.deepStrictEqual([res.preambular.length, res.operative.length, res.footnotes.length], [2, 2, 2]);
    assert.strictEqual(res.preambular[0].body.text, '强调必须继续全面执行《行动纲领》，并确认它的重大贡献，');
    assert.deepStrictEqual(res.preambular[0].footnoteRefs.map((r) => r.number), [1]);
    assert.strictEqual(res.footnotes[1].body.text, 'A/79/408。');
    assert.ok(res.preambular[1].citations.some((c) => c.symbol === 'A/RES/78/46'));
    assert.strictEqual((await documentText('draft.docx', docx(body, notes), 'rejected')).text.split('\n')[3], '回顾其 2016 年 12 月 5 日第 71/48 号决议，');
  });

  it('a footnote referred to again by its number as a superscript is a reference too', async () => {
    const sup = (text: string) => `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>${text}</w:t></w:r>`;
    const body = para(run('大会，')) + para(run('回顾《行动纲领》，') + `<w:r><w:footnoteReference w:id="5"/></w:r>`) + para(run('1. 执行《行动纲领》') + sup('1') + run('；') + sup('注') + run('2. 决定继续处理这一问题。'));
    const notes = `<w:footnote w:id="5"><w:p>${run(' A/CONF.192/15。')}</w:p></w:footnote>`;
    const read = await documentText('draft.docx', docx(body, notes));
    assert.strictEqual(read.text, '大会，\n回顾《行动纲领》，[^1]\n1. 执行《行动纲领》[^1]；注2. 决定继续处理这一问题。\n\n[^1]: A/CONF.192/15。\n');
    // The exact text keeps it as the number it is.
    assert.match(docxText(readDocx(docx(body, notes)), 'accepted'), /执行《行动纲领》1；注2\./);
  });

  it('prints the numbers of numbered lists, counted in each view of the tracked changes (and with the former list where that changed)', async () => {
    const body = NUMBERED_BODY;
    const numbering = NUMBERING;
    const content = readDocx(docx(body, undefined, numbering));
    assert.strictEqual(
      docxText(content, 'accepted'),
      '大会，\n1.\t鼓励各国提供援助；\n2.\t促请各国合作，\n(a) 包括交流信息；\n(b) 包括提供培训；\n3.\t决定继续处理这一问题。\n要点\n5.\t另一个编号',
    );
    assert.strictEqual(
      docxText(content, 'rejected'),
      '大会，\n1.\t鼓励各国提供援助；\n(a) 包括交流信息；\n(b) 包括提供培训；\n2.\t决定继续处理这一问题。\n要点\n另一个编号',
    );
    const res = parseResolution((await documentText('draft.docx', docx(body, undefined, numbering))).text);
    // The bullet item has no number: an operative paragraph without one.
    assert.deepStrictEqual(res.operative.map((p) => p.number), [1, 2, 3, undefined, 5]);
    assert.strictEqual(res.operative[1].body.text, "促请各国合作，(a)包括交流信息；(b)包括提供培训；");
  });

  describe('refuses what it cannot read, saying why', () => {
    const refused = async (name: string, bytes: Uint8Array, problem: string, message: RegExp) => {
      await assert.rejects(documentText(name, bytes), (e: unknown) => {
        assert.ok(e instanceof DocumentError, String(e));
        assert.strictEqual(e.problem, problem);
        assert.match(e.message, message);
        assert.match(e.message, /[\u4e00-\u9fff]/, 'the message is in Chinese too');
        return true;
      });
    };

    it('a .docx that is not a zip', () => refused('draft.docx', strToU8('大会，\n回顾其决议，\n'), 'not-docx', /not a zip archive/));
    it('a zip without a Word document in it', () => refused('draft.docx', zipSync({ 'a.txt': strToU8('x') }), 'not-docx', /no word\/document\.xml/));
    it('a Word document whose XML is damaged', () =>
      refused('draft.docx', zipSync({ 'word/document.xml': strToU8(`<w:document ${W}><w:body><w:p><w:r><w:t>大会`) }), 'not-docx', /damaged/));
    it('a truncated .docx', () => refused('draft.docx', docx(para(run('大会，'))).subarray(0, 200), 'not-docx', /not a zip archive/));
    it('a password-protected .docx (as Word encrypts one)', () =>
      refused('draft.docx', fs.readFileSync(path.join(__dirname, '../../../test/fixtures/password-protected.docx')), 'encrypted', /password-protected/));
    it('an old .doc named .docx', () => refused('old.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]), 'not-docx', /\.doc/));
  });

  it('tells a document by its first bytes, whatever its name, else by its extension', () => {
    const word = docx(para(run('大会，')));
    assert.strictEqual(documentKind('draft', word), 'docx');
    assert.strictEqual(documentKind('draft.txt', strToU8('%PDF-1.7\n…')), 'pdf');
    assert.strictEqual(documentKind('draft.docx', strToU8('plain')), 'docx');
    assert.strictEqual(documentKind('draft.PDF', strToU8('plain')), 'pdf');
    assert.strictEqual(documentKind('draft.txt', strToU8('大会，')), 'text');
    assert.strictEqual(documentKind('notes.md', strToU8('PDF 文件以 %PDF- 开头')), 'text');
    assert.strictEqual(documentKind('archive.zip', zipSync({ 'a.txt': strToU8('x') })), 'text');
  });
});
