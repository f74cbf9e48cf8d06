// Real resolutions, whatever their shape (issue 13): texts of every UN body, both scripts,
// flattened, old, copied from web pages and PDFs, written for these tests (test/realworld/texts/,
// each modelled on a real resolution) and read as a drafter would count them by hand.
// The table in README.md beside this file names the test that pins each shape.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic } from 'vscode-languageserver-types';
import { Resolution, Span, paragraphs } from '../../server/src/engine/model';
import { parseResolution } from '../../server/src/engine/parse';
import { normalizedText } from '../../server/src/engine/match/normalize';
import { toSimplified } from '../../server/src/engine/script';
import { Corpus, loadCorpus } from '../../server/src/engine/corpus';
import { silentLogger } from '../../server/src/engine/fileSystem';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { DraftDocument, parseDraft } from '../../server/src/features/document';
import { structureFindings } from '../../server/src/features/structureDiagnostics';
import { getDocumentLinks } from '../../server/src/features/documentLinks';
import { getDocumentSymbols } from '../../server/src/features/documentSymbols';
import { createLanguageService } from '../../server/src/service';
import { cli } from '../cli/runCli';

const TEXTS = path.join(__dirname, '../../../test/realworld/texts');
const SEEDS = path.join(__dirname, '../../../seeds');
export const textPath = (name: string) => path.join(TEXTS, name);
const read = (name: string) => fs.readFileSync(textPath(name), 'utf8');
const parse = (name: string) => parseResolution(read(name));
const draft = (text: string): DraftDocument => parseDraft('file:///draft.unres', 1, text);
const at = (res: Resolution, s: Span) => res.source.slice(s.start, s.end);
/** What a drafter counts: each paragraph's label, and the base of its verb (Simplified). */
const outline = (res: Resolution) => paragraphs(res).map((p) => `${p.label} ${p.verb?.base ?? '-'}`);
const codes = (doc: DraftDocument) => structureFindings(doc).map((f) => f.diagnostic.code);

describe('real-world shapes (issue 13)', () => {
  describe('1. flattened onto one line', () => {
    it('a web copy on one line, with half-width punctuation and spaces: title, opening, preamble, operative part, closing', () => {
      const res = parse('ga-flattened-web.txt');
      assert.strictEqual(res.symbol, 'A/RES/58/217');
      assert.strictEqual(res.title?.text, '2005-2015 年“生命之水”国际行动十年');
      assert.strictEqual(at(res, res.opening!), '大会,');
      assert.deepStrictEqual(outline(res), ['PP1 回顾', 'PP2 回顾', 'PP3 深切关注', 'PP4 认识到', 'OP1 决定', 'OP2 决定', 'OP3 请', 'OP4 决定']);
      // PP1 holds a clause `, 其中宣布…`: not a verb, so not a paragraph.
      assert.ok(res.preambular[0].body.text.endsWith('其中宣布 2003 年为国际淡水年,'), res.preambular[0].body.text);
      // UTF-16 spans of the cut line: exactly the paragraph, its number and its verb.
      const op2 = res.operative[1];
      assert.strictEqual(at(res, op2.span), '2. 又决定该十年的目标是更加注重在各级履行与水有关的承诺;');
      assert.strictEqual(at(res, op2.numberSpan!), '2');
      assert.strictEqual(at(res, op2.verb!.span), '又决定');
      assert.deepStrictEqual(res.closing?.date, { year: 2003, month: 12, day: 23 });
      assert.strictEqual(res.closing?.meeting, 78);
      assert.strictEqual(res.operative[3].ending?.char, '。');
    });

    it('a PDF viewer copy joined without spaces, heading lines apart, footnote marker after the comma', () => {
      const res = parse('ga-pdf-flattened.txt');
      assert.strictEqual(res.symbol, 'A/RES/78/46');
      assert.deepStrictEqual(outline(res), ['PP1 回顾', 'PP2 强调', 'PP3 欢迎', 'OP1 着重指出', 'OP2 鼓励', 'OP3 请']);
      const pp2 = res.preambular[1];
      assert.ok(pp2.body.text.includes('行动纲领》，并确认'), pp2.body.text);
      assert.deepStrictEqual(pp2.footnoteRefs.map((r) => at(res, r.span)), ['1']);
      assert.deepStrictEqual([res.closing?.date, res.closing?.meeting], [{ year: 2023, month: 12, day: 4 }, 50]);
    });

    it('a whole PDF extraction or Markdown file joined onto one line with spaces: every operative paragraph, nearly every preambular one', () => {
      for (const name of fs.readdirSync(SEEDS)) {
        const text = fs.readFileSync(path.join(SEEDS, name), 'utf8');
        const [lines, flat] = [parseResolution(text), parseResolution(text.replace(/\s*\n\s*/g, ' '))];
        assert.deepStrictEqual(flat.operative.map((p) => p.number), lines.operative.map((p) => p.number), name);
        // Page furniture (a running header, a footnote block) between two preambular paragraphs
        // has no punctuation before the next one: the two are read as one.
        assert.ok(flat.preambular.length >= lines.preambular.length - 2 && flat.preambular.length <= lines.preambular.length, `${name}: ${flat.preambular.length}`);
        assert.deepStrictEqual([flat.symbol, flat.closing?.date], [lines.symbol, lines.closing?.date], name);
      }
    });

    it('each of these texts joined onto one line with spaces, heading and all, parses as its lines do', () => {
      for (const name of fs.readdirSync(TEXTS)) {
        const [lines, flat] = [parse(name), parseResolution(read(name).replace(/\s*\n\s*/g, ' '))];
        assert.deepStrictEqual(flat.operative.map((p) => p.number), lines.operative.map((p) => p.number), name);
        assert.deepStrictEqual([flat.symbol, flat.closing?.date, flat.footnotes.length], [lines.symbol, lines.closing?.date, lines.footnotes.length], name);
        // A Security Council's `根据《联合国宪章》第七章采取行动，` opens with no verb: joined, it is
        // read with the paragraph before it.
        const verbless = lines.preambular.filter((p) => !p.verb).length;
        assert.ok(flat.preambular.length <= lines.preambular.length && flat.preambular.length >= lines.preambular.length - verbless, `${name}: ${flat.preambular.length}`);
      }
    });

    it('a text with words in it but no paragraph found is never silent: a warning that says why, and the CLI exits 1', () => {
      const doc = draft(read('meeting-notes.txt'));
      assert.strictEqual(paragraphs(doc.resolution).length, 0);
      const found = structureFindings(doc).map((f) => f.diagnostic);
      assert.deepStrictEqual(found.map((d) => [d.code, d.severity]), [['nothing-recognised', 2]]);
      assert.match(found[0].message as string, /未识别出任何段落.*No paragraph recognised: no opening such as 大会，/);
      assert.deepStrictEqual(found[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: '第一委员会非正式磋商记录'.length } });
      // One long line that cannot be cut is not passed over either.
      const line = draft('各代表团就小武器和轻武器非法贸易问题交换了意见并表示将在下周继续磋商修订案文以便在委员会会议上提交供各方审议和讨论的新案文');
      assert.deepStrictEqual(codes(line), ['nothing-recognised']);
      // A draft begun, a title alone or a title and 大会，, is not such a text.
      assert.deepStrictEqual(codes(draft('小武器和轻武器非法贸易的各方面问题\n')), []);
      assert.deepStrictEqual(codes(draft('小武器和轻武器非法贸易的各方面问题\n大会，\n')), []);
      const run = cli(['check', '--no-builtin', '--no-cache', '--max-warnings', '10', textPath('meeting-notes.txt')]);
      assert.strictEqual(run.status, 1, run.stderr);
      assert.match(run.stderr, /meeting-notes\.txt: 未识别出任何段落/);
    });
  });

  describe('2. Traditional characters', () => {
    it('a 1966 General Assembly text in Traditional characters: verbs, citations and closing as in Simplified', () => {
      const res = parse('ga-1966-traditional.txt');
      assert.strictEqual(res.symbol, 'A/RES/2160 (XXI)');
      assert.deepStrictEqual(outline(res), ['PP1 鉴于', 'PP2 回顾', 'PP3 深信', 'PP4 认定', 'OP1 重申', 'OP2 促请', 'OP3 请']);
      // The verb as written, its base Simplified: 認定 is 认定.
      assert.deepStrictEqual([res.preambular[3].verb?.text, res.preambular[3].verb?.base], ['認定', '认定']);
      assert.deepStrictEqual(res.preambular[1].citations.map((c) => [c.symbol, c.text]), [['A/RES/2131 (XX)', '第 2131 (XX)號決議']]);
      assert.deepStrictEqual([res.closing?.date, res.closing?.meeting], [{ year: 1966, month: 11, day: 30 }, 1482]);
    });

    it('a Traditional copy folds to the Simplified wording for matching', () => {
      const simplified = '回顾其 2023 年 12 月 4 日第 78/46 号决议，又注意到安全理事会关于联合国宪章的决定，';
      const traditional = '回顧其 2023 年 12 月 4 日第 78/46 號決議，又注意到安全理事會關於聯合國憲章的決定，';
      assert.strictEqual(toSimplified(traditional), simplified);
      assert.strictEqual(normalizedText(traditional), normalizedText(simplified));
      assert.strictEqual(toSimplified(simplified), simplified, 'Simplified text is left as it is');
    });

    it('a Traditional copy of a seed paragraph is an echo of the seed', async function () {
      this.timeout(60000);
      const corpus = new Corpus();
      await loadCorpus(corpus, [SEEDS], { fs: nodeFileSystem, logger: silentLogger });
      const service = createLanguageService({ corpus, logger: silentLogger });
      const seed = parseResolution(fs.readFileSync(path.join(SEEDS, 'A-RES-79-40.txt'), 'utf8'));
      const pp = seed.preambular[1].body.text;
      const traditional = pp.replace('强调', '強調').replace('联合国', '聯合國').replace('贸易', '貿易').replace('问题', '問題').replace('执行', '執行').replace('对', '對').replace('这方面', '這方面').replace('国际', '國際').replace('贡献', '貢獻');
      assert.notStrictEqual(traditional, pp);
      const doc = service.getDocument('file:///trad.unres', 1, `大會，\n${traditional}\n1. 請秘書長提出報告。`);
      const echoes = (await service.computeFindings(doc)).map((f) => f.diagnostic).filter((d: Diagnostic) => d.code === 'echo');
      assert.strictEqual(echoes.length, 1, JSON.stringify(echoes.map((d) => d.message)));
      assert.strictEqual(echoes[0].range.start.line, 1);
      const best = (echoes[0].data as { matches: { symbol: string; paragraph: string; score: number }[] }).matches[0];
      assert.deepStrictEqual([best.symbol, best.paragraph, best.score], ['A/RES/79/40', 'PP2', 1]);
    });
  });

  describe('3. every body', () => {
    it('Security Council: S/RES/1540 (2004) in the outline, its citations linked to S/RES/…(YYYY), its adoption the closing', () => {
      const doc = draft(read('sc-1540.txt'));
      const res = doc.resolution;
      assert.strictEqual(res.organ, 'SC');
      assert.strictEqual(res.symbol, 'S/RES/1540 (2004)');
      assert.strictEqual(getDocumentSymbols(doc)[0].detail, 'S/RES/1540 (2004)');
      assert.deepStrictEqual(res.operative.map((p) => p.number), [1, 2, 3, 4, 5]);
      assert.strictEqual(res.preambular.length, 5);
      const links = getDocumentLinks(doc).links.map((l) => l.target);
      assert.ok(links.includes('https://undocs.org/ch/S/RES/1373(2001)'), links.join(' '));
      assert.ok(links.includes('https://undocs.org/ch/S/23500'), links.join(' '));
      assert.deepStrictEqual([res.closing?.date, res.closing?.meeting], [{ year: 2004, month: 4, day: 28 }, 4956]);
    });

    it('Security Council in Traditional characters, closing `第 4890 次會議一致通過。` not a paragraph', () => {
      const res = parse('sc-web-traditional.txt');
      assert.strictEqual(res.symbol, 'S/RES/1521 (2003)');
      assert.deepStrictEqual(outline(res), ['PP1 回顾', 'PP2 欢迎', 'PP3 断定', 'PP4 -', 'OP1 决定', 'OP2 决定', 'OP3 请', 'OP4 决定']);
      assert.strictEqual(res.operative[3].body.text, '決定繼續積極處理此案。');
      assert.deepStrictEqual(res.operative[0].citations.map((c) => c.symbol), ['S/RES/1343 (2001)']);
      assert.strictEqual(res.closing?.meeting, 4890);
    });

    it('Human Rights Council: A/HRC/RES/35/3, its own resolutions cited as A/HRC/RES/…, the Assembly\'s as A/RES/…', () => {
      const doc = draft(read('hrc-35-3.txt'));
      const res = doc.resolution;
      assert.deepStrictEqual([res.organ, res.symbol], ['HRC', 'A/HRC/RES/35/3']);
      assert.deepStrictEqual(outline(res), ['PP1 遵循', 'PP2 回顾', 'PP3 回顾', 'PP4 认识到', 'OP1 注意到', 'OP2 请', 'OP3 决定']);
      assert.deepStrictEqual(paragraphs(res).flatMap((p) => p.citations.map((c) => c.symbol)), ['A/RES/60/251', 'A/HRC/RES/5/1', 'A/HRC/RES/5/2', 'A/HRC/RES/32/9']);
      assert.strictEqual(getDocumentSymbols(doc)[0].detail, 'A/HRC/RES/35/3');
      assert.ok(getDocumentLinks(doc).links.some((l) => l.target === 'https://undocs.org/ch/A/HRC/RES/32/9'));
      assert.deepStrictEqual([res.closing?.date, res.closing?.meeting], [{ year: 2017, month: 6, day: 22 }, 39]);
    });

    it('Economic and Social Council: E/RES/2004/23, and its own resolutions numbered by year', () => {
      const res = parse('ecosoc-2004-23.txt');
      assert.deepStrictEqual([res.organ, res.symbol], ['ECOSOC', 'E/RES/2004/23']);
      assert.deepStrictEqual(res.preambular[0].citations.map((c) => c.symbol), ['A/RES/55/25', 'E/RES/2003/25']);
      assert.deepStrictEqual(outline(res), ['PP1 回顾', 'PP2 关切', 'OP1 敦促', 'OP2 请']);
    });

    it('General Assembly emergency special session: A/RES/ES-11/1, a Security Council resolution cited', () => {
      const res = parse('ga-es-11-1.txt');
      assert.strictEqual(res.symbol, 'A/RES/ES-11/1');
      assert.deepStrictEqual(res.heading.map((h) => h.kind), ['symbol', 'session', 'agenda', 'adopted', 'report']);
      assert.deepStrictEqual(res.preambular[1].citations.map((c) => c.symbol), ['S/RES/2623 (2022)']);
      assert.deepStrictEqual(outline(res), ['PP1 重申', 'PP2 回顾', 'OP1 重申', 'OP2 要求', 'OP3 决定']);
    });

    it('a First Committee draft: its L symbol is the document\'s, in the outline', () => {
      const doc = draft(read('first-committee-L.txt'));
      assert.strictEqual(doc.resolution.symbol, 'A/C.1/79/L.43');
      assert.strictEqual(doc.resolution.title?.text, '小武器和轻武器非法贸易的各方面问题');
      assert.strictEqual(getDocumentSymbols(doc)[0].detail, 'A/C.1/79/L.43');
      assert.deepStrictEqual(outline(doc.resolution), ['PP1 回顾', 'PP2 回顾', 'OP1 着重指出', 'OP2 鼓励', 'OP3 决定']);
    });
  });

  describe('4. closings, dates and a single operative paragraph', () => {
    it('old-style numerals in the closing (一九六六年十一月三十日, 第一四八二次全体会议) are the closing, not paragraphs', () => {
      const res = parse('ga-1966-traditional.txt');
      for (const p of paragraphs(res)) assert.ok(!/一九六六|第一四八二/.test(p.body.text), p.body.text);
      assert.strictEqual(at(res, res.closing!.dateSpan!), '一九六六年十一月三十日');
      assert.strictEqual(at(res, res.closing!.meetingSpan!), '第一四八二次全體會議');
    });

    it('2758 (XXVI): one unnumbered operative paragraph `决定：恢复…` is operative, with no numbering warning', () => {
      const doc = draft(read('ga-1971-single-operative.txt'));
      const res = doc.resolution;
      assert.deepStrictEqual(outline(res), ['PP1 回顾', 'PP2 考虑到', 'PP3 承认', 'OP1 决定']);
      assert.strictEqual(res.operative[0].number, undefined);
      assert.deepStrictEqual(codes(doc), []);
      assert.deepStrictEqual([res.closing?.date, res.closing?.meeting], [{ year: 1971, month: 10, day: 25 }, 1976]);
    });
  });

  describe('5. footnotes', () => {
    it('markers after punctuation (`原则,1`, `报告；2`) are linked, `注：` opens the footnotes, punctuation checks see the punctuation', () => {
      const doc = draft(read('hrc-35-3.txt'));
      const res = doc.resolution;
      assert.deepStrictEqual(res.footnotes.map((f) => [f.number, f.body.text]), [[1, '见 A/HRC/35/35。'], [2, 'A/HRC/35/35。']]);
      const pp4 = res.preambular[3];
      assert.deepStrictEqual(pp4.footnoteRefs.map((r) => [r.number, at(res, r.span)]), [[1, '1']]);
      assert.strictEqual(pp4.ending?.char, ',');
      const op1 = res.operative[0];
      assert.strictEqual(op1.ending?.char, '；');
      const punctuation = structureFindings(doc).filter((f) => f.diagnostic.code === 'punctuation').map((f) => f.diagnostic.message);
      // Only the half-width comma is reported (house style), never a missing ending.
      assert.deepStrictEqual(punctuation, ['PP4 段末应为“，”而非“,” / PP4 should end with “，”, not “,”']);
      assert.ok(!codes(doc).includes('footnote-missing'));
    });
  });

  describe('5 and 1. footnotes of a flattened text', () => {
    it('a web copy on one line: markers after punctuation before the next number, `注:` footnotes cut one by one', () => {
      const res = parse('hrc-flattened-web.txt');
      assert.deepStrictEqual([res.organ, res.symbol], ['HRC', 'A/HRC/RES/35/3']);
      assert.deepStrictEqual(outline(res), ['PP1 遵循', 'PP2 回顾', 'PP3 认识到', 'OP1 注意到', 'OP2 请', 'OP3 决定']);
      assert.deepStrictEqual(paragraphs(res).map((p) => p.footnoteRefs.map((r) => r.number)), [[], [], [1], [2], [], []]);
      assert.deepStrictEqual(paragraphs(res).map((p) => p.ending?.char), [',', ',', ',', ';', ';', '。']);
      assert.deepStrictEqual(res.footnotes.map((f) => [f.number, f.body.text]), [[1, '见 A/HRC/35/35。'], [2, 'A/HRC/35/35。']]);
      assert.deepStrictEqual(res.preambular[1].citations.map((c) => c.symbol), ['A/HRC/RES/32/9']);
      assert.deepStrictEqual([res.closing?.date, res.closing?.meeting], [{ year: 2017, month: 6, day: 22 }, 39]);
    });
  });

  describe('6. half-width punctuation, full-width digits', () => {
    it('a web copy with `, ; : ( )`, full-width digits in a citation, `注:` footnotes', () => {
      const res = parse('web-copy-half-width.txt');
      assert.deepStrictEqual(outline(res), ['PP1 回顾', 'PP2 强调', 'PP3 欢迎', 'OP1 鼓励', 'OP2 请', 'OP3 决定']);
      const c = res.preambular[0].citations[0];
      assert.deepStrictEqual([c.symbol, c.date], ['A/RES/76/232', { year: 2021, month: 12, day: 6 }]);
      assert.deepStrictEqual(res.preambular[1].footnoteRefs.map((r) => r.number), [1]);
      assert.deepStrictEqual(res.footnotes.map((f) => f.number), [1, 2]);
      assert.deepStrictEqual(res.footnotes[1].citations.map((c) => c.symbol), ['A/DEC/60/519']);
      assert.deepStrictEqual([res.closing?.date, res.closing?.meeting], [{ year: 2022, month: 12, day: 7 }, 46]);
    });
  });

  describe('7. English and bilingual text', () => {
    it('English lines interleaved with the Chinese are not paragraphs', () => {
      const doc = draft(read('bilingual.txt'));
      const res = doc.resolution;
      assert.deepStrictEqual(outline(res), ['PP1 回顾', 'PP2 强调', 'OP1 着重指出', 'OP2 决定']);
      assert.strictEqual(res.foreignLines, 6);
      for (const p of paragraphs(res)) assert.ok(!/[A-Za-z]{3}/.test(p.body.text), p.body.text);
      assert.deepStrictEqual(codes(doc), []);
    });

    it('an English text gets one information message and no structure warning', () => {
      const doc = draft(read('english.txt'));
      const found = structureFindings(doc).map((f) => f.diagnostic);
      assert.deepStrictEqual(found.map((d) => [d.code, d.severity]), [['not-chinese', 3]]);
      assert.match(found[0].message as string, /unres checks resolutions in Chinese/);
      const run = cli(['check', '--no-builtin', '--no-cache', textPath('english.txt')]);
      assert.strictEqual(run.status, 0, run.stderr);
      assert.match(run.stdout, /information \[not-chinese\]/);
    });
  });

  describe('8. style findings that fit the body', () => {
    const verbPrefixes = (text: string) => structureFindings(draft(text)).filter((f) => f.diagnostic.code === 'verb-prefix');

    it('a Security Council resolution repeats 决定 with no 又/还 advice', () => {
      assert.deepStrictEqual(codes(draft(read('sc-1540.txt'))), []);
      assert.deepStrictEqual(verbPrefixes(read('sc-web-traditional.txt')), []);
    });

    it('the General Assembly gets it, but not for its closing formula', () => {
      const ga = '大会，\n回顾其决议，\n1. 决定设立工作组；\n2. 决定工作组向大会报告；\n3. 决定将题为“小武器和轻武器非法贸易的各方面问题”的分项列入其第八十届会议临时议程。';
      const found = verbPrefixes(ga);
      assert.deepStrictEqual(found.map((f) => [f.diagnostic.range.start.line, (f.diagnostic.data as { prefix: string }).prefix]), [[3, '又']]);
    });

    it('an unbalanced 《…》 or （…） inside a paragraph is reported where it stands', () => {
      const doc = draft(read('web-copy-half-width.txt'));
      const found = structureFindings(doc).filter((f) => f.diagnostic.code === 'brackets').map((f) => f.diagnostic);
      const lines = read('web-copy-half-width.txt').split('\n');
      const op2 = lines.findIndex((l) => l.startsWith('2. 请秘书长'));
      assert.deepStrictEqual(found.map((d) => [d.range.start.line, d.range.start.character]), [[op2, lines[op2].indexOf('(')]]);
      const typed = draft('大会，\n回顾《行动纲领，\n强调（A/CONF.192/15）和《国际追查文书》》，\n1. 请秘书长 a) 报告；b) 建议。');
      const where = structureFindings(typed).filter((f) => f.diagnostic.code === 'brackets').map((f) => typed.text.slice(typed.lines.offsetAt(f.diagnostic.range.start), typed.lines.offsetAt(f.diagnostic.range.end)) + `@${f.diagnostic.range.start.line}`);
      assert.deepStrictEqual(where, ['《@1', '》@2']);
      for (const seed of fs.readdirSync(SEEDS)) {
        const none = structureFindings(draft(fs.readFileSync(path.join(SEEDS, seed), 'utf8'))).filter((f) => f.diagnostic.code === 'brackets');
        assert.deepStrictEqual(none, [], seed);
      }
    });
  });
});
