import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parseResolution } from '../../server/src/engine/parse';
import { Paragraph, Resolution, Span } from '../../server/src/engine/model';
import { assertLinear } from '../timing';

const SEEDS = path.join(__dirname, '../../../seeds');
const seed = (name: string) => parseResolution(readFileSync(path.join(SEEDS, name), 'utf8'));
const at = (res: Resolution, s: Span) => res.source.slice(s.start, s.end);
const texts = (ps: Paragraph[]) => ps.map((p) => p.body.text);

describe('parser on the seed resolutions', () => {
  const cases: [string, string, number, number, number][] = [
    ['A-RES-58-241.txt', 'A/RES/58/241', 9, 15, 4],
    ['A-RES-61-66.txt', 'A/RES/61/66', 10, 12, 5],
    ['A-RES-72-57.md', 'A/RES/72/57', 21, 23, 10],
    ['A-RES-79-40.txt', 'A/RES/79/40', 23, 36, 8],
  ];
  for (const [file, symbol, pp, op, fn] of cases) {
    it(`${file}: ${pp} preambular + ${op} operative paragraphs, ${fn} footnotes`, () => {
      const res = seed(file);
      assert.strictEqual(res.symbol, symbol);
      assert.strictEqual(res.preambular.length, pp);
      assert.strictEqual(res.operative.length, op);
      assert.strictEqual(res.footnotes.length, fn);
      assert.deepStrictEqual(res.operative.map((p) => p.number), Array.from({ length: op }, (_, i) => i + 1));
      assert.strictEqual(res.title?.text, '小武器和轻武器非法贸易的各方面问题');
    });

    it(`${file}: paragraph texts carry no page furniture, markers or footnote text`, () => {
      const res = seed(file);
      for (const p of [...res.preambular, ...res.operative]) {
        const t = p.body.text;
        assert.ok(!/https?:|24-23058|<sup>|\*\*|A\/RES\/\d+\/\d+ 小武器|\n/.test(t), `${p.label}: ${t}`);
        assert.ok(!t.includes('第四章，第 24 段'), `${p.label} swallowed footnote 1: ${t}`);
        assert.ok(p.verb, `${p.label} has no recognised verb: ${t.slice(0, 20)}`);
        assert.ok(p.ending, `${p.label} has no closing punctuation: …${t.slice(-20)}`);
      }
      const last = res.operative[res.operative.length - 1];
      assert.strictEqual(last.ending?.char, '。');
    });
  }

  it('A/RES/72/57 preambular paragraph 7 continues after the footnotes that split it', () => {
    const res = seed('A-RES-72-57.md');
    const pp7 = res.preambular[6];
    assert.ok(pp7.body.text.startsWith('回顾 2015 年 6 月 1 日至 5 日'));
    assert.ok(pp7.body.text.includes('不限成员名额政府专家会议，以及 2016 年'), pp7.body.text);
    assert.ok(pp7.body.text.endsWith('并欣见第六次双年度会议通过的最后文件，'));
    assert.strictEqual(pp7.pieces.length, 2);
    assert.deepStrictEqual(pp7.footnoteRefs.map((r) => r.number), [3]);
    // the footnotes in between stay footnotes
    assert.ok(res.footnotes[0].body.text.startsWith('《联合国小武器和轻武器非法贸易各方面问题大会的报告'));
  });

  it('A/RES/79/40 joins a paragraph whose footnote marker is glued to its first line', () => {
    const res = seed('A-RES-79-40.txt');
    const pp2 = res.preambular[1];
    assert.strictEqual(
      pp2.body.text,
      '强调必须继续全面执行联合国小武器和轻武器非法贸易各方面问题大会通过的《从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领》，并确认《行动纲领》对这方面国际努力的重大贡献，',
    );
    assert.deepStrictEqual(pp2.footnoteRefs.map((r) => [r.number, at(res, r.span)]), [[1, '1']]);
    // `报告6 未经表决`: a marker glued after a Chinese character
    const pp23 = res.preambular[22];
    assert.ok(pp23.body.text.includes('最后报告未经表决获得通过'), pp23.body.text);
    assert.deepStrictEqual(pp23.footnoteRefs.map((r) => r.number), [6]);
    // numbers in text are not markers
    assert.ok(res.operative[9].body.text.includes('目标 16 和具体目标 16.4'));
  });

  it('A/RES/61/66: a bare marker line inside an operative paragraph does not end it', () => {
    const res = seed('A-RES-61-66.txt');
    const op3 = res.operative[2];
    assert.ok(op3.body.text.includes('国际文书》，除其他外，向秘书长提供'), op3.body.text);
    assert.deepStrictEqual(op3.footnoteRefs.map((r) => r.number), [3]);
    assert.strictEqual(res.footnotes[2].body.text, 'A/60/88 和 Corr.2，附件；另见第 60/519 号决定。');
  });

  it('reads heading, closing date and meeting', () => {
    const res = seed('A-RES-72-57.md');
    assert.deepStrictEqual(
      res.heading.map((h) => h.kind),
      ['session', 'agenda', 'adopted', 'report'],
    );
    assert.deepStrictEqual(res.closing?.date, { year: 2017, month: 12, day: 4 });
    assert.strictEqual(res.closing?.meeting, 62);
    const r58 = seed('A-RES-58-241.txt');
    assert.deepStrictEqual(r58.closing?.date, { year: 2003, month: 12, day: 23 });
    assert.strictEqual(r58.closing?.meeting, 79);
  });

  it('keeps footnote text separate and whole across its wrapped lines', () => {
    const res = seed('A-RES-58-241.txt');
    assert.deepStrictEqual(
      res.footnotes.map((f) => [f.number, f.body.text]),
      [
        [1, '见《联合国小武器和轻武器非法贸易各方面问题大会的报告，2001 年 7 月 9 日至 20 日，纽约》（A/CONF.192/15），第四章，第 24 段。'],
        [2, 'A/CONF.192/BMS/2003/1。'],
        [3, '见 A/58/207。'],
        [4, '见 A/58/138。'],
      ],
    );
    // the page header between PP7 and PP8 is neither text nor a marker
    assert.deepStrictEqual(res.preambular[6].footnoteRefs.map((r) => r.number), [3]);
    assert.ok(res.preambular[7].body.text.startsWith('欢迎根据第 56/24 V号决议'));
  });
});

describe('parser on drafts as users type them', () => {
  it('reads a typed draft, one paragraph per line, with exact UTF-16 spans', () => {
    const text = [
      '安道尔、安哥拉：决议草案',
      '小武器和轻武器非法贸易的各方面问题',
      '大会，',
      '回顾其第 78/46 号决议，',
      '又回顾各国承诺，',
      '1. 决定设立一个工作组；',
      '2. 请秘书长提出报告。',
    ].join('\n');
    const res = parseResolution(text);
    assert.strictEqual(res.title?.text, '小武器和轻武器非法贸易的各方面问题');
    assert.deepStrictEqual(res.heading.map((h) => h.kind), ['sponsors']);
    assert.deepStrictEqual(texts(res.preambular), ['回顾其第 78/46 号决议，', '又回顾各国承诺，']);
    assert.deepStrictEqual(texts(res.operative), ['决定设立一个工作组；', '请秘书长提出报告。']);
    const pp2 = res.preambular[1];
    assert.strictEqual(at(res, pp2.span), '又回顾各国承诺，');
    assert.strictEqual(pp2.span.start, text.indexOf('又回顾'));
    assert.deepStrictEqual([pp2.verb?.text, pp2.verb?.base, pp2.verb?.prefix], ['又回顾', '回顾', '又']);
    const op2 = res.operative[1];
    assert.strictEqual(op2.label, 'OP2');
    assert.strictEqual(at(res, op2.numberSpan!), '2');
    assert.strictEqual(at(res, op2.verb!.span), '请');
  });

  it('handles CRLF, half-width punctuation, Markdown and full-width numbers', () => {
    const text = '## 决议草案标题\r\n\r\n大会,\r\n\r\n**回顾**其决议,\r\n\r\n**强调**必须执行;\r\n\r\n１．**决定**设立工作组;\r\n\r\n2. 请秘书长报告.\r\n';
    const res = parseResolution(text);
    assert.strictEqual(res.title?.text, '决议草案标题');
    assert.deepStrictEqual(texts(res.preambular), ['回顾其决议,', '强调必须执行;']);
    assert.deepStrictEqual(res.operative.map((p) => [p.number, p.body.text]), [
      [1, '决定设立工作组;'],
      [2, '请秘书长报告.'],
    ]);
    assert.strictEqual(res.preambular[0].ending?.char, ',');
    // spans skip the Markdown and never include \r
    const v = res.preambular[0].verb!;
    assert.strictEqual(at(res, v.span), '回顾**其');
    assert.strictEqual(v.text, '回顾其');
    for (const p of [...res.preambular, ...res.operative]) assert.ok(!at(res, p.span).includes('\r'));
  });

  it('joins a paragraph wrapped over several lines', () => {
    const text = '大会，\n\n回顾其 2023 年 12 月 4 日第\n78/46 号决议及以往\n所有决议，\n\n1. 决定于 2026 年\n召开会议；\n';
    const res = parseResolution(text);
    assert.deepStrictEqual(texts(res.preambular), ['回顾其 2023 年 12 月 4 日第 78/46 号决议及以往所有决议，']);
    assert.deepStrictEqual(texts(res.operative), ['决定于 2026 年召开会议；']);
    const body = res.preambular[0].body;
    // every clean unit maps back to the same unit of the source (joining spaces aside)
    for (let i = 0; i < body.text.length; i++) {
      if (body.text[i] !== ' ') assert.strictEqual(text[body.offsets[i]], body.text[i]);
    }
  });

  it('starts a new paragraph after a half-typed one', () => {
    const res = parseResolution('大会，\n回顾其\n强调必须执行\n1. 决定\n2.\n3. 请');
    assert.deepStrictEqual(texts(res.preambular), ['回顾其', '强调必须执行']);
    assert.deepStrictEqual(res.operative.map((p) => [p.number, p.body.text]), [
      [1, '决定'],
      [2, ''],
      [3, '请'],
    ]);
    assert.strictEqual(res.preambular[0].ending, undefined);
  });

  it('counts positions in UTF-16 units, surrogate pairs included', () => {
    const text = '大会，\n回顾𠀀𠀁决议，\n1. 请秘书长报告。';
    const res = parseResolution(text);
    const op = res.operative[0];
    assert.strictEqual(op.span.start, text.indexOf('1.'));
    assert.strictEqual(op.verb!.span.start, text.indexOf('请'));
    assert.strictEqual(res.preambular[0].span.end - res.preambular[0].span.start, '回顾𠀀𠀁决议，'.length);
  });

  it('reads a draft with no heading and no opening', () => {
    const res = parseResolution('回顾其决议，\n注意到报告，\n1. 请秘书长报告。');
    assert.strictEqual(res.opening, undefined);
    assert.strictEqual(res.preambular.length, 2);
    assert.strictEqual(res.operative.length, 1);
  });

  it('never throws on empty, binary-looking or huge input', () => {
    for (const t of ['', '\n\n\n', '\u0000\u0001\u0002', '1.\n2.\n', '____\n1\n', 'A/RES/1/2', '大会，']) {
      const res = parseResolution(t);
      assert.ok(Array.isArray(res.preambular));
    }
    const text = (n: number) => '回顾其决议，\n'.repeat(n) + '1. 决定；\n'.repeat(n);
    const res = parseResolution(text(20000));
    assert.strictEqual(res.preambular.length, 20000);
    assert.strictEqual(res.operative.length, 20000);
    const [small, huge] = [text(2500), text(20000)];
    assertLinear('parseResolution of 40,000 paragraphs', () => parseResolution(small), () => parseResolution(huge));
  });
});
