// A long draft's check made in slices (as the server makes it, with `pace`: the structure and
// citation checks 5,000 paragraphs at a time, the suppressions 10,000 findings at a time) finds
// what a check in one go finds (as the CLI makes it), fixes included; a hover made before the
// check does not index the whole draft for its repeats.
import * as assert from 'assert';
import * as path from 'path';
import { Corpus, loadCorpus } from '../../server/src/engine/corpus';
import { silentLogger } from '../../server/src/engine/fileSystem';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { Finding, createLanguageService } from '../../server/src/service';

const SEEDS = path.join(__dirname, '../../../seeds');

/**
 * 12,000 paragraphs: numbers out of sequence (3-digit at most, so the rest are unnumbered), a
 * bracket left open, a wrong date of 71/48 and an undated first citation of 72/57, A/RES/78/46 in Chinese
 * text, 决定 after 又决定 (还 expected), glued footnote markers, a suppression comment; footnotes
 * after, one never referenced.
 */
function longDraft(): string {
  const lines = ['大会，'];
  for (let i = 0; i < 12_000; i++) {
    if (i === 6_001) lines.push('<!-- unres-disable-next-paragraph brackets -->');
    if (i === 0) lines.push('回顾其第 72/57 号决议，');
    else if (i % 4 === 0) lines.push(`回顾其第 71/48 号决议，${i % 8 ? '' : '1 '}`);
    else if (i % 4 === 1) lines.push(`${i}. 决定（设立工作组；`);
    else if (i % 4 === 2) lines.push('又决定 2016 年 12 月 6 日第 71/48 号决议');
    else lines.push('决定注意 A/RES/78/46。');
  }
  return `${lines.join('\n')}\n__________\n1 见 A/79/1。\n2 未用的脚注。\n`;
}

/**
 * Findings as plain data: diagnostics and each fix with its edits (made when asked for); a
 * large edit list (the renumbering, which every numbering finding shares) once, by reference.
 */
function plain(findings: Finding[]): unknown {
  const shared: unknown[] = [];
  const ids = new Map<object, number>();
  const idOf = (edits: object) => ids.get(edits) ?? (ids.set(edits, shared.length), shared.push(edits), shared.length - 1);
  const list = findings.map((f) => ({
    diagnostic: f.diagnostic,
    fixes: f.fixes.map((x) => ({ title: x.title, kind: x.kind, edits: x.edits.length > 100 ? `shared ${idOf(x.edits)}` : x.edits })),
  }));
  return { list, shared };
}

describe('a long draft checked in slices', function () {
  this.timeout(120000);
  let corpus: Corpus;
  before(async () => {
    corpus = new Corpus();
    await loadCorpus(corpus, [SEEDS], { fs: nodeFileSystem, logger: silentLogger });
  });

  it('finds what a check in one go finds, in the same order, and pauses along the way', async () => {
    const text = longDraft();
    const oneGo = createLanguageService({ corpus, logger: silentLogger });
    const sliced = createLanguageService({ corpus, logger: silentLogger });
    const whole = await oneGo.computeFindings(oneGo.getDocument('file:///long.unres', 1, text));
    let pauses = 0;
    const paced = await sliced.computeFindings(sliced.getDocument('file:///long.unres', 1, text), { pace: async () => void pauses++ });
    const codes = new Set(whole.map((f) => f.diagnostic.code));
    for (const c of ['numbering', 'brackets', 'citation-date-wrong', 'citation-date-missing', 'citation-style', 'footnote-unused', 'verb-prefix']) assert.ok(codes.has(c), c);
    assert.deepStrictEqual(plain(paced), plain(whole));
    // The structure and citation checks, 3 slices each, and 5 of the findings' context at least.
    assert.ok(pauses >= 11, `${pauses} pauses`);
  });

  it('stopped at a pause, gives nothing it would keep: the next check finds it all', async () => {
    const text = longDraft();
    const service = createLanguageService({ corpus, logger: silentLogger });
    const doc = service.getDocument('file:///long.unres', 1, text);
    let pauses = 0;
    const stopped = await service.computeFindings(doc, { pace: async () => void pauses++, shouldStop: () => pauses >= 3 });
    assert.deepStrictEqual(stopped, []);
    const again = await service.computeFindings(doc);
    const fresh = createLanguageService({ corpus, logger: silentLogger });
    assert.deepStrictEqual(plain(again), plain(await fresh.computeFindings(fresh.getDocument('file:///long.unres', 1, text))));
  });

  it('a hover before the check does not index the whole draft for its repeats: they show once the check has indexed them', async () => {
    // 6,000 paragraphs, each a distinct sentence; the last repeats the first.
    const first = '回顾其关于执行《行动纲领》的各项决议，并注意到各国在国家一级执行方面取得的进展，';
    const lines = ['大会，', first];
    for (let i = 1; i < 6_000; i++) lines.push(`${i}. 请秘书长就第 ${i} 项专题的执行情况向大会第 ${i + 80} 届会议提交报告；`);
    lines.push(first);
    const service = createLanguageService({ corpus, logger: silentLogger });
    const doc = service.getDocument('file:///long-hover.unres', 1, lines.join('\n'));
    const position = { line: lines.length - 1, character: 3 };
    const hoverText = () => {
      const h = service.getHover(doc, position);
      return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    };
    const before = hoverText();
    assert.match(before, /this long draft is being checked/);
    assert.doesNotMatch(before, /本草案 this draft/);
    await service.computeFindings(doc, { pace: async () => undefined });
    const after = hoverText();
    assert.match(after, /\*\*本草案 this draft\*\* 序言部分第 1 段 PP1 — 相同 same 100%/);
    assert.doesNotMatch(after, /being checked/);
  });
});
