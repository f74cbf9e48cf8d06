// `unres check` on Word and PDF files, as drafts and as corpus: a .docx is checked with its
// tracked changes accepted, a PDF as its text; a folder's .docx and .pdf are found; and files
// that give no text — a .docx that is not a zip, a PDF without text (a scan), a password-
// protected .docx and PDF — each get a clear message (Chinese and English) while the other
// files are still checked.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeTrackedDocx } from '../../server/src/node/docx/trackedDocx';
import { seedParagraph } from '../seedText';
import { encryptPdf } from '../office/office';
import { PAGE_1, PAGE_2, handWrittenPdf } from '../unit/pdfFixtures';
import { P } from '../unit/trackedExamples';
import { ROOT, cli } from './runCli';

const ECHO = seedParagraph('回顾各国承诺将《行动纲领》作为', '非法贸易的主要框架，');

describe('CLI: Word and PDF files', function () {
  this.timeout(60000);
  let tmp: string;
  let drafts: string;
  const rel = (name: string) => path.join('drafts', name);

  /** protected.pdf beside the others: made with qpdf (the tests that need it are skipped without). */
  const protectPdf = (ctx: Mocha.Context) => {
    const file = path.join(drafts, 'protected.pdf');
    if (!fs.existsSync(file)) encryptPdf(ctx, path.join(drafts, 'draft.pdf'), file, 'secret');
  };

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-documents-'));
    drafts = path.join(tmp, 'drafts');
    fs.mkdirSync(drafts);
    // A draft whose tracked changes replace a citation of 71/48 by one of 78/46 (neither dated).
    const tracked = await writeTrackedDocx({
      author: '起草人',
      date: new Date('2025-09-01T00:00:00Z'),
      paragraphs: [
        P(['same', '小武器和轻武器非法贸易的各方面问题']),
        P(['same', '大会，']),
        P(['same', '回顾其'], ['del', '第 71/48'], ['ins', '第 78/46'], ['same', ' 号决议，']),
        P(['ins', ECHO]),
        P(['same', '1. 决定继续处理这一问题。']),
      ],
    });
    fs.writeFileSync(path.join(drafts, 'draft.docx'), tracked);
    const pdf = path.join(drafts, 'draft.pdf');
    fs.writeFileSync(pdf, handWrittenPdf([PAGE_1, PAGE_2]));
    fs.writeFileSync(path.join(drafts, 'scan.pdf'), handWrittenPdf(['drawing']));
    fs.writeFileSync(path.join(drafts, 'broken.docx'), '大会，\n回顾其决议，\n');
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/password-protected.docx'), path.join(drafts, 'protected.docx'));
    fs.writeFileSync(path.join(drafts, '~$draft.docx'), 'Word lock file');
  });

  after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

  it('checks a .docx with its tracked changes accepted', () => {
    const r = cli(['check', rel('draft.docx'), '--format', 'json'], tmp);
    assert.strictEqual(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as Array<{ code: string; message: string; line: number; data?: { matches?: Array<{ symbol: string }> } }>;
    // The inserted citation is checked, the deleted one is not there.
    assert.ok(findings.some((f) => f.code === 'citation-date-missing' && f.message.includes('A/RES/78/46') && f.line === 3), r.stdout);
    assert.ok(!r.stdout.includes('71/48'), r.stdout);
    // The inserted paragraph is 79/40's wording (built-in corpus).
    assert.ok(findings.some((f) => f.code === 'echo' && f.line === 4 && f.data?.matches?.some((m) => m.symbol === 'A/RES/79/40')), r.stdout);
    assert.match(r.stderr, /unres: 1 个文件 file\(s\)/);
  });

  it('checks a PDF as its text', () => {
    const r = cli(['check', rel('draft.pdf'), '--format', 'json'], tmp);
    const findings = JSON.parse(r.stdout) as Array<{ code: string; line: number; data?: { matches?: Array<{ symbol: string; paragraph: string }> } }>;
    // The PDF is A/RES/79/40 (its title): its PP2 (line 5 of the text) is 72/57's PP2 revised.
    const echo = findings.find((f) => f.code === 'echo' && f.data?.matches?.some((m) => m.symbol === 'A/RES/72/57' && m.paragraph === 'PP2'));
    assert.strictEqual(echo?.line, 5, r.stdout);
    assert.match(r.stderr, /5 个段落 paragraph\(s\)/);
  });

  it('a folder: checks its .docx and .pdf, and says why each unreadable one is not checked', function () {
    protectPdf(this);
    const r = cli(['check', 'drafts'], tmp);
    assert.strictEqual(r.status, 2, r.stderr);
    const said = (file: string, why: RegExp) => {
      const line = r.stderr.split('\n').find((l) => l.includes(`cannot read ${rel(file)}:`));
      assert.ok(line, `a message for ${file}:\n${r.stderr}`);
      assert.match(line, why);
      assert.match(line, /[\u4e00-\u9fff].*[A-Za-z]/, 'in Chinese and English');
    };
    said('broken.docx', /不是有效的 Word 文档.*not a valid Word document \(not a zip archive/);
    said('scan.pdf', /没有文字.*no text \(a scanned image\?\)/);
    said('protected.docx', /受密码保护.*password-protected/);
    said('protected.pdf', /受密码保护.*password-protected/);
    assert.ok(!r.stderr.includes('~$draft.docx') && !r.stdout.includes('~$draft.docx'), 'Word lock files are left out');
    assert.match(r.stderr, /unres: 2 个文件 file\(s\)/);
    assert.ok(r.stdout.includes(`${rel('draft.docx')}:3:`), r.stdout);
    assert.ok(r.stdout.includes(`${rel('draft.pdf')}:`), r.stdout);
  });

  it('a corpus folder of Word and PDF files: the readable ones are the corpus, the others skipped with the reason', function () {
    protectPdf(this);
    const draft = path.join(tmp, 'draft.txt');
    fs.writeFileSync(draft, '大会，\n强调必须继续全面执行《行动纲领》，并确认《行动纲领》对这方面国际努力的重大贡献，\n1. 决定继续处理这一问题。\n');
    const r = cli(['check', draft, '--no-builtin', '--corpus', drafts, '--format', 'json'], tmp);
    for (const file of ['broken.docx', 'scan.pdf', 'protected.docx', 'protected.pdf']) {
      assert.match(r.stderr, new RegExp(`skipped corpus file ${path.join(drafts, file).replace(/[.$]/g, '\\$&')}: .*[\u4e00-\u9fff]`), r.stderr);
    }
    const findings = JSON.parse(r.stdout) as Array<{ code: string; data?: { matches?: Array<{ symbol: string; paragraph: string }> } }>;
    const echoes = findings.filter((f) => f.code === 'echo').flatMap((f) => f.data?.matches ?? []);
    // The PDF is A/RES/79/40 (its title); its PP2 is the draft's paragraph.
    assert.ok(echoes.some((m) => m.symbol === 'A/RES/79/40' && m.paragraph === 'PP2'), r.stdout);
  });
});
