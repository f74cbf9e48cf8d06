// Timing comparisons for tests that guard against a hang or a blow-up. No test asserts a fixed
// number of milliseconds (a busy 2-core machine makes any figure fail now and then): each
// compares two measurements of the same run, taken interleaved so that a burst of load from
// another process falls on both, and keeps the fastest of a few runs (a garbage collection or
// a JIT pause is not the code's cost). Absolute figures are `npm run bench`'s business.
import * as assert from 'assert';

/** Milliseconds `f` took, to the microsecond. */
export function timeOf(f: () => unknown): number {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The fastest of `runs` interleaved runs of `a` and of `b`. */
export function fastestOf(a: () => unknown, b: () => unknown, runs = 3): [number, number] {
  let ta = Infinity;
  let tb = Infinity;
  for (let i = 0; i < runs; i++) {
    ta = Math.min(ta, timeOf(a));
    tb = Math.min(tb, timeOf(b));
  }
  return [ta, tb];
}

/**
 * Asserts that `run(big)` costs at most about as much as `times` runs of `run(small)`, where `big`
 * is `times` times the size of `small`: true of linear work (ratio ~1), false of quadratic work
 * (ratio ~`times`). `slack` is the ratio allowed; 4 with the default 8× leaves room for noise
 * and for n log n, and still fails quadratic growth by a factor of 2.
 */
export function assertLinear(what: string, small: () => unknown, big: () => unknown, times = 8, slack = 4, runs = 3): void {
  const [tSmall, tBig] = fastestOf(
    () => {
      for (let i = 0; i < times; i++) small();
    },
    big,
    runs,
  );
  assert.ok(tBig <= slack * tSmall, `${what}: ${tBig.toFixed(1)} ms at ${times}× the size, against ${tSmall.toFixed(1)} ms for ${times} runs at 1×`);
}

/**
 * Asserts that `big` costs at most `slack` times `small` although its input is far larger: work
 * that reads a bounded part of its input (ratio ~1) rather than all of it (ratio ~ the sizes').
 */
export function assertBounded(what: string, small: () => unknown, big: () => unknown, slack = 10, runs = 5): void {
  const [tSmall, tBig] = fastestOf(small, big, runs);
  // A floor of a tenth of a millisecond: below it the timer, not the code, is measured.
  assert.ok(tBig <= slack * Math.max(tSmall, 0.1), `${what}: ${tBig.toFixed(2)} ms against ${tSmall.toFixed(2)} ms for the small input`);
}
