// Tracked documents for the tests of the Word output (test/unit/trackedDocx.test.ts and, in
// LibreOffice, test/office/trackedDocx.test.ts): random ones for property tests, and an example
// made of the paragraphs of A/RES/72/57 with the changes A/RES/79/40 made to them.
import fc from 'fast-check';
import { TrackedDocument, TrackedRun } from '../../server/src/node/docx/trackedDocx';

const CHARS = [...'大会回顾其决议强调必须继续全面执行行动纲领重申各国小武器和轻武器非法贸易，。；：“”《》（）()、0123456789/ AbRES<&>"\'又\t'];

/** Random runs of Chinese text (with digits, symbols and XML's special characters). */
const runArb: fc.Arbitrary<TrackedRun> = fc.record({
  kind: fc.constantFrom<TrackedRun['kind']>('same', 'ins', 'del'),
  text: fc.oneof({ weight: 9, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 30 }) }, { weight: 1, arbitrary: fc.constantFrom('', '\n', '第 78/46 号\n决议') }),
});

/** Paragraphs that are new or dropped whole (all their runs inserted or deleted) as often as changed ones. */
const paragraphArb = fc.oneof(
  fc.array(runArb, { maxLength: 8 }).map((runs) => ({ runs })),
  fc.tuple(fc.constantFrom<'ins' | 'del'>('ins', 'del'), fc.array(runArb, { minLength: 1, maxLength: 3 })).map(([kind, runs]) => ({ runs: runs.map((r) => ({ ...r, kind })) })),
);

export const trackedDocumentArb: fc.Arbitrary<TrackedDocument> = fc.record({
  title: fc.option(fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 20 }), { nil: undefined }),
  author: fc.constantFrom('unres', '张三', 'A & B <sponsors>'),
  date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
  paragraphs: fc.array(paragraphArb, { maxLength: 12 }),
});

export const P = (...runs: Array<[TrackedRun['kind'], string]>) => ({ runs: runs.map(([kind, text]) => ({ kind, text })) });

/**
 * A/RES/72/57 with the changes A/RES/79/40 made to it, in its first seven preambular paragraphs
 * and its last operative one (the wording of the seeds; the changes marked by hand, word by word).
 */
export const EXAMPLE: TrackedDocument = {
  title: 'A/RES/79/40 与 A/RES/72/57 的比较',
  author: 'unres',
  date: new Date('2024-10-30T09:00:00Z'),
  paragraphs: [
    P(['same', '大会，']),
    P(['same', '回顾其 '], ['del', '2016 年 12 月 5 日第 71/48'], ['ins', '2023 年 12 月 4 日第 78/46'], ['same', ' 号决议及以往所有'], ['del', '有关'], ['ins', '关于'], ['same', '小武器和轻武器非法贸易'], ['del', '的'], ['same', '各方面问题的决议，包括 2001 年 12 月 24 日第 56/24 V 号决议，']),
    P(['same', '强调必须继续全面执行联合国小武器和轻武器非法贸易各方面问题大会通过的《从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领》，并确认'], ['del', '它'], ['ins', '《行动纲领》'], ['same', '对这方面国际努力的重大贡献，']),
    P(['same', '又强调必须继续全面执行《使各国能够及时和可靠地识别和追查非法小武器和轻武器的国际文书》(《国际追查文书》)，']),
    P(['same', '回顾各国承诺将《行动纲领》'], ['del', '视为'], ['ins', '作为'], ['same', '在国际社会活动中采取措施从各个方面防止、打击和消除小武器和轻武器非法贸易的主要框架，']),
    P(['same', '着重指出各国需要加强努力，建设'], ['del', '本国'], ['same', '有效执行《行动纲领》和《国际追查文书》的'], ['ins', '国家'], ['same', '能力，']),
    P(['same', '念及《行动纲领》各次后续会议通过的成果的执行情况，']),
    P([
      'del',
      '回顾 2015 年 6 月 1 日至 5 日在纽约举行的关于从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领执行情况的第二次不限成员名额政府专家会议，以及 2016 年 6 月 6 日至 10 日在纽约举行的各国审议从各方面防止、打击和消除小武器和轻武器非法贸易的行动纲领执行情况第六次双年度会议，审议了全面有效执行《行动纲领》的情况，并欣见第六次双年度会议通过的最后文件，',
    ]),
    P(['ins', '欢迎 2024 年 6 月 17 日至 28 日在纽约成功召开第四次联合国审查从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领执行进度大会及其成果，']),
    P(['del', '23'], ['ins', '36'], ['same', '. 决定在大会第'], ['del', '七十三'], ['ins', '八十'], ['same', '届会议临时议程题为“全面彻底裁军”的项目下列入题为“小武器和轻武器非法贸易的各方面问题”的分项。']),
  ],
};

