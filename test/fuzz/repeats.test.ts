// Incremental repeat checking (server/src/engine/match/repeats.ts): after any sequence of edits, a
// RepeatFinder kept across versions answers exactly what a search from scratch answers, for
// every paragraph, and it does reuse earlier answers, or it would be no use. Property-based
// (fast-check, FUZZ_SEED and FUZZ_RUNS: `npm run fuzz` goes further), plus cases made so that
// dropping either condition of repeats.ts shows.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parseResolution } from '../../server/src/engine/parse';
import { Paragraph, paragraphs } from '../../server/src/engine/model';
import { RepeatFinder } from '../../server/src/engine/match/repeats';
import { params } from './arbitraries';

const SEEDS = path.join(__dirname, '../../../seeds');
const seedBodies = ['A-RES-79-40.txt', 'A-RES-72-57.md'].flatMap((f) =>
  paragraphs(parseResolution(readFileSync(path.join(SEEDS, f), 'utf8'))).map((p) => p.body.text.replace(/[，；。]$/, '')),
);
const allSeedBodies = ['A-RES-79-40.txt', 'A-RES-72-57.md', 'A-RES-58-241.txt', 'A-RES-61-66.txt'].flatMap((f) => paragraphs(parseResolution(readFileSync(path.join(SEEDS, f), 'utf8'))).map((p) => p.body.text));
/** Few distinct texts, so that drafts repeat themselves and share wording (common fingerprints too). */
const POOL = seedBodies.slice(0, 14);
const OPTS = { limit: 5, threshold: 0.3 };

const draftText = (bodies: string[]) => `大会，\n${bodies.map((b) => `${b}，`).join('\n')}\n`;
const parse = (bodies: string[]): Paragraph[] => paragraphs(parseResolution(draftText(bodies)));

type Edit =
  | { kind: 'type'; para: number; at: number; text: string }
  | { kind: 'delete'; para: number; at: number; length: number }
  | { kind: 'replace'; para: number; with: number }
  | { kind: 'paste'; para: number; from: number; at: number }
  | { kind: 'two'; para: number; other: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('type' as const), para: fc.nat(), at: fc.nat(), text: fc.constantFrom('国', '合作', '，并', '小武器和轻武器', '执行《行动纲领》', '又') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), para: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), para: fc.nat(), with: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('paste' as const), para: fc.nat(), from: fc.nat(), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('two' as const), para: fc.nat(), other: fc.nat(), text: fc.constantFrom('国', '，以及各国') }) },
);

function apply(bodies: string[], e: Edit): string[] {
  const out = bodies.slice();
  const i = e.para % out.length;
  const b = out[i];
  const at = (n: number) => n % (b.length + 1);
  switch (e.kind) {
    case 'type':
      out[i] = b.slice(0, at(e.at)) + e.text + b.slice(at(e.at));
      break;
    case 'delete':
      // Never down to nothing: an empty line is no paragraph, and the count would change.
      if (b.length > e.length + 4) out[i] = b.slice(0, at(e.at)) + b.slice(at(e.at) + e.length);
      break;
    case 'replace':
      out[i] = POOL[e.with % POOL.length];
      break;
    case 'paste': {
      const src = out[e.from % out.length];
      const clause = src.slice(0, Math.min(src.length, 20));
      out[i] = b.slice(0, at(e.at)) + clause + b.slice(at(e.at));
      break;
    }
    case 'two': {
      out[i] = b + e.text;
      const j = e.other % out.length;
      out[j] = out[j] + e.text;
      break;
    }
  }
  return out;
}

const same = (finder: RepeatFinder, paras: Paragraph[]) => {
  const kept = finder.run(paras, OPTS);
  const fresh = new RepeatFinder().run(paras, OPTS);
  for (let i = 0; i < paras.length; i++) assert.deepStrictEqual(kept.matches(i), fresh.matches(i), `paragraph ${i}`);
  return kept.reused;
};

describe('incremental repeat checking', () => {
  it('answers as a search from scratch after random edits, and reuses answers', function () {
    this.timeout(120000);
    let reused = 0;
    let runs = 0;
    fc.assert(
      // Drafts of 9–40 paragraphs from 3–14 texts: with few texts, wording sits in about 8
      // paragraphs, where an edit elsewhere turns it into common wording or back.
      fc.property(fc.integer({ min: 3, max: POOL.length }), fc.array(fc.nat(), { minLength: 9, maxLength: 40 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (texts, picks, edits) => {
        let bodies = picks.map((k) => POOL[k % texts]);
        const finder = new RepeatFinder();
        same(finder, parse(bodies));
        for (const e of edits) {
          bodies = apply(bodies, e);
          const paras = parse(bodies);
          assert.strictEqual(paras.length, bodies.length);
          reused += same(finder, paras);
          runs++;
        }
      }),
      params(),
    );
    assert.ok(reused > runs, `only ${reused} answers reused in ${runs} runs`);
  });

  it('searches again what an edit may affect: a paragraph made a copy of an earlier one becomes a repeat', () => {
    const bodies = POOL.slice(0, 10);
    const finder = new RepeatFinder();
    const before = finder.run(parse(bodies), OPTS);
    for (let i = 0; i < bodies.length; i++) before.matches(i);
    const copied = bodies.slice();
    copied[7] = bodies[2];
    const after = finder.run(parse(copied), OPTS);
    assert.strictEqual(after.matches(7)[0]?.key.paragraph, '2');
    assert.strictEqual(after.matches(7)[0]?.kind, 'verbatim');
  });

  it('searches again a paragraph whose weights an edit after it changed', () => {
    // A long paragraph made of n clauses, each also an earlier paragraph: more candidates than
    // the index keeps (4·limit + 5 texts: 13 with limit 2), so which are kept depends on every fingerprint's weight,
    // i.e. on how many paragraphs hold it, later ones included. Adding one of the clauses to
    // the paragraph after the long one changes that weight and, for some clause, the answer.
    const clauses = [...new Set(allSeedBodies.flatMap((b) => b.split(/(?<=[，；])/)).filter((c) => c.length >= 30 && c.length <= 60))];
    const TWO = { ...OPTS, limit: 2 };
    let shown = 0;
    for (let n = 19; n <= 26; n++) {
      const draft = [...clauses.slice(0, n).map((c) => `回顾${c}`), `强调${clauses.slice(0, n).join('')}`, '注意到秘书长的报告'];
      for (let pick = 0; pick < n; pick++) {
        const edited = draft.slice();
        edited[n + 1] += clauses[pick];
        const finder = new RepeatFinder();
        const first = finder.run(parse(draft), TWO);
        const before = first.matches(n);
        const kept = finder.run(parse(edited), TWO).matches(n);
        const fresh = new RepeatFinder().run(parse(edited), TWO).matches(n);
        assert.deepStrictEqual(kept, fresh, `${n} clauses, clause ${pick} added after`);
        if (JSON.stringify(before) !== JSON.stringify(fresh)) shown++;
      }
    }
    assert.ok(shown > 0, 'no edit after the long paragraph changed its answer: the case shows nothing');
  });

  it('searches again a paragraph whose wording later paragraphs make common, or no longer common', () => {
    // Paragraph 1 = clause A + clause B reuses paragraph 0 (B). Seven paragraphs after it hold A
    // too: with paragraph 1 that is 8, A is common wording and weighs little in paragraph 1's
    // score. Dropping A from the last one makes it informative again: the score changes
    // though no paragraph up to 1 changed and none of them holds A but paragraph 1 itself.
    const clauses = [...new Set(allSeedBodies.flatMap((b) => b.split(/(?<=[，；])/)).filter((c) => c.length >= 30 && c.length <= 60))];
    const [a, b] = [clauses[0], clauses[3]];
    const fillers = clauses.slice(40, 47);
    const draft = [`回顾${b}`, `强调${a}${b}`, ...fillers.map((f) => `注意到${a}${f}`)];
    const edited = draft.slice();
    edited[8] = `注意到${fillers[6]}`;
    const finder = new RepeatFinder();
    const first = finder.run(parse(draft), OPTS);
    for (let i = 0; i < draft.length; i++) first.matches(i);
    const before = first.matches(1);
    const kept = finder.run(parse(edited), OPTS).matches(1);
    const fresh = new RepeatFinder().run(parse(edited), OPTS).matches(1);
    assert.strictEqual(before[0]?.key.paragraph, '0');
    assert.strictEqual(fresh[0]?.key.paragraph, '0');
    assert.notStrictEqual(fresh[0].score, before[0].score);
    assert.deepStrictEqual(kept, fresh);
  });

  it('an unchanged draft reuses every answer; other settings or a paragraph more search again', () => {
    const paras = parse(POOL.slice(0, 12));
    const finder = new RepeatFinder();
    const first = finder.run(paras, OPTS);
    for (let i = 0; i < paras.length; i++) first.matches(i);
    assert.strictEqual(finder.run(paras, OPTS).reused, paras.length);
    assert.strictEqual(finder.run(paras, { ...OPTS, threshold: 0.5 }).reused, 0);
    assert.strictEqual(finder.run(parse(POOL.slice(0, 13)), { ...OPTS, threshold: 0.5 }).reused, 0);
  });

  it('a paragraph not reached (a stopped run) is searched next time', () => {
    const paras = parse(POOL.slice(0, 12));
    const finder = new RepeatFinder();
    const partial = finder.run(paras, OPTS);
    for (let i = 0; i < 5; i++) partial.matches(i);
    const next = finder.run(paras, OPTS);
    assert.strictEqual(next.reused, 5);
    const fresh = new RepeatFinder().run(paras, OPTS);
    for (let i = 0; i < paras.length; i++) assert.deepStrictEqual(next.matches(i), fresh.matches(i));
  });
});
