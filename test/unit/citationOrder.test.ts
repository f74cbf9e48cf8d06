// A document's citations read in source order as far as needed (links), or at one offset
// (hover), give what the whole list gives: the parser assembles a paragraph's text only when
// it is first read (engine/parsed.ts), so these read only the parts they need.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parseResolution } from '../../server/src/engine/parse';
import { Citation, Resolution, citationAt, citationsInOrder, paragraphs } from '../../server/src/engine/model';

const SEEDS = path.join(__dirname, '../../../seeds');

/** Every part's citations, sorted by where they start: what citationsInOrder must give. */
function sortedByHand(res: Resolution): Citation[] {
  const all = [
    ...(res.title?.citations ?? []),
    ...res.heading.flatMap((h) => h.citations),
    ...paragraphs(res).flatMap((p) => p.citations),
    ...res.footnotes.flatMap((f) => f.citations),
  ];
  return all.sort((a, b) => a.span.start - b.span.start);
}

/** A draft: a heading line that cites, a title that cites, paragraphs, a footnote block inside a paragraph (a PDF's page foot). */
const DRAFT = [
  'A/C.1/79/L.43',
  '根据 A/79/408 号文件提交',
  '第 78/46 号决议的后续行动',
  '',
  '大会，',
  '',
  '   回顾其 2023 年 12 月 4 日第 78/46 号决议和第 77/51 号决议，并注意到秘书长的报告 A/79/100',
  '1',
  '__________',
  '1 见 A/79/1 和第 76/30 号决议。',
  '',
  '   和 S/2024/10 号文件，',
  '',
  '   1. 决定继续审议第 75/8 号决议。',
].join('\n');

describe('citations in source order and at an offset', () => {
  const texts: [string, string][] = [
    ...['A-RES-58-241.txt', 'A-RES-61-66.txt', 'A-RES-72-57.md', 'A-RES-79-40.txt'].map((f): [string, string] => [f, readFileSync(path.join(SEEDS, f), 'utf8')]),
    ['a draft whose heading and title cite', DRAFT],
    ['the draft flattened onto one line', DRAFT.replace(/\n/g, ' ')],
    ['the draft in Traditional characters', DRAFT.replace(/决议/g, '決議').replace(/审议/g, '審議')],
  ];
  for (const [name, text] of texts) {
    it(`${name}: read in order, they are every part's citations sorted; each is found at its offsets`, () => {
      const res = parseResolution(text);
      const expected = sortedByHand(res);
      assert.ok(expected.length > 0, 'the text cites');
      assert.deepStrictEqual([...citationsInOrder(parseResolution(text))], expected);
      assert.deepStrictEqual(parseResolution(text).citations, expected);
      const fresh = parseResolution(text);
      for (const c of expected) {
        assert.deepStrictEqual(citationAt(fresh, c.span.start), c, `${c.symbol} at its first character`);
        assert.deepStrictEqual(citationAt(fresh, c.span.end - 1), c, `${c.symbol} at its last character`);
      }
      // Where no citation stands: nothing.
      const cited = new Set(expected.flatMap((c) => Array.from({ length: c.span.end - c.span.start }, (_, i) => c.span.start + i)));
      for (let o = 0; o < text.length; o += 7) if (!cited.has(o)) assert.strictEqual(citationAt(fresh, o), undefined, `offset ${o}`);
    });
  }

  it('a heading line and a draft title keep their citations; a footnote inside a paragraph is read in its place', () => {
    const res = parseResolution(DRAFT);
    const symbols = [...citationsInOrder(res)].map((c) => c.symbol);
    assert.deepStrictEqual(symbols, ['A/79/408', 'A/RES/78/46', 'A/RES/78/46', 'A/RES/77/51', 'A/79/100', 'A/79/1', 'A/RES/76/30', 'S/2024/10', 'A/RES/75/8']);
    // The footnote stands inside the first paragraph's span.
    const [pp1] = res.preambular;
    assert.ok(res.footnotes[0].span.start > pp1.span.start && res.footnotes[0].span.end < pp1.span.end, 'the footnote block is inside PP1');
  });

  it('taking the first citations of a long draft reads as many paragraphs as they need', () => {
    // Timing-free: a paragraph whose text cannot be assembled would throw when read.
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? `${i}. 决定设立工作组；` : '回顾其第 78/46 号决议，'));
    const res = parseResolution(lines.join('\n'));
    const read = new Set<object>();
    for (const p of paragraphs(res)) {
      const citations = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(p), 'citations')!.get!;
      Object.defineProperty(p, 'citations', { get: () => (read.add(p), citations.call(p)) });
    }
    const first = [];
    for (const c of citationsInOrder(res)) if (first.push(c) === 10) break;
    assert.strictEqual(first.length, 10);
    assert.ok(read.size <= 21, `${read.size} paragraphs read for 10 citations`);
    assert.strictEqual(citationAt(res, res.operative[5000].span.start + 4)?.symbol, undefined);
    assert.ok(read.size <= 22, `${read.size} paragraphs read for one hover`);
  });
});
