// Does a plain-text (or Markdown) document look like a General Assembly resolution in Chinese?
// A cheap check on the first lines, run when such a document opens, so that the client can offer
// to check it with unres (extension.ts; it never switches without the user's consent or setting).
// Pure: no vscode import, so that test/unit/client.test.ts can check it.
import { matchVerb } from '../../shared/verbs';

/** Lines looked at: the opening and the first paragraphs are always near the top. */
export const MAX_LINES = 200;
/** Characters looked at, whatever the lines: a huge file costs no more than a small one. */
const MAX_CHARS = 20_000;

const OPENING = /^(?:\*\*)?大会(?:\*\*)?\s*[，,]\s*$/;
const TITLE = /^(?:#{1,6}\s*)?[0-9]{2,3}\/[0-9]{1,4}\s*[.．]\s*\S/;
const DRAFT_LINE = /[：:]\s*决议草案\s*$/;
const OPERATIVE = /^(?:\*\*)?[0-9]{1,3}\s*[.．]\s*(?:\*\*)?\s*(\S.*)$/;

/** What the check found, for the unit tests and for a message that says why. */
export interface ResolutionSigns {
  opening: boolean;
  title: boolean;
  draftLine: boolean;
  /** Lines opening with a numbered paragraph whose verb is a listed one (`1. 决定…`). */
  operative: number;
  /** Lines opening with a listed verb (`回顾其…`, `**又强调**…`). */
  preambular: number;
}

export function resolutionSigns(text: string): ResolutionSigns {
  const signs: ResolutionSigns = { opening: false, title: false, draftLine: false, operative: 0, preambular: 0 };
  const lines = text.slice(0, MAX_CHARS).split(/\r\n|\r|\n/, MAX_LINES);
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (OPENING.test(line)) signs.opening = true;
    else if (TITLE.test(line)) signs.title = true;
    else if (DRAFT_LINE.test(line)) signs.draftLine = true;
    else {
      const op = OPERATIVE.exec(line);
      if (op) {
        if (matchVerb(op[1].replace(/^\*\*/, ''))) signs.operative++;
      } else if (matchVerb(line.replace(/^\*\*/, ''))) signs.preambular++;
    }
  }
  return signs;
}

/**
 * True for a text with the opening `大会，` and paragraphs opening with the usual verbs, or with
 * a title line (`79/40. …`) or a sponsors' line (`…：决议草案`) and at least two operative
 * paragraphs. Ordinary prose that happens to start a line with 回顾 or 1. does not pass.
 */
export function looksLikeResolution(text: string): boolean {
  const s = resolutionSigns(text);
  if (s.opening) return s.operative + s.preambular >= 2;
  return (s.title || s.draftLine) && s.operative >= 2;
}
