// Regular-expression safety: every engine function that runs regular expressions over a draft
// is timed on adversarial inputs (long runs of what its patterns repeat or almost match) at
// size n and 4n. A linear function takes ~4× as long; catastrophic backtracking or a quadratic
// rescan takes ≥16× (or much worse), which the generous bound below still catches. Every run
// must also stay under an absolute cap.
//
// Audit (every RegExp in server/src, by grep): all quantifiers over free text are bounded
// (`{0,3}`, `{1,4}`...) or anchored at one place (`^…$` per line, a literal first character),
// and no unbounded quantifier is nested in another over overlapping characters. The one
// super-linear path found was not a pattern but the citation scanner: an unterminated list
// `第 1/1 号、第 1/1 号、…` (no 决议/决定 at its end) was re-walked from each member, quadratic
// (64 KB took 21 s); fixed in citations.ts by resuming after the list.
import * as assert from 'assert';
import { findCitations } from '../../server/src/engine/citations';
import { endsClosed } from '../../server/src/engine/cleanText';
import { layoutFree } from '../../server/src/engine/compare/classify';
import { parseDate } from '../../server/src/engine/dates';
import { decodeText } from '../../server/src/engine/decode';
import { sliceMapped } from '../../server/src/engine/mapped';
import { normalize } from '../../server/src/engine/match/normalize';
import { parseResolution } from '../../server/src/engine/parse';
import { matchVerb } from '../../server/src/engine/verbs';

/**
 * Absolute cap for one call, whatever the input (the 1 MB and 100,000-line inputs included):
 * about 1 s here on a 2-core VM; the cap leaves room for a slower CI machine and still catches
 * a hang (the n/4n comparisons above catch worse-than-linear growth).
 */
const CAP_MS = 5000;
/** Base size in UTF-16 units (FUZZ_REGEX_N; `npm run fuzz` uses more); the second run is 4× as long. */
const N = Number(process.env.FUZZ_REGEX_N ?? 3000);

function timeOf(f: () => unknown): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The best of a few runs, so that a garbage collection or a JIT pause does not count. */
function best(f: () => unknown, runs = 2): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, timeOf(f));
  return min;
}

/** `unit` repeated to about `n` units, with `tail` after it (what makes a near-match fail). */
function run(unit: string, n: number, head = '', tail = 'x'): string {
  return head + unit.repeat(Math.max(1, Math.ceil(n / unit.length))) + tail;
}

type Target = [name: string, f: (s: string) => unknown];

const targets: Target[] = [
  ['findCitations', (s) => findCitations(sliceMapped(s, 0, s.length))],
  ['parseResolution', (s) => parseResolution(s)],
  ['parseResolution (in a paragraph)', (s) => parseResolution(`大会，\n回顾${s}\n1. 决定${s}。`)],
  ['normalize', (s) => normalize(s)],
  ['matchVerb', (s) => matchVerb(s, true)],
  ['endsClosed', (s) => endsClosed(s)],
  ['parseDate', (s) => parseDate(s)],
  ['decodeText', (s) => decodeText(Buffer.from(s, 'utf8'))],
  ['layoutFree (compare)', (s) => layoutFree(s)],
];

/** Adversarial inputs as functions of a size. */
const inputs: [string, (n: number) => string][] = [
  ['spaces', (n) => run(' ', n)],
  ['ideographic spaces and tabs', (n) => run('\u3000\t ', n)],
  ['digits', (n) => run('1', n)],
  ['full-width digits', (n) => run('１', n)],
  ['digits and slashes', (n) => run('1/', n)],
  ['`第 1/`', (n) => run('第 1/', n)],
  ['`第 1/1 号、` (a list never closed by 决议)', (n) => run('第 1/1 号、', n)],
  ['`2023 年 1 月 1 日第 1/1 号和`', (n) => run('2023 年 1 月 1 日第 1/1 号和', n)],
  ['`号`', (n) => run('号', n)],
  ['`**`', (n) => run('**', n)],
  ['`，**`', (n) => run('，**', n)],
  ['`， ` then text', (n) => run('， ', n)],
  ['`<sup>`', (n) => run('<sup>', n)],
  ['`<sup>1 `', (n) => run('<sup>1 ', n)],
  ['`[^1`', (n) => run('[^1', n)],
  ['`A/`', (n) => run('A/', n)],
  ['`A/1`', (n) => run('A/1', n)],
  ['`A/RES/1/1 `', (n) => run('A/RES/1/1 ', n)],
  ['`A/1.1.`', (n) => run('1.', n, 'A/', '/')],
  ['`A/aaaa…` one segment', (n) => run('a', n, 'A/')],
  ['`_`', (n) => run('_', n)],
  ['`(a)`', (n) => run('(a)', n)],
  ['nested `（`', (n) => run('（', n)],
  ['`回顾` and prefixes', (n) => run('又还继续再次', n)],
  ['`第七十`', (n) => run('第七十', n)],
  ['lone surrogates', (n) => run('\ud800', n)],
  ['short lines', (n) => run('第 1/1 号、\n', n)],
  ['blank and indented lines', (n) => run('\n  1\n\n', n)],
  ['CR only', (n) => run('回顾，\r', n)],
  ['closing marks, then text', (n) => run('。；', n)],
];

describe('fuzz: regular expressions stay linear on adversarial input', function () {
  this.timeout(60000);

  for (const [fname, f] of targets) {
    it(`${fname}: n and 4n take comparable time`, () => {
      const slow: string[] = [];
      for (const [iname, make] of inputs) {
        const small = make(N);
        const large = make(4 * N);
        best(() => f(small), 1); // warm up
        const t1 = best(() => f(small));
        const t4 = best(() => f(large));
        // Linear: ~4×. Allow 12× plus a fixed 60 ms for noise on a busy machine.
        if (t4 > 12 * t1 + 60 || t4 > CAP_MS) slow.push(`${iname}: ${t1.toFixed(1)} ms → ${t4.toFixed(1)} ms`);
      }
      assert.deepStrictEqual(slow, []);
    });
  }

  it('the absolute cap holds for 20,000 nested `（`, 100,000 lines and a 1 MB line', () => {
    const big: [string, string][] = [
      ['nested （', `大会，\n回顾${'（'.repeat(20000)}第 1/1 号${'）'.repeat(20000)}决议，`],
      ['100,000 lines', `大会，\n${Array.from({ length: 100000 }, (_, i) => (i % 3 === 0 ? `${i}. 决定第 ${i}/1 号` : i % 3 === 1 ? '回顾' : '')).join('\n')}`],
      ['100,000 lines (PDF layout)', Array.from({ length: 100000 }, (_, i) => (i % 2 ? ' 1' : '  回顾 A/RES/1/1')).join('\n')],
      ['1 MB line', `大会，\n回顾${'第 78/46 号、A/RES/1/ **<sup>1 '.repeat(35000)}`],
      ['1 MB of spaces', ' '.repeat(1 << 20) + 'x'],
      // One word a megabyte long: a pattern retried from every letter of it is quadratic (hours).
      ['1 MB of letters', `A/${'a'.repeat(1 << 20)}x`],
    ];
    const slow: string[] = [];
    for (const [name, text] of big) {
      for (const [fname, f] of targets.filter(([t]) => t !== 'parseResolution (in a paragraph)')) {
        const t = timeOf(() => f(text));
        if (t > CAP_MS) slow.push(`${fname} on ${name}: ${t.toFixed(0)} ms`);
      }
    }
    assert.deepStrictEqual(slow, []);
  });
});
