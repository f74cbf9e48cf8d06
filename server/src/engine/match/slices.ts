// Long computations (rebuilding, encoding and decoding an index of a large corpus) written once,
// as generators that `yield` at points where they may pause, and run either in one go or in
// slices between which the caller's event loop runs: the caller passes the pause (`yieldNow`,
// e.g. lsp/pause.ts in the server).

/** Resolves after the host has had a chance to do other work (answer a request, say). */
export type YieldNow = () => Promise<void>;

/** A computation that yields (anything) where it may pause and returns its result. */
export type Steps<T> = Generator<unknown, T, undefined>;

/** Items (postings, terms, paragraphs) handled between two points where long index work may pause. */
export const STEP = 1 << 15;

/** Work done between two pauses when run in slices, in milliseconds (tests set 0: pause at every step). */
export const SLICE = { ms: 20 };

/** Runs `steps` to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs `steps` in slices of about `sliceMs`, awaiting `yieldNow` between them. `resumable` is
 * asked after every pause: when it returns false (what the computation reads changed
 * meanwhile), the computation is abandoned and `undefined` returned; otherwise `{ value }`.
 */
export async function runStepsSliced<T>(
  steps: Steps<T>,
  yieldNow: YieldNow,
  resumable: () => boolean = () => true,
  sliceMs = SLICE.ms,
): Promise<{ value: T } | undefined> {
  let start = Date.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return { value: r.value };
    if (Date.now() - start >= sliceMs) {
      await yieldNow();
      if (!resumable()) {
        steps.return(undefined as never);
        return undefined;
      }
      start = Date.now();
    }
  }
}

/**
 * For a loop of small pieces of work: call it (and await it) after each piece; it pauses
 * (awaits `yieldNow`) once about `sliceMs` have passed since the last pause: SLICE.ms by
 * default, and never more (tests set SLICE.ms to 0 to pause at every step).
 */
export function pacer(yieldNow: YieldNow, sliceMs?: number): () => Promise<void> {
  let start = Date.now();
  return async () => {
    if (Date.now() - start < Math.min(sliceMs ?? SLICE.ms, SLICE.ms)) return;
    await yieldNow();
    start = Date.now();
  };
}
