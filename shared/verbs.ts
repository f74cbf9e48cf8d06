// The verb phrases that open preambular and operative paragraphs, and the 又/还 convention.
//
// The lists are the standard vocabulary of General Assembly resolutions in Chinese (those seen in
// the seeds and the common others, older texts' and other bodies' too); the corpus ranks them, it
// does not have to contain them. They are Simplified: a Traditional text is matched on its
// Simplified view (server/src/engine/script.ts). Pure, no import: the client reads them too.

export const PREAMBULAR_VERBS: readonly string[] = [
  '回顾', '回顾其', '忆及', '重申', '重申其', '强调', '着重指出', '重点指出', '念及', '铭记',
  '注意到', '表示注意到', '满意地注意到', '关切地注意到', '遗憾地注意到', '赞赏地注意到',
  '欢迎', '欣见', '认识到', '确认', '承认', '肯定', '深信', '确信', '相信', '认为', '考虑到',
  '意识到', '深为关切', '深感关切', '关切', '表示关切', '震惊', '深感震惊', '申明', '赞赏',
  '表示赞赏', '赞扬', '审议了', '希望', '决心', '获悉', '深感遗憾', '痛惜', '回顾到', '知悉',
  // Older General Assembly texts, the Security Council and the Human Rights Council.
  '鉴于', '有鉴于', '认定', '断定', '察悉', '深知', '顾及', '遵循', '深切关注', '严重关切',
];

export const OPERATIVE_VERBS: readonly string[] = [
  '着重指出', '确认', '强调', '促请', '吁请', '呼吁', '敦促', '鼓励', '核可', '核准', '决定',
  '请', '邀请', '请求', '要求', '回顾', '重申', '欢迎', '注意到', '表示注意到', '满意地注意到',
  '遗憾的是', '赞赏', '表示赞赏', '赞扬', '感谢', '表示感谢', '支持', '建议', '赞同', '认可',
  '授权', '宣布', '谴责', '强烈谴责', '表示关切', '深表关切', '申明', '重申其', '回顾其', '认识到',
  '欣见', '承认', '肯定', '认定', '断定',
];

/** Prefixes that mark a repeated or continued verb; the longest first. */
export const VERB_PREFIXES: readonly string[] = ['继续', '再次', '又', '还', '并', '也'];

const ALL_VERBS = [...new Set([...PREAMBULAR_VERBS, ...OPERATIVE_VERBS])].sort((a, b) => b.length - a.length);
/**
 * ALL_VERBS by first character, in ALL_VERBS's order (longest first): the parser asks of every
 * line and paragraph, and a scan of the whole list was a tenth of a long draft's parse.
 */
const VERBS_BY_FIRST = new Map<string, string[]>();
for (const v of ALL_VERBS) {
  const list = VERBS_BY_FIRST.get(v[0]);
  if (list) list.push(v);
  else VERBS_BY_FIRST.set(v[0], [v]);
}

export interface VerbMatch {
  /** Length of the whole verb phrase, prefix included. */
  length: number;
  prefix: string;
  /** The verb without prefix and without a trailing 其. */
  base: string;
  /** The verb as listed (without prefix), e.g. `回顾其`. */
  verb: string;
}

/**
 * Recognises a verb phrase at the start of `text`: an optional prefix (又, 还, 继续…) then a
 * listed verb, longest first. `并` alone never opens a paragraph, so it is only taken as a
 * prefix when `allowAnd` is set.
 */
export function matchVerb(text: string, allowAnd = false): VerbMatch | undefined {
  for (const prefix of ['', ...VERB_PREFIXES]) {
    if (!text.startsWith(prefix)) continue;
    if (prefix === '并' && !allowAnd) continue;
    const verb = VERBS_BY_FIRST.get(text[prefix.length])?.find((v) => text.startsWith(v, prefix.length));
    if (verb) return { length: prefix.length + verb.length, prefix, base: baseOf(verb), verb };
  }
  return undefined;
}

/** 回顾其 → 回顾: the possessive does not make another verb for the 又/还 convention. */
export function baseOf(verb: string): string {
  return verb.length > 2 && verb.endsWith('其') ? verb.slice(0, -1) : verb;
}

/**
 * The prefix the convention asks for, given how many paragraphs in a row before this one
 * opened with the same base verb: 0 → none, 1 → 又, 2 or more → 还.
 */
export function expectedRepeatPrefix(runBefore: number): string {
  if (runBefore <= 0) return '';
  return runBefore === 1 ? '又' : '还';
}
