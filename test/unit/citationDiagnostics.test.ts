import * as assert from 'assert';
import * as path from 'path';
import { Corpus, loadCorpus } from '../../server/src/engine/corpus';
import { silentLogger } from '../../server/src/engine/fileSystem';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { citationFindings } from '../../server/src/features/citationDiagnostics';
import { parseDraft } from '../../server/src/features/document';
import { Finding } from '../../server/src/features/findings';

const SEEDS = path.join(__dirname, '../../../seeds');
const URI = 'untitled:draft';

/** Applies a fix's edits (non-overlapping spans) to the text. */
function apply(text: string, f: Finding, fix = 0): string {
  const edits = [...f.fixes[fix].edits].sort((a, b) => b.span.start - a.span.start);
  return edits.reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

const draft = (...paras: string[]) => `大会，\n${paras.join('\n')}\n`;

describe('citation checks', () => {
  const corpus = new Corpus();
  before(async () => {
    await loadCorpus(corpus, [SEEDS], { fs: nodeFileSystem, logger: silentLogger });
  });
  const check = (text: string, code?: string) =>
    citationFindings(parseDraft(URI, 1, text), corpus, true).filter((f) => !code || f.diagnostic.code === code);

  it('asks for the adoption date at the first mention and inserts the one the corpus knows', () => {
    const text = draft('回顾其第 71/48 号决议，', '1. 决定继续审议第 71/48 号决议的执行情况。');
    const [f, ...more] = check(text, 'citation-date-missing');
    assert.strictEqual(more.length, 0, 'only the first mention');
    assert.match(String(f.diagnostic.message), /2016 年 12 月 5 日/);
    assert.deepStrictEqual(f.diagnostic.range.start, { line: 1, character: 5 });
    const fixed = apply(text, f);
    assert.strictEqual(fixed, draft('回顾其 2016 年 12 月 5 日第 71/48 号决议，', '1. 决定继续审议第 71/48 号决议的执行情况。'));
    assert.deepStrictEqual(check(fixed), []);
  });

  it('does not ask for a date given later in the draft, or for a resolution the corpus does not know', () => {
    assert.deepStrictEqual(check(draft('注意到第 71/48 号决议，', '回顾其 2016 年 12 月 5 日第 71/48 号决议，'), 'citation-date-missing'), []);
    assert.deepStrictEqual(check(draft('回顾其第 99/999 号决议，')), []);
  });

  it('corrects a date that contradicts the corpus, and only the date', () => {
    const text = draft('回顾其 2016 年 12 月 6 日第 71/48 号决议，');
    const [f] = check(text, 'citation-date-wrong');
    assert.ok(f, 'wrong date reported');
    assert.match(String(f.diagnostic.message), /2016 年 12 月 5 日.*A\/RES\/72\/57/);
    assert.strictEqual(apply(text, f), draft('回顾其 2016 年 12 月 5 日第 71/48 号决议，'));
  });

  it('prefers a resolution\'s own closing date over what others cite', () => {
    const text = draft('回顾其 2017 年 1 月 1 日第 72/57 号决议，');
    const [f] = check(text, 'citation-date-wrong');
    assert.match(String(f.diagnostic.message), /2017 年 12 月 4 日/);
  });

  it('rewrites malformed citations in the house style', () => {
    const cases: [string, string, number][] = [
      ['回顾 78/46号决议，', '回顾第 78/46 号决议，', 2],
      ['回顾第78/46号决议，', '回顾第 78/46 号决议，', 3],
      ['回顾第 ７８/４６ 号决议，', '回顾第 78/46 号决议，', 3],
      ['回顾 2023年12月4日第78/46号决议，', '回顾 2023 年 12 月 4 日第 78/46 号决议，', 3],
    ];
    for (const [bad, good, severity] of cases) {
      const [f] = check(draft(bad), 'citation-style');
      assert.ok(f, bad);
      assert.strictEqual(f.diagnostic.severity, severity, bad);
      assert.strictEqual(apply(draft(bad), f), draft(good), bad);
    }
    assert.deepStrictEqual(check(draft('回顾 2023 年 12 月 4 日第 78/46 号决议和第 60/519 号决定，'), 'citation-style'), []);
  });

  it('fixes one member of a list without touching the others', () => {
    const text = draft('回顾其第 56/24 V号、第 57/72 号和第 60/81 号决议，');
    const found = check(text, 'citation-style');
    assert.strictEqual(found.length, 1);
    assert.strictEqual(apply(text, found[0]), draft('回顾其第 56/24 V 号、第 57/72 号和第 60/81 号决议，'));
  });

  it('writes an A/RES symbol inside Chinese text as 第 N 号决议', () => {
    const text = draft('回顾 A/RES/78/46 和 A/DEC/60/519，', '注意到 A/79/77 号文件，');
    const found = check(text, 'citation-style');
    assert.deepStrictEqual(found.map((f) => f.diagnostic.range.start.character), [3, 17]);
    assert.strictEqual(apply(text, found[0]), draft('回顾第 78/46 号决议和 A/DEC/60/519，', '注意到 A/79/77 号文件，'));
    assert.strictEqual(apply(text, found[1]), draft('回顾 A/RES/78/46 和第 60/519 号决定，', '注意到 A/79/77 号文件，'));
  });

  it('reports footnote markers with no footnote and footnotes never referenced', () => {
    const text = '大会，\n\n回顾其决议，[^1]\n\n1. 决定继续审议。\n\n[^2]: 见 A/79/77。\n';
    const missing = check(text, 'footnote-missing');
    assert.strictEqual(missing.length, 1);
    assert.match(String(missing[0].diagnostic.message), /脚注 1/);
    assert.deepStrictEqual(missing[0].diagnostic.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 9 } });
    const unused = check(text, 'footnote-unused');
    assert.strictEqual(unused.length, 1);
    assert.match(String(unused[0].diagnostic.message), /脚注 2/);
  });

  it('finds nothing wrong with the footnotes of the seeds', async () => {
    for (const name of ['A-RES-58-241.txt', 'A-RES-61-66.txt', 'A-RES-72-57.md', 'A-RES-79-40.txt']) {
      const text = await nodeFileSystem.readFile(path.join(SEEDS, name));
      const found = check(new TextDecoder().decode(text)).filter((f) => String(f.diagnostic.code).startsWith('footnote'));
      assert.deepStrictEqual(found.map((f) => f.diagnostic.message), [], name);
    }
  });
});
