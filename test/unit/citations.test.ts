import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { findCitations, undocsUrl } from '../../server/src/engine/citations';
import { formatDate, numberValue, parseDate, parseDateParts } from '../../server/src/engine/dates';
import { sliceMapped } from '../../server/src/engine/mapped';
import { parseResolution } from '../../server/src/engine/parse';
import { Citation } from '../../server/src/engine/model';
import { assertLinear } from '../timing';

const SEEDS = path.join(__dirname, '../../../seeds');
const cite = (text: string) => findCitations(sliceMapped(text, 0, text.length));
const at = (text: string, c: Citation) => ({
  whole: text.slice(c.span.start, c.span.end),
  number: text.slice(c.numberSpan.start, c.numberSpan.end),
  date: c.dateSpan && text.slice(c.dateSpan.start, c.dateSpan.end),
});

describe('dates', () => {
  it('reads and writes the Chinese date form', () => {
    assert.deepStrictEqual(parseDate('于 2023年12月 4 日通过'), { year: 2023, month: 12, day: 4 });
    assert.deepStrictEqual(parseDate('２０２３ 年 １２ 月 ４ 日'), { year: 2023, month: 12, day: 4 });
    assert.strictEqual(formatDate({ year: 2016, month: 12, day: 5 }), '2016 年 12 月 5 日');
  });

  it('refuses impossible dates', () => {
    assert.strictEqual(parseDateParts(2023, 2, 29), undefined);
    assert.deepStrictEqual(parseDateParts(2024, 2, 29), { year: 2024, month: 2, day: 29 });
    assert.strictEqual(parseDateParts(2023, 13, 1), undefined);
    assert.strictEqual(parseDate('2023 年 4 月 31 日'), undefined);
  });
});

describe('citations', () => {
  it('reads a dated resolution citation with exact spans', () => {
    const text = '回顾其 2023 年 12 月 4 日第 78/46 号决议，';
    const [c] = cite(text);
    assert.strictEqual(c.kind, 'resolution');
    assert.strictEqual(c.symbol, 'A/RES/78/46');
    assert.deepStrictEqual(c.date, { year: 2023, month: 12, day: 4 });
    assert.deepStrictEqual(at(text, c), { whole: '2023 年 12 月 4 日第 78/46 号决议', number: '78/46', date: '2023 年 12 月 4 日' });
  });

  it('accepts lenient spacing, full-width digits and a missing 第', () => {
    for (const text of ['见78/46号决议。', '见第78/46号决议。', '见第 ７８/４６ 号决议。', '见第 78／46 号决议。']) {
      const cs = cite(text);
      assert.strictEqual(cs.length, 1, text);
      assert.strictEqual(cs[0].symbol, 'A/RES/78/46', text);
    }
  });

  it('splits a list of resolutions, each with its own date, and keeps part letters', () => {
    const text = '包括 2001 年 12 月 24 日第 56/24 V 号、2002 年 11 月 22 日第 57/72 号和第 60/81 号决议，';
    const cs = cite(text);
    assert.deepStrictEqual(cs.map((c) => c.symbol), ['A/RES/56/24 V', 'A/RES/57/72', 'A/RES/60/81']);
    assert.deepStrictEqual(cs.map((c) => at(text, c).number), ['56/24 V', '57/72', '60/81']);
    assert.deepStrictEqual(cs.map((c) => c.date?.year), [2001, 2002, undefined]);
    const group = text.slice(cs[0].groupSpan!.start, cs[0].groupSpan!.end);
    assert.ok(group.startsWith('2001') && group.endsWith('号决议'), group);
    assert.ok(cs.every((c) => c.groupSpan?.start === cs[0].groupSpan!.start));
  });

  it('reads decisions and document symbols, corrigenda included', () => {
    const text = '见第 60/519 号决定及 A/60/88 和 Corr.2，附件；另见 A/CONF.192/15。';
    const cs = cite(text);
    assert.deepStrictEqual(
      cs.map((c) => [c.kind, c.symbol, at(text, c).number]),
      [
        ['decision', 'A/DEC/60/519', '60/519'],
        ['document', 'A/60/88', 'A/60/88'],
        ['document', 'A/60/88/Corr.2', 'Corr.2'],
        ['document', 'A/CONF.192/15', 'A/CONF.192/15'],
      ],
    );
  });

  it('treats a literal A/RES symbol as a resolution, and ignores URLs', () => {
    const cs = cite('见 A/RES/78/46 和 https://undocs.org/ch/A/RES/70/1');
    assert.deepStrictEqual(cs.map((c) => [c.kind, c.symbol, c.number]), [['resolution', 'A/RES/78/46', '78/46']]);
  });

  it('does not take paragraph, treaty or meeting numbers for citations', () => {
    assert.deepStrictEqual(cite('第四章，第 24 段；《联合国条约汇编》，第 3013 卷，第 52373 号；第 43 次全体会议；第 3/4 号文件'), []);
    assert.deepStrictEqual(cite('HIV/AIDS 和 2030/2031 年'), []);
  });

  it('links to undocs.org without the part letter', () => {
    assert.strictEqual(undocsUrl('A/RES/56/24 V'), 'https://undocs.org/ch/A/RES/56/24');
    assert.strictEqual(undocsUrl('A/CONF.192/15'), 'https://undocs.org/ch/A/CONF.192/15');
  });

  it('finds every citation of a seed with source spans that read back', () => {
    const source = readFileSync(path.join(SEEDS, 'A-RES-72-57.md'), 'utf8');
    const res = parseResolution(source);
    const symbols = res.citations.map((c) => c.symbol);
    for (const s of ['A/RES/71/48', 'A/RES/56/24 V', 'A/DEC/60/519', 'A/60/88/Corr.2', 'A/CONF.192/15', 'A/RES/67/234 B']) {
      assert.ok(symbols.includes(s), `${s} not in ${symbols.join(', ')}`);
    }
    for (const c of res.citations) {
      const written = source.slice(c.numberSpan.start, c.numberSpan.end).replace(/\s+/g, ' ');
      assert.ok(c.symbol.endsWith(written), `${c.symbol}: ${written}`);
    }
    const dated = res.citations.find((c) => c.symbol === 'A/RES/71/48')!;
    assert.strictEqual(source.slice(dated.dateSpan!.start, dated.dateSpan!.end), '2016 年 12 月 5 日');
  });

  it('stays linear on long runs of digits, slashes and 号', () => {
    const text = (n: number) => '第 1/'.repeat(n) + '号'.repeat(n) + 'A/'.repeat(n);
    // 16 times the size: linear work costs about the same as 16 small runs, quadratic 16 times
    // as much; the allowance of 6 is for the garbage collector's share, which grows with the heap.
    const [small, big] = [text(1250), text(20000)];
    assertLinear('citations in runs of 20,000', () => cite(small), () => cite(big), 16, 6);
  });
});

describe('citations of every body (issue 13)', () => {
  const symbols = (text: string, organ?: 'GA' | 'HRC') => findCitations(sliceMapped(text, 0, text.length), { organ }).map((c) => c.symbol);

  it('reads the Security Council, the old General Assembly and the Economic and Social Council numbering', () => {
    const text = '回顾其第 1373（2001）号决议、大会第 2160 (XXI) 号决议和理事会 2003 年 7 月 22 日第 2003/25 号决议，';
    const found = cite(text);
    assert.deepStrictEqual(found.map((c) => c.symbol), ['S/RES/1373 (2001)', 'A/RES/2160 (XXI)', 'E/RES/2003/25']);
    assert.deepStrictEqual(found.map((c) => at(text, c).number), ['1373（2001）', '2160 (XXI)', '2003/25']);
    assert.strictEqual(undocsUrl('S/RES/1373 (2001)'), 'https://undocs.org/ch/S/RES/1373(2001)');
    assert.deepStrictEqual(symbols('见 S/RES/1540 (2004) 和 S/RES/1540。'), ['S/RES/1540 (2004)', 'S/RES/1540']);
  });

  it('takes the body named before a citation, else the document\'s own when it is the Human Rights Council', () => {
    const text = '回顾大会第 60/251 号决议和人权理事会第 5/1 和 5/2 号决议以及其第 32/9 号决议，';
    assert.deepStrictEqual(symbols(text, 'HRC'), ['A/RES/60/251', 'A/HRC/RES/5/1', 'A/HRC/RES/5/2', 'A/HRC/RES/32/9']);
    assert.deepStrictEqual(symbols('回顾其第 32/9 号决议，', 'GA'), ['A/RES/32/9']);
    assert.deepStrictEqual(symbols('人权理事会第 6/102 号决定'), ['A/HRC/DEC/6/102']);
  });

  it('reads Traditional characters, with offsets into the text as written', () => {
    const text = '回顧其 2023 年 12 月 4 日第 78/46 號決議，';
    const [c] = cite(text);
    assert.deepStrictEqual([c.symbol, at(text, c).whole, c.date], ['A/RES/78/46', '2023 年 12 月 4 日第 78/46 號決議', { year: 2023, month: 12, day: 4 }]);
  });

  it('reads dates and meetings in old-style numerals', () => {
    assert.deepStrictEqual(['一九六六', '一四八二', '二十九', '十一', '十', '三十一', '１２'].map(numberValue), [1966, 1482, 29, 11, 10, 31, 12]);
    assert.ok(Number.isNaN(numberValue('第二')));
  });
});
