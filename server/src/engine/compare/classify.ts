// What kind of change a paragraph went through from the predecessor to the draft.

/**
 * The text as a reader compares wording: no whitespace (`2023 年` = `2023年`), full-width forms
 * as half-width (NFKC), and without the closing `，` `；` `。`, which follows the paragraph's place
 * (the last operative paragraph ends with `。`), not its wording.
 */
export function layoutFree(text: string): string {
  // The lookbehind starts the closing run at its first mark only: tried from every mark, a long
  // run followed by text would take quadratic time.
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/(?<![,;.。])[,;.。]+$/u, '');
}

/**
 * What a technical update changes, in layout-free text: dates and their parts (`2023年12月4日`,
 * `2018年`, `至28日`), document symbols (`A/72/98`, `A/RES/71/48`), resolution and decision
 * numbers (`71/48`, `56/24V`) and session or meeting ordinals (`第七十三届`, `第4次`). Other
 * numbers are wording: `10次会议` → `12次会议` changes what the Assembly decides.
 */
const TECHNICAL = new RegExp(
  [
    '\\d{4}年(?:\\d{1,2}月(?:\\d{1,2}日)?)?',
    '\\d{1,2}月(?:\\d{1,2}日)?',
    '\\d{1,2}日',
    '(?<![A-Za-z0-9])[A-Z](?:\\.\\d+)?(?:/[A-Za-z0-9]+(?:\\.[A-Za-z0-9]+)*){2,}',
    '\\d+/\\d+(?:[A-Z](?![A-Za-z]))?',
    '(?<=第)[〇零一二三四五六七八九十百\\d]{1,6}(?=届|次)',
  ].join('|'),
  'g',
);

/**
 * `unchanged`: the same wording (see layoutFree). `technical`: the same once dates, symbols,
 * resolution numbers and session or meeting ordinals are set aside (TECHNICAL): what the General
 * Assembly calls a technical update. Anything else is `changed`, the 又/还 of a verb included.
 */
export function classifyPair(predecessor: string, draft: string): 'unchanged' | 'technical' | 'changed' {
  const a = layoutFree(predecessor);
  const b = layoutFree(draft);
  if (a === b) return 'unchanged';
  return a.replace(TECHNICAL, '\u0000') === b.replace(TECHNICAL, '\u0000') ? 'technical' : 'changed';
}
