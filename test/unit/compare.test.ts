// The comparison engine (server/src/engine/compare): predecessor, alignment, classes, word diff,
// and the tracked-changes document, on texts written here in the shapes real drafts come in.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { Corpus, CorpusDocument, summarize } from '../../server/src/engine/corpus';
import { parseResolution } from '../../server/src/engine/parse';
import { Comparison, compareParagraphs, draftParagraphs } from '../../server/src/engine/compare';
import { alignParagraphs } from '../../server/src/engine/compare/align';
import { classifyPair } from '../../server/src/engine/compare/classify';
import { chineseNumber, findPredecessor, sessionOfDraft, sessionOfSymbol } from '../../server/src/engine/compare/predecessor';
import { charTokens, hunkCount, sideOf, wordDiff, wordTokens } from '../../server/src/engine/compare/wordDiff';
import { comparisonToTracked, printedText, resolveTracked } from '../../server/src/engine/compare/tracked';
import { FUZZ_SEED, FUZZ_RUNS } from '../fuzz/arbitraries';
import { comparePredecessor } from '../../server/src/features/compare';
import { parseDraft } from '../../server/src/features/document';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import * as fs from 'fs';
import * as path from 'path';

const TITLE = '小武器和轻武器非法贸易的各方面问题';

/** A resolution text: heading line `NN/N. title`, 大会，, preambular lines, numbered operative lines. */
function resolution(symbol: string, title: string, pp: string[], op: string[]): string {
  return [`${symbol}. ${title}`, '', '大会，', '', ...pp.map((p) => `${p}，`), '', ...op.map((p, i) => `${i + 1}. ${p}${i === op.length - 1 ? '。' : '；'}`)].join('\n\n');
}

function corpusOf(...texts: [string, string][]): Corpus {
  const c = new Corpus();
  for (const [key, text] of texts) c.add(summarize(key, parseResolution(text)));
  return c;
}

const PP = [
  '回顾其 2016 年 12 月 5 日第 71/48 号决议及以往所有有关决议',
  '强调必须继续全面执行《从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领》',
  '着重指出各国需要加强努力，建设本国有效执行《行动纲领》的能力',
  '注意到秘书处裁军事务厅开发的工具可用于评估《行动纲领》的执行进展情况',
];
const OP = [
  '鼓励旨在成功执行《行动纲领》的所有有关举措，包括区域和次区域组织的举措',
  '促请所有国家执行《国际追查文书》，在国家报告中提供本国联系机构的名称和联系资料',
  '请秘书长向大会第七十三届会议报告本决议的执行情况',
  '决定在大会第七十三届会议临时议程中列入题为“小武器和轻武器非法贸易的各方面问题”的分项',
];

describe('compare: word diff', () => {
  it('spells both texts, deletions before the insertions that replace them', () => {
    const from = '着重指出各国需要加强努力，建设本国有效执行《行动纲领》的能力';
    const to = '着重指出各国需要加强努力，建设有效执行《行动纲领》的国家能力';
    const runs = wordDiff(from, to);
    assert.strictEqual(sideOf(runs, 'from'), from);
    assert.strictEqual(sideOf(runs, 'to'), to);
    for (let i = 1; i < runs.length; i++) assert.ok(!(runs[i - 1].op === 'insert' && runs[i].op === 'delete'), 'no insert right before a delete');
    assert.deepStrictEqual(runs.filter((r) => r.op !== 'equal').map((r) => `${r.op}:${r.text}`), ['delete:本国', 'insert:国家']);
  });

  it('replaces a resolution number, a year or a symbol whole, not digit by digit', () => {
    const runs = wordDiff('回顾其 2016 年 12 月 5 日第 71/48 号决议和 A/RES/71/48', '回顾其 2023 年 12 月 4 日第 78/46 号决议和 A/RES/78/46');
    const changed = runs.filter((r) => r.op !== 'equal').map((r) => r.text);
    assert.deepStrictEqual(changed, ['2016', '2023', '5', '4', '71/48', '78/46', 'A/RES/71/48', 'A/RES/78/46']);
  });

  it('words read better than characters: fewer hunks where a phrase is rewritten', () => {
    const from = '确认尚无有效协调机制的有关国家有必要建立这一机制，以便将各国的需求同现有资源相匹配';
    const to = '确认不存在有效协调机制的有关国家有必要建立这一机制，以加强国际合作和援助信息的交流';
    for (const tok of [wordTokens, charTokens]) {
      const runs = wordDiff(from, to, tok);
      assert.strictEqual(sideOf(runs, 'to'), to);
    }
    assert.ok(hunkCount(wordDiff(from, to, wordTokens)) <= hunkCount(wordDiff(from, to, charTokens)));
  });

  it('two long texts with nothing in common: replaced whole, not diffed for ever', () => {
    const page = (seed: number) => Array.from({ length: 20000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * seed * 7919) % 5000))).join('');
    const runs = wordDiff(page(1), page(3), charTokens);
    assert.strictEqual(sideOf(runs, 'from'), page(1));
    assert.strictEqual(sideOf(runs, 'to'), page(3));
    assert.deepStrictEqual(runs.map((r) => r.op), ['delete', 'insert']);
  });

  it('handles empty, identical and surrogate-pair texts', () => {
    assert.deepStrictEqual(wordDiff('', ''), []);
    assert.deepStrictEqual(wordDiff('', '新'), [{ op: 'insert', text: '新' }]);
    assert.deepStrictEqual(wordDiff('同', '同'), [{ op: 'equal', text: '同' }]);
    const runs = wordDiff('注意到𠀀字', '注意到𠀁字');
    assert.strictEqual(sideOf(runs, 'to'), '注意到𠀁字');
    assert.ok(runs.every((r) => !/^[\udc00-\udfff]/.test(r.text)), 'no run starts inside a surrogate pair');
  });
});

describe('compare: classes', () => {
  it('unchanged: only spaces, widths and the closing punctuation differ', () => {
    assert.strictEqual(classifyPair('回顾其 2016 年 12 月 5 日第 71/48 号决议，', '回顾其2016年12月5日第71/48号决议;'), 'unchanged');
    assert.strictEqual(classifyPair('请秘书长报告（A/72/1）；', '请秘书长报告(A/72/1)。'), 'unchanged');
  });

  it('technical: dates, resolution numbers, symbols and session ordinals updated', () => {
    assert.strictEqual(classifyPair('回顾其 2016 年 12 月 5 日第 71/48 号决议', '回顾其 2023 年 12 月 4 日第 78/46 号决议'), 'technical');
    assert.strictEqual(classifyPair('请秘书长向大会第七十三届会议报告', '请秘书长向大会第八十届会议报告'), 'technical');
    assert.strictEqual(classifyPair('注意到秘书长的报告(A/72/98)', '注意到秘书长的报告(A/79/143)'), 'technical');
    assert.strictEqual(classifyPair('决定于 2018 年 6 月 18 日至 29 日在纽约召开第三次审查大会', '决定于２０２４年６月１７日至２８日在纽约召开第四次审查大会'), 'technical');
  });

  it('changed: a number that is not a date, a symbol or an ordinal', () => {
    assert.strictEqual(classifyPair('召开为期一周的各国双年度会议(10 次会议)', '召开为期一周的各国双年度会议(12 次会议)'), 'changed');
    assert.strictEqual(classifyPair('每个区域有 15 名研究员参加', '每个区域有 20 名研究员参加'), 'changed');
  });

  it('changed: a word, or the 又 of a verb', () => {
    assert.strictEqual(classifyPair('回顾各国承诺将《行动纲领》视为主要框架', '回顾各国承诺将《行动纲领》作为主要框架'), 'changed');
    assert.strictEqual(classifyPair('强调必须全面执行', '又强调必须全面执行'), 'changed');
    assert.strictEqual(classifyPair('请秘书长向大会第七十三届会议报告', '请秘书长向大会第八十届会议提交报告'), 'changed');
  });
});

describe('compare: alignment', () => {
  it('pairs revised paragraphs in order, and finds new, dropped and moved ones', () => {
    const before = [...PP, ...OP];
    const after = [
      PP[0].replace('71/48', '78/46'),
      PP[1],
      '认识到需要加强妇女对《行动纲领》相关决策和执行进程的参与',
      PP[2].replace('本国', ''),
      // PP[3] dropped
      OP[1], // moved before OP[0]
      OP[0],
      OP[2],
      OP[3],
    ];
    const pairs = alignParagraphs(after, before);
    const of = (d: number) => pairs.find((p) => p.draft === d);
    assert.strictEqual(of(0)?.predecessor, 0);
    assert.strictEqual(of(2), undefined, 'the new paragraph has no partner');
    assert.strictEqual(of(3)?.predecessor, 2);
    assert.ok(!pairs.some((p) => p.predecessor === 3), 'PP4 was dropped');
    const moved = pairs.filter((p) => p.moved);
    assert.strictEqual(moved.length, 1, JSON.stringify(pairs));
    assert.ok([4, 5].includes(moved[0].draft), 'one of the two swapped paragraphs is the moved one');
  });

  it('does not pair two different paragraphs that share the field’s formulas', () => {
    const pairs = alignParagraphs(
      ['欢迎设立拯救生命实体基金，确保持续资助受小武器和轻武器非法贸易影响最大的国家'],
      ['强调必须继续全面执行《从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领》'],
    );
    assert.deepStrictEqual(pairs, []);
  });

  it('pairs a paragraph cut down to its first clause, but not a short one whose words are scattered over a long one', () => {
    const long = '回顾其 2023 年 12 月 4 日第 78/46 号决议及以往所有关于小武器和轻武器非法贸易各方面问题的决议，包括 2001 年 12 月 24 日第 56/24 V 号决议';
    const scattered = '回顾其在第 77/71 号决议中决定设立一个研究金培训方案，敦促在 2025 年予以实施，并请秘书长将该决定付诸实施，并就此向大会第八十届会议提出报告';
    const closing = '请秘书长向大会第八十届会议报告本决议的执行情况';
    const pairs = alignParagraphs(['回顾其 2023 年 12 月 4 日第 78/46 号决议', '请秘书长向大会第八十一届会议提交报告'], [long, scattered, closing]);
    assert.deepStrictEqual(pairs.map((p) => [p.draft, p.predecessor]), [[0, 0], [1, 2]]);
  });

  it('weighs two pasted pages (a long paragraph inside another) without a quadratic search', () => {
    const long = PP.join('，').repeat(60);
    const pairs = alignParagraphs([long.slice(0, long.length - 30)], [long]);
    assert.strictEqual(pairs.length, 1);
  });

  it('copes with empty sides', () => {
    assert.deepStrictEqual(alignParagraphs([], ['一']), []);
    assert.deepStrictEqual(alignParagraphs(['一'], []), []);
  });
});

describe('compare: predecessor', () => {
  const v61 = resolution('61/66', TITLE, PP, OP);
  const v72 = resolution('72/57', TITLE, PP, OP);
  const other = resolution('72/30', '防止外空军备竞赛', ['回顾其以往关于防止外空军备竞赛的决议'], ['请秘书长报告']);
  const v80 = resolution('80/12', TITLE, PP, OP);

  it('reads sessions from symbols, title numbers and Chinese headings', () => {
    assert.strictEqual(sessionOfSymbol('A/RES/72/57'), 72);
    assert.strictEqual(sessionOfSymbol('A/C.1/79/L.43'), 79);
    assert.strictEqual(sessionOfSymbol('a/res/56/24 V'), 56);
    assert.strictEqual(sessionOfSymbol('A/CONF.192/15'), undefined);
    assert.strictEqual(chineseNumber('七十九'), 79);
    assert.strictEqual(chineseNumber('一百零二'), 102);
    assert.strictEqual(chineseNumber('十'), 10);
    const draft = parseResolution(['第七十九届会议', '议程项目 98(z)', '', `奥地利：决议草案`, '', TITLE, '', '大会，', '', `${PP[0]}，`].join('\n'));
    assert.strictEqual(sessionOfDraft(draft), 79);
  });

  it('takes the same title from the latest session before the draft’s, and says why', () => {
    const corpus = corpusOf(['/c/61.txt', v61], ['/c/72.txt', v72], ['/c/other.txt', other], ['/c/80.txt', v80]);
    const draft = parseResolution(resolution('79/40', TITLE, PP, OP));
    const p = findPredecessor(draft, corpus, new Set());
    assert.strictEqual(p?.doc.symbol, 'A/RES/72/57');
    assert.match(p!.reason, /标题相同/);
    assert.match(p!.reason, /same title/);
    assert.match(p!.reason, /72/);
  });

  it('never takes the draft itself, even when it is in the corpus', () => {
    const corpus = corpusOf(['/c/61.txt', v61], ['/c/79.txt', resolution('79/40', TITLE, PP, OP)]);
    const draft = parseResolution(resolution('79/40', TITLE, PP, OP));
    assert.strictEqual(findPredecessor(draft, corpus, new Set(['/c/79.txt']))?.doc.symbol, 'A/RES/61/66');
  });

  it('a title written with other spaces and punctuation widths is the same title; a retitled one is similar', () => {
    const corpus = corpusOf(['/c/72.txt', resolution('72/57', '小武器和轻武器非法贸易的各方面问题', PP, OP)]);
    const spaced = parseResolution(resolution('79/40', '小武器和轻武器 非法贸易的 各方面问题', PP, OP));
    assert.strictEqual(findPredecessor(spaced, corpus, new Set())?.doc.symbol, 'A/RES/72/57');
    const retitled = parseResolution(resolution('79/40', '小武器和轻武器非法贸易的各个方面问题', PP, OP));
    const p = findPredecessor(retitled, corpus, new Set());
    assert.strictEqual(p?.doc.symbol, 'A/RES/72/57');
    assert.match(p!.reason, /标题相近.*similar title/);
  });

  it('without a title, asks which document the draft’s wording comes from', () => {
    const corpus = corpusOf(['/c/61.txt', v61], ['/c/72.txt', v72]);
    const untitled = parseResolution(['大会，', '', ...PP.map((p) => `${p}，`)].join('\n\n'));
    let asked = false;
    const p = findPredecessor(untitled, corpus, new Set(), () => {
      asked = true;
      return new Map([['/c/61.txt', 3], ['/c/72.txt', 1]]);
    });
    assert.ok(asked);
    assert.strictEqual(p?.doc.symbol, 'A/RES/61/66');
    assert.match(p!.reason, /没有标题.*no title/);
    assert.strictEqual(findPredecessor(untitled, corpus, new Set(), () => new Map()), undefined);
  });

  it('finds nothing before the earliest session', () => {
    const corpus = corpusOf(['/c/72.txt', v72]);
    assert.strictEqual(findPredecessor(parseResolution(resolution('61/66', TITLE, PP, OP)), corpus, new Set()), undefined);
  });
});

/** A comparison of two lists of paragraph texts (preambular only: labels PP1…). */
function comparePlain(before: string[], after: string[]): Comparison {
  const doc: CorpusDocument = {
    key: '/c/before.txt',
    symbol: 'A/RES/72/57',
    title: TITLE,
    paragraphs: before.map((text, i) => ({ label: `PP${i + 1}`, kind: 'preambular', text })),
    citedDates: [],
  };
  let at = 0;
  const paragraphs = after.map((text, i) => ({ label: `PP${i + 1}`, text, span: { start: at, end: (at += text.length + 1) - 1 } }));
  return compareParagraphs({ symbol: 'A/RES/79/40', title: TITLE, paragraphs }, { doc, reason: 'test' }, { echoes: () => [{ symbol: 'A/RES/77/71', file: '/c/77.txt', paragraph: 'OP3', score: 0.8 }] });
}

describe('compare: a whole comparison', () => {
  it('counts each class, and a draft of date updates only is a technical update', () => {
    const parsed = (t: string) => draftParagraphs(parseResolution(t));
    const before = parseResolution(resolution('72/57', TITLE, PP, OP));
    const doc = summarize('/c/72.txt', before);
    const updated = resolution('79/40', TITLE, [PP[0].replace('2016 年 12 月 5 日第 71/48', '2023 年 12 月 4 日第 78/46'), ...PP.slice(1)], [...OP.slice(0, 2), ...OP.slice(2).map((o) => o.replace('七十三', '八十'))]);
    const c = compareParagraphs({ paragraphs: parsed(updated) }, { doc, reason: 'x' });
    assert.deepStrictEqual([c.summary.unchanged, c.summary.technical, c.summary.changed, c.summary.new, c.summary.dropped], [5, 3, 0, 0, 0]);
    assert.strictEqual(c.technicalUpdate, true);

    const revised = resolution('79/40', TITLE, [PP[0], '认识到需要加强妇女的参与', ...PP.slice(1)], OP);
    const r = compareParagraphs({ paragraphs: parsed(revised) }, { doc, reason: 'x' });
    assert.strictEqual(r.summary.new, 1);
    assert.strictEqual(r.technicalUpdate, false);
  });

  it('puts a dropped paragraph where it stood, and gives new paragraphs their earlier wording', () => {
    const c = comparePlain(PP, [PP[0], PP[1], '认识到需要加强妇女对决策和执行进程的参与', PP[3]]);
    assert.deepStrictEqual(c.rows.map((r) => `${r.cls}:${r.draft?.label ?? r.predecessor?.label}`), ['unchanged:PP1', 'unchanged:PP2', 'dropped:PP3', 'new:PP3', 'unchanged:PP4']);
    assert.deepStrictEqual(c.rows[3].echoes?.[0], { symbol: 'A/RES/77/71', file: '/c/77.txt', paragraph: 'OP3', score: 0.8 });
    assert.strictEqual(c.rows[0].echoes, undefined, 'only new paragraphs are searched');
  });
});

describe('compare: texts as they come', () => {
  const seed = (f: string) => fs.readFileSync(path.join(__dirname, '../../../seeds', f), 'utf8');
  const classes = (text: string) => {
    const before = summarize('/seeds/72-57.md', parseResolution(seed('A-RES-72-57.md')));
    const c = compareParagraphs({ paragraphs: draftParagraphs(parseResolution(text)) }, { doc: before, reason: '' });
    return c.rows.map((r) => `${r.draft?.label ?? '-'}:${r.predecessor?.label ?? '-'}:${r.cls}`);
  };

  it('a draft typed with half-width punctuation pairs and classes its paragraphs as the printed one', () => {
    const printed = seed('A-RES-79-40.txt');
    const halfWidth = printed.replace(/，/g, ',').replace(/；/g, ';').replace(/：/g, ':').replace(/（/g, '(').replace(/）/g, ')');
    assert.deepStrictEqual(classes(halfWidth), classes(printed));
  });

  it('too many paragraphs: a clear answer, not minutes of work', () => {
    const many = (symbol: string) => resolution(symbol, TITLE, Array.from({ length: 300 }, (_, i) => `注意到第 ${i} 项报告`), Array.from({ length: 300 }, (_, i) => `决定第 ${i} 项事项`));
    const corpus = corpusOf(['/c/72.txt', many('72/57')]);
    const result = comparePredecessor(parseDraft('file:///draft.unres', 1, many('79/40')), corpus, DEFAULT_SETTINGS, { ready: true });
    assert.ok('error' in result);
    assert.match(result.error, /段落太多.*too many paragraphs to compare \(600 × 600/);
  });
});

describe('compare: the tracked-changes document', () => {
  const META = { author: 'unres', date: new Date(Date.UTC(2024, 11, 2)) };

  it('is the predecessor with the draft’s changes: accepted, the draft; rejected, the predecessor', () => {
    const before = parseResolution(resolution('72/57', TITLE, PP, OP));
    const after = parseResolution(resolution('79/40', TITLE, [PP[1], PP[0].replace('71/48', '78/46'), '认识到需要加强妇女的参与'], [OP[0], OP[2].replace('七十三', '八十')]));
    const c = compareParagraphs({ title: TITLE, paragraphs: draftParagraphs(after) }, { doc: summarize('/c/72.txt', before), reason: 'x' });
    const t = comparisonToTracked(c, META);
    assert.strictEqual(t.author, 'unres');
    assert.strictEqual(t.title, TITLE);
    const accepted = t.paragraphs.map((p) => resolveTracked(p.runs, true)).filter((x) => x);
    const rejected = t.paragraphs.map((p) => resolveTracked(p.runs, false)).filter((x) => x);
    const printed = (res: ReturnType<typeof parseResolution>) => draftParagraphs(res).map((p) => (/^OP(\d+)$/.test(p.label) ? `${p.label.slice(2)}. ` : '') + p.text);
    assert.deepStrictEqual(accepted, printed(after));
    assert.deepStrictEqual(rejected, printed(before));
    // Renumbering is a tracked change too: 3. became 2.
    const op2 = t.paragraphs.find((p) => resolveTracked(p.runs, true).startsWith('2. 请秘书长'));
    assert.ok(op2?.runs.some((r) => r.kind === 'del' && r.text === '3. '), JSON.stringify(op2));
    // A whole new paragraph is one insertion.
    assert.ok(t.paragraphs.some((p) => p.runs.length === 1 && p.runs[0].kind === 'ins' && p.runs[0].text === '认识到需要加强妇女的参与，'));
  });

  it('printedText opens an operative paragraph with its number', () => {
    assert.strictEqual(printedText({ cls: 'new', draft: { label: 'OP5', text: '决定', span: { start: 0, end: 2 }, index: 0 }, diff: [] }, 'draft'), '5. 决定');
  });
});

describe('compare: property — mutated drafts', () => {
  // Paragraphs as they come: half-width punctuation, numbers, a surrogate pair, an empty one.
  const words = ['强调', '回顾', '《行动纲领》', '小武器和轻武器', '非法贸易', '2016 年', '第 71/48 号决议', '各国', '，', ',', '的', '𠀀', 'A/CONF.192/15', ' ', '国际合作和援助'];
  const text = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 14 }).map((w) => w.join(''));
  const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 4 }), put: text });
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), i: fc.nat(), e: edit }),
    fc.record({ kind: fc.constant('drop' as const), i: fc.nat() }),
    fc.record({ kind: fc.constant('add' as const), i: fc.nat(), t: text }),
    fc.record({ kind: fc.constant('move' as const), i: fc.nat(), j: fc.nat() }),
  );

  it('every row’s diff spells both paragraphs; rows cover both texts once, in order; the tracked document accepts to the draft and rejects to the predecessor', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 0, maxLength: 10 }), fc.array(mutation, { maxLength: 8 }), (before, mutations) => {
        const after = [...before];
        for (const m of mutations) {
          const i = after.length ? m.i % after.length : 0;
          if (m.kind === 'edit' && after.length) {
            const s = after[i];
            const at = m.e.at % (s.length + 1);
            after[i] = s.slice(0, at) + m.e.put + s.slice(at + m.e.cut);
          } else if (m.kind === 'drop' && after.length) after.splice(i, 1);
          else if (m.kind === 'add') after.splice(i, 0, m.t);
          else if (m.kind === 'move' && after.length) after.splice(m.j % after.length, 0, ...after.splice(i, 1));
        }
        const c = comparePlain(before, after);
        for (const r of c.rows) {
          assert.strictEqual(sideOf(r.diff, 'from'), r.predecessor?.text ?? '');
          assert.strictEqual(sideOf(r.diff, 'to'), r.draft?.text ?? '');
        }
        assert.deepStrictEqual(c.rows.filter((r) => r.draft).map((r) => r.draft!.text), after);
        assert.deepStrictEqual(c.rows.filter((r) => r.predecessor).map((r) => r.predecessor!.index).sort((a, b) => a - b), before.map((_, i) => i));
        const t = comparisonToTracked(c, { author: 'unres', date: new Date(0) });
        // Empty paragraphs have no runs: they vanish from both resolutions alike.
        assert.deepStrictEqual(t.paragraphs.map((p) => resolveTracked(p.runs, true)).filter((x) => x), after.filter((x) => x));
        assert.deepStrictEqual(t.paragraphs.map((p) => resolveTracked(p.runs, false)).filter((x) => x), before.filter((x) => x));
        const s = c.summary;
        assert.strictEqual(s.unchanged + s.technical + s.changed + s.new, after.length);
        assert.strictEqual(s.unchanged + s.technical + s.changed + s.dropped, before.length);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 2, endOnFailure: true },
    );
  });
});
