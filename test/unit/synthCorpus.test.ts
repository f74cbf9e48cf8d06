// The benchmark's corpus generator (bench/synthCorpus.ts): what it writes must be resolutions
// the parser reads as intended, in every layout, or the benchmark measures the wrong thing.
import * as assert from 'assert';
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { parseResolution } from '../../server/src/engine/parse';
import { paragraphs } from '../../server/src/engine/model';
import { Generated, ResolutionGenerator, buildPools, chineseNumber } from '../../bench/synthCorpus';

const SEEDS = path.join(__dirname, '../../../seeds');
const seedTexts = readdirSync(SEEDS)
  .sort()
  .map((f) => readFileSync(path.join(SEEDS, f), 'utf8'));
const pools = buildPools(seedTexts);
const make = (seed: number, n: number): Generated[] => {
  const gen = new ResolutionGenerator(pools, seed);
  return Array.from({ length: n }, () => gen.next());
};

describe('synthetic corpus generator', () => {
  const corpus = make(11, 400);

  it('is deterministic for a seed, and another seed gives another corpus', () => {
    const again = make(11, 50);
    assert.deepStrictEqual(
      again.map((g) => g.text),
      corpus.slice(0, 50).map((g) => g.text),
    );
    assert.notStrictEqual(make(12, 1)[0].text, corpus[0].text);
  });

  it('writes every layout, CRLF in some files, and unique symbols', () => {
    const layouts = new Set(corpus.map((g) => g.layout));
    assert.deepStrictEqual([...layouts].sort(), ['markdown', 'pdf', 'typed']);
    const crlf = corpus.filter((g) => g.text.includes('\r\n')).length;
    assert.ok(crlf > 0 && crlf < corpus.length / 4, `${crlf} CRLF files of ${corpus.length}`);
    assert.strictEqual(new Set(corpus.map((g) => g.expected.symbol)).size, corpus.length);
  });

  it('each resolution parses to its symbol, paragraphs, footnotes and adoption date', () => {
    for (const g of corpus) {
      const r = parseResolution(g.text);
      const e = g.expected;
      const got = { symbol: r.symbol, preambular: r.preambular.length, operative: r.operative.length, footnotes: r.footnotes.length, date: r.closing?.date };
      const want = { symbol: e.symbol, preambular: e.preambular, operative: e.operative, footnotes: e.footnotes, date: e.date };
      assert.deepStrictEqual(got, want, `${g.name} (${g.layout})`);
      assert.deepStrictEqual(
        r.operative.map((p) => p.number),
        Array.from({ length: e.operative }, (_, i) => i + 1),
        g.name,
      );
    }
  });

  it('cites resolutions generated before, mostly in a form the parser reads', () => {
    let intended = 0;
    let found = 0;
    const symbols = new Set(corpus.map((g) => g.expected.symbol));
    for (const g of corpus) {
      const cited = new Set(parseResolution(g.text).citations.map((c) => c.symbol));
      intended += g.expected.cited.length;
      found += g.expected.cited.filter((c) => cited.has(c)).length;
    }
    // Some citations are cut by the mutations (a typo in 号决议), as in real drafts.
    assert.ok(intended > corpus.length, `only ${intended} citations`);
    assert.ok(found / intended > 0.9, `${found} of ${intended} citations read back`);
    const later = corpus.slice(200).flatMap((g) => g.expected.cited);
    assert.ok(later.filter((c) => symbols.has(c)).length / later.length > 0.9, 'citations should name generated resolutions');
  });

  it('mixes paragraphs carried over unchanged with mutated and new ones', () => {
    const seedBodies = new Set(seedTexts.flatMap((t) => paragraphs(parseResolution(t)).map((p) => p.body.text.replace(/[，；。]$/, ''))));
    let same = 0;
    let all = 0;
    for (const g of corpus.slice(0, 100)) {
      for (const p of paragraphs(parseResolution(g.text))) {
        all++;
        if (seedBodies.has(p.body.text.replace(/[，；。]$/, ''))) same++;
      }
    }
    assert.ok(same / all > 0.05 && same / all < 0.6, `${same} of ${all} paragraphs as in a seed`);
  });

  it('writes Chinese session ordinals', () => {
    assert.deepStrictEqual([40, 72, 79, 10, 13].map(chineseNumber), ['四十', '七十二', '七十九', '十', '十三']);
  });
});
