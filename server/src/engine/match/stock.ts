// Stock phrases of the field: wording so common in these resolutions that sharing it says
// nothing about reuse. Their k-grams are never indexed and never make a candidate on their
// own; in scores their characters count for little (see echo.ts). The index adds to this
// list the fingerprints that turn out common in the corpus (see index.ts, isCommon).
// Phrases shorter than K characters cannot make a fingerprint alone and need no entry.
import { normalizedText } from './normalize';
import { K, kgramHashes } from './winnow';

export const STOCK_PHRASES: readonly string[] = [
  // The instruments, the conferences and the meetings, by their full names.
  '《从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领》',
  '联合国审查从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领执行进度大会',
  '联合国审查从各方面防止、打击和消除小武器和轻武器非法贸易的行动纲领执行进度大会',
  '各国审议从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领执行情况',
  '各国审议从各方面防止、打击和消除小武器和轻武器非法贸易的行动纲领执行情况',
  '防止、打击和消除小武器和轻武器的非法贸易',
  '联合国小武器和轻武器非法贸易各方面问题大会',
  '《使各国能够及时和可靠地识别和追查非法小武器和轻武器的国际文书》',
  '《使各国能够及时可靠地识别和追查非法小武器和轻武器国际文书》',
  '《行动纲领》和《国际追查文书》',
  '行动纲领执行支助系统',
  // The subject and the recurring formulas.
  '小武器和轻武器非法贸易的各方面问题',
  '小武器和轻武器的非法贸易',
  '区域和次区域组织',
  '国家、区域和国际各级',
  '国家、区域和全球各级',
  '国家、次区域和区域各级',
  '国际合作和援助',
  '国际合作与援助',
  '有能力的国家',
  '相关国际和区域组织',
  '各国双年度会议',
  '秘书处裁军事务厅',
  '在现有资源范围内',
  '秘书长的报告',
  '全面有效执行',
];

const STOCK_KGRAMS: ReadonlySet<number> = new Set(
  STOCK_PHRASES.flatMap((p) => Array.from(kgramHashes(normalizedText(p), K))),
);

/** Whether a k-gram hash belongs to a built-in stock phrase. */
export function isStockKgram(hash: number): boolean {
  return STOCK_KGRAMS.has(hash);
}

/** Changes whenever the list does: a cached index built with another list is stale. */
export function stockSignature(): number {
  let h = 0x811c9dc5;
  for (const p of STOCK_PHRASES) for (let i = 0; i <= p.length; i++) h = Math.imul(h ^ (p.charCodeAt(i) || 0), 0x01000193);
  return h >>> 0;
}
