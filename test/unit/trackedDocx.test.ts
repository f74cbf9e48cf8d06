// The Word document with tracked changes (server/src/node/docx/trackedDocx.ts), read back with
// the reader (docx/readDocx.ts): accepting all changes gives the new text, rejecting all the old
// one, for any document (a property test over random Chinese documents); every revision has its
// author and date; the text is set in SimSun. LibreOffice's view of the same documents is in
// test/office/trackedDocx.test.ts.
import * as assert from 'assert';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { DocxContent, docxText, readDocx } from '../../server/src/node/docx/readDocx';
import { trackedText, writeTrackedDocx } from '../../server/src/node/docx/trackedDocx';
import { EXAMPLE, P, trackedDocumentArb } from './trackedExamples';

function views(content: DocxContent): { accepted: string; rejected: string } {
  return { accepted: docxText(content, 'accepted'), rejected: docxText(content, 'rejected') };
}

describe('tracked changes .docx', function () {
  this.timeout(120000);

  it('accepting all changes gives the new text, rejecting all the old one, for any document', async () => {
    await fc.assert(
      fc.asyncProperty(trackedDocumentArb, async (doc) => {
        const read = views(readDocx(await writeTrackedDocx(doc)));
        assert.strictEqual(read.accepted, trackedText(doc, 'accepted'));
        assert.strictEqual(read.rejected, trackedText(doc, 'rejected'));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });

  it('the example: the new resolution accepted, the old one rejected', async () => {
    const read = views(readDocx(await writeTrackedDocx(EXAMPLE)));
    assert.ok(read.accepted.includes('回顾其 2023 年 12 月 4 日第 78/46 号决议及以往所有关于小武器和轻武器非法贸易各方面问题的决议'), read.accepted);
    assert.ok(read.accepted.includes('欢迎 2024 年'));
    assert.ok(!read.accepted.includes('第二次不限成员名额'));
    assert.ok(read.rejected.includes('回顾其 2016 年 12 月 5 日第 71/48 号决议及以往所有有关小武器和轻武器非法贸易的各方面问题的决议'), read.rejected);
    assert.ok(read.rejected.includes('第二次不限成员名额'));
    assert.ok(!read.rejected.includes('欢迎 2024 年'));
    assert.ok(read.accepted.endsWith('36. 决定在大会第八十届会议临时议程题为“全面彻底裁军”的项目下列入题为“小武器和轻武器非法贸易的各方面问题”的分项。'));
    assert.ok(read.rejected.endsWith('23. 决定在大会第七十三届会议临时议程题为“全面彻底裁军”的项目下列入题为“小武器和轻武器非法贸易的各方面问题”的分项。'));
    assert.strictEqual(read.accepted.split('\n').length, 9);
    assert.strictEqual(read.rejected.split('\n').length, 9);
  });

  it('every revision is a w:ins or w:del with its own id, the author and the date', async () => {
    const xml = strFromU8(unzipSync(await writeTrackedDocx(EXAMPLE))['word/document.xml']);
    const revisions = [...xml.matchAll(/<w:(ins|del) ([^>]*?)\/?>/g)];
    // 15 changed runs in changed paragraphs, the two whole paragraphs' runs and their marks.
    assert.strictEqual(revisions.length, 19);
    const ids = revisions.map((m) => /w:id="(\d+)"/.exec(m[2])?.[1]);
    assert.strictEqual(new Set(ids).size, revisions.length, 'ids are unique');
    for (const m of revisions) {
      assert.match(m[2], /w:author="unres"/);
      assert.match(m[2], /w:date="2024-10-30T09:00:00Z"/);
    }
    assert.ok(xml.includes('<w:delText xml:space="preserve">2016 年 12 月 5 日第 71/48</w:delText>'));
  });

  it('a new paragraph has its paragraph mark inserted, a dropped one its mark deleted', async () => {
    const content = readDocx(await writeTrackedDocx(EXAMPLE));
    const marks = content.paragraphs.map((p) => p.mark);
    assert.deepStrictEqual(marks, ['same', 'same', 'same', 'same', 'same', 'same', 'same', 'del', 'ins', 'same']);
    assert.ok(content.tracked);
  });

  it('new or dropped paragraphs at the end: the mark before them comes and goes with them', async () => {
    const doc = { ...EXAMPLE, paragraphs: [P(['same', '大会，']), P(['del', '旧的最后一段。']), P(['ins', '新的一段，']), P(['ins', '新的最后一段。'])] };
    const content = readDocx(await writeTrackedDocx(doc));
    assert.deepStrictEqual(content.paragraphs.map((p) => p.mark), ['del', 'ins', 'ins', 'same']);
    assert.deepStrictEqual(views(content), { accepted: '大会，\n新的一段，\n新的最后一段。', rejected: '大会，\n旧的最后一段。' });
  });

  it('the Chinese text is set in SimSun, which the font table says is 宋体, a GB2312 font', async () => {
    const parts = unzipSync(await writeTrackedDocx(EXAMPLE));
    const styles = strFromU8(parts['word/styles.xml']);
    assert.match(styles, /<w:rFonts [^>]*w:eastAsia="SimSun"/);
    assert.match(styles, /w:eastAsia="zh-CN"/);
    const fonts = strFromU8(parts['word/fontTable.xml']);
    assert.match(fonts, /<w:font w:name="SimSun"><w:altName w:val="宋体"\/>.*<w:charset w:val="86"\/>/);
    assert.match(strFromU8(parts['docProps/core.xml']), /A\/RES\/79\/40 与 A\/RES\/72\/57 的比较/);
    assert.match(strFromU8(parts['word/settings.xml']), /<w:trackRevisions\/>/);
  });
});
