// Small drafts shared by protocol tests.

/** A/RES/72/57 PP4 and OP1 typed as a draft: both echo A-RES-72-57.md. */
export const DRAFT_72_57_PP4_OP1 = [
  '大会，',
  '回顾各国承诺将《行动纲领》视为在国际社会活动中采取措施从各个方面防止、打击和消除小武器和轻武器非法贸易的主要框架，',
  '1. 着重指出要解决小武器和轻武器非法贸易的各方面问题，就要在国家、区域和国际各级作出协调一致的努力来防止、打击和消除小武器和轻武器的非法制造、转让和流通；',
  '',
].join('\n');
