// The earlier wording of a paragraph as the two sides of a diff editor. Pure (no vscode), so that
// test/unit/client.test.ts can check it.

/** `unres/earlierWording`'s answer (a type only: nothing of the server is bundled into the client). */
export type { EarlierWordingResponse as EarlierWording } from '../../shared/protocol';
import type { EarlierWordingResponse as EarlierWording } from '../../shared/protocol';

/**
 * A paragraph as lines for a diff: one clause a line, broken after the clause punctuation
 * (`，；。：`, and `,` `;` before a space), so that a diff of two long paragraphs shows which
 * clauses changed rather than one changed line. Removing the added line breaks gives back the text.
 */
export function clauseLines(text: string): string {
  return text.replace(/[，；。：](?=[^\n”’》）)])|[,;](?=\s)/g, '$&\n');
}

/** `A/RES/72/57 PP4`. */
export function sourceTitle(w: EarlierWording): string {
  return `${w.symbol} ${w.paragraph}`;
}

/** The diff editor's title: `A/RES/72/57 PP4 ↔ PP1 (97%)`. */
export function diffTitle(w: EarlierWording): string {
  return `${sourceTitle(w)} ↔ ${w.draftParagraph} (${Math.round(w.score * 100)}%)`;
}
