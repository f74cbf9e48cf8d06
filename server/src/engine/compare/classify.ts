// What kind of change a paragraph went through from the predecessor to the draft.
import { normalizedText } from '../match/normalize';

export type ParagraphClass = 'unchanged' | 'technical' | 'changed' | 'new' | 'dropped';

/**
 * The text as a reader compares wording: no whitespace (`2023 年` = `2023年`), full-width forms
 * as half-width (NFKC), and without the closing `，` `；` `。`, which follows the paragraph's place
 * (the last operative paragraph ends with `。`), not its wording.
 */
export function layoutFree(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/[,;.。]+$/u, '');
}

/**
 * `unchanged`: the same wording (see layoutFree). `technical`: the same once dates, numbers,
 * resolution numbers, document symbols and session or meeting ordinals (`第七十二届`, `第四次`)
 * are set aside — the echo search's normalisation, under which `第 71/48 号决议` and
 * `第 78/46 号决议` read alike; this is what the General Assembly calls a technical update.
 * Anything else is `changed`, the 又/还 of a verb included.
 */
export function classifyPair(predecessor: string, draft: string): 'unchanged' | 'technical' | 'changed' {
  if (layoutFree(predecessor) === layoutFree(draft)) return 'unchanged';
  return normalizedText(predecessor) === normalizedText(draft) ? 'technical' : 'changed';
}
