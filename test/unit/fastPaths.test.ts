// The one-pass code paths that a corpus load runs for every paragraph give exactly what the
// reference methods give, on generated resolutions in every layout: the normalised text
// (normalize), the fingerprints (prints = kgramHashes + winnow over that string, distinct,
// stock k-grams left out) and a document's prints as add() takes them; and the parser's
// shortcuts: line patterns not tried on lines that open with Chinese prose, and endsClosed's
// test of the last character before its pattern.
import * as assert from 'assert';
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { ResolutionGenerator, buildPools } from '../../bench/synthCorpus';
import { echoParagraphs, summarize } from '../../server/src/engine/corpus';
import { documentPrints, paragraphFingerprints } from '../../server/src/engine/match/fingerprints';
import { normalize, normalizedCodes, normalizedText } from '../../server/src/engine/match/normalize';
import { isStockKgram } from '../../server/src/engine/match/stock';
import { prints } from '../../server/src/engine/match/winnow';
import { NOT_PROSE, parseResolution, startsWithProse } from '../../server/src/engine/parse';
import { endsClosed } from '../../server/src/engine/cleanText';
import { splitLines } from '../../server/src/engine/lines';

const SEEDS = path.join(__dirname, '../../../seeds');
const seedTexts = readdirSync(SEEDS)
  .sort()
  .map((f) => readFileSync(path.join(SEEDS, f), 'utf8'));

function referencePrints(text: string, prefix?: number): number[] {
  const p = prints(normalize(text, { skipPrefix: prefix }).text);
  const seen = new Set<number>();
  for (const at of p.picks) if (!isStockKgram(p.hashes[at])) seen.add(p.hashes[at]);
  return [...seen];
}

describe('corpus fast paths', () => {
  const gen = new ResolutionGenerator(buildPools(seedTexts), 23);
  const files = [...seedTexts, ...Array.from({ length: 300 }, () => gen.next().text)];
  const docs = files.map((t, i) => summarize(`d${i}`, parseResolution(t)));
  const paragraphs = docs.flatMap(echoParagraphs);
  const odd = ['第 七十三 届会议', '２０２３年１２月４日第７８／４６号决议，', '第七十三', '，；。', '', ' 又 ', 'A/RES/78/46。'];

  it('normalise to the text normalize() gives, tokens and closings included', () => {
    let tokens = 0;
    for (const p of [...paragraphs, ...odd.map((text) => ({ text, verbPrefixLength: 1 }))]) {
      const want = normalize(p.text, { skipPrefix: p.verbPrefixLength }).text;
      assert.strictEqual(String.fromCharCode(...normalizedCodes(p.text, { skipPrefix: p.verbPrefixLength })), want);
      assert.strictEqual(normalizedText(p.text, { skipPrefix: p.verbPrefixLength }), want);
      if (/[\uE000-\uE003]/.test(want)) tokens++;
    }
    assert.ok(tokens > paragraphs.length / 10, `${tokens} paragraphs with placeholders`);
  });

  it('fingerprint a paragraph and a document as the reference method does', () => {
    assert.ok(paragraphs.length > 5000, `${paragraphs.length} paragraphs`);
    for (const p of paragraphs) {
      assert.deepStrictEqual(Array.from(paragraphFingerprints(p.text, p.verbPrefixLength)), referencePrints(p.text, p.verbPrefixLength), p.text);
    }
    for (const d of docs.slice(0, 60)) {
      const ps = echoParagraphs(d);
      const got = documentPrints(ps);
      assert.deepStrictEqual(Array.from(got.counts), ps.map((p) => referencePrints(p.text, p.verbPrefixLength).length));
      assert.deepStrictEqual(Array.from(got.hashes), ps.flatMap((p) => referencePrints(p.text, p.verbPrefixLength)));
    }
  });

  it('skip only line patterns that cannot match, and test a closing as the pattern does', () => {
    const lines = files.flatMap((f) => splitLines(f).map((l) => l.text));
    const crafted = ['\u3000\ufeff 第 1234 次全体会议', ' \u00a0大会，', '\t回顾', '　　1.　请', '**2.** 决定', '<sup>3</sup> 见', '[^4]: 见', '（a） 又', '大会 1', '一二三'];
    let prose = 0;
    for (const t of [...lines, ...crafted]) {
      if (startsWithProse(t)) {
        prose++;
        for (const re of NOT_PROSE) assert.ok(!re.test(t), `${re} matches ${JSON.stringify(t)}`);
      }
    }
    assert.ok(prose > lines.length / 5, `${prose} of ${lines.length} lines`);
    const pattern = /(?:[，,；;。]|(?<![A-Za-z0-9\s])\.)(?:\s*(?:<sup>\s*\d+\s*<\/sup>|\[\^\d+\]|(?<![0-9])[0-9]{1,2}(?![0-9])|\*\*))*\s*$/;
    const tails = ['', '。', '决议，\u3000', '；1', '；123', '，<sup> 2 </sup>', '；[^3] **', '**', '。 **\t', '第 3', '第 a]', '>', '。>', '议程.', '议程. 1', 'Corr.', '16.', ' .', '.'];
    for (const t of [...lines, ...tails]) assert.strictEqual(endsClosed(t), pattern.test(t), JSON.stringify(t));
  });
});
