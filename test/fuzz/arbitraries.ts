// fast-check generators of drafts made of realistic pieces (verbs, operative numbers, citations,
// dates, Markdown, footnote markers and blocks, page furniture, every kind of line end) mixed
// with arbitrary UTF-16 (lone surrogates included). Seed and number of runs come from the
// environment so that CI is reproducible and `npm run fuzz` goes further:
// FUZZ_SEED (default 42), FUZZ_RUNS (default 100).
import * as fc from 'fast-check';
import { OPERATIVE_VERBS, PREAMBULAR_VERBS, VERB_PREFIXES } from '../../server/src/engine/verbs';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 42);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** Parameters for fc.assert: the fixed seed, the run count (scaled by `share`). */
export function params(share = 1): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(FUZZ_RUNS * share)), endOnFailure: true };
}

/** Any UTF-16 unit, lone surrogates and controls included. */
export const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
export const anyString = fc.string({ unit: anyUnit, maxLength: 12 });

const digit = fc.constantFrom(...'0123456789０１２３４５６７８９');
const digits = (min: number, max: number) => fc.string({ unit: digit, minLength: min, maxLength: max });
const sp = fc.constantFrom('', ' ', '  ', '\u3000', '\t');

export const verb = fc.tuple(fc.constantFrom('', '', '', ...VERB_PREFIXES), fc.constantFrom(...PREAMBULAR_VERBS, ...OPERATIVE_VERBS)).map(([p, v]) => p + v);

export const date = fc.oneof(
  fc.tuple(digits(4, 4), sp, digits(1, 2), sp, digits(1, 2), sp).map(([y, a, m, b, d, c]) => `${y}${a}年${b}${m}${c}月${a}${d}${b}日`),
  fc.constantFrom('2016 年 12 月 5 日', '2016年12月6日', '2023 年 12 月 4 日', '1999 年 2 月 30 日'),
);

export const citation = fc.oneof(
  fc.tuple(fc.option(date, { nil: '' }), fc.constantFrom('第', '第 ', ''), digits(1, 3), fc.constantFrom('/', '／', ' / '), digits(1, 4), fc.constantFrom('', ' V', 'A'), sp, fc.constantFrom('号决议', '号决定', '号', ' 号、第 1/2 号和第 3/4 号决议'))
    .map((xs) => xs.join('')),
  fc.constantFrom('A/RES/78/46', 'A/RES/71/48', 'A/CONF.192/15', 'A/60/88 和 Corr.2', 'S/RES/2220(2015)', 'A/DEC/60/519', 'A/', 'A/C.1/79/L.43'),
);

export const marker = fc.oneof(
  fc.integer({ min: 0, max: 120 }).map((n) => `<sup>${n}</sup>`),
  fc.integer({ min: 0, max: 12 }).map((n) => `[^${n}]`),
  fc.constantFrom('**', '<sup>', '</sup>', '[^', '1', '2 '),
);

const words = fc.constantFrom('小武器和轻武器', '非法贸易', '各方面问题', '《行动纲领》', '会员国', '秘书长', '（a）', '(b)', '，', '；', '。', ',', ';', '.', '：', '、', ' ', '又', '还', '大会', 'A/RES/', '_', '号', '第');

export const piece = fc.oneof(
  { weight: 6, arbitrary: words },
  { weight: 2, arbitrary: citation },
  { weight: 2, arbitrary: date },
  { weight: 2, arbitrary: marker },
  { weight: 1, arbitrary: anyString },
  { weight: 1, arbitrary: verb },
);

export const ending = fc.constantFrom('，', '；', '。', ',', ';', '.', '', '，**', '。<sup>1</sup>', '；[^2]', '， 3');

/** A line as drafts, PDF extractions and Markdown files have them. */
export const line = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom('', '', ' ', '  ', '\u3000', '**'), verb, fc.array(piece, { maxLength: 6 }), ending).map((xs) => xs.flat().join('')) },
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom('', ' ', '**'), digits(1, 3), fc.constantFrom('.', '．', '、', '. ', '.**'), sp, verb, fc.array(piece, { maxLength: 6 }), ending).map((xs) => xs.flat().join('')) },
  { weight: 3, arbitrary: fc.array(piece, { maxLength: 6 }).map((xs) => xs.join('')) },
  { weight: 3, arbitrary: fc.constantFrom('', '', ' ', '\u3000') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '大会，', '**大会**，', '# 大会', '第七十九届会议', '议程项目 99', 'A/C.1/79/L.43', '72/57. 小武器和轻武器非法贸易的各方面问题',
      '小武器和轻武器非法贸易的各方面问题', '中国：决议草案', '[根据第一委员会的报告 (A/79/408)]',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '____', '_____________', ' '.repeat(24), '1', ' 2', '１２', '1 见 A/CONF.192/15。', '<sup>1</sup> 见第 78/46 号决议。', '[^2]: 同上。',
      '[^1]：A/60/88 和 Corr.2。', '  3 《联合国……报告》，第四章，第 24 段。', 'https://undocs.org/ch/A/RES/72/57', 'www.un.org',
      'A/RES/72/57 小武器和轻武器非法贸易的各方面问题', '24-23058', '3/12', '2016 年 12 月 5 日', '第 66 次全体会议', '(a) 分项；', '（b）分项。',
    ),
  },
  { weight: 1, arbitrary: anyString },
);

export const lineEnd = fc.constantFrom('\n', '\n', '\r\n', '\r', '\n\n');

/** A whole draft: lines joined by assorted line ends. */
export const draft = fc
  .array(fc.tuple(line, lineEnd), { maxLength: 30 })
  .map((ls) => ls.map(([l, e]) => l + e).join(''));
