// Does a plain-text (or Markdown) document look like a UN resolution in Chinese?
// A cheap check on the first lines, run when such a document opens, so that the client can offer
// to check it with unres (extension.ts; it never switches without the user's consent or setting).
// Pure: no vscode import, so that test/unit/client.test.ts can check it.
import { matchVerb } from '../../shared/verbs';

/** Lines looked at: the opening and the first paragraphs are always near the top. */
export const MAX_LINES = 200;
/** Characters looked at, whatever the lines: a huge file costs no more than a small one. */
const MAX_CHARS = 20_000;

/** The opening of the General Assembly's, the Security Council's, the Human Rights Council's or ECOSOC's resolutions, in either script. */
const OPENING = /^(?:\*\*)?(?:大[会會]|安全理事[会會]|人[权權]理事[会會]|[经經][济濟]及社[会會]理事[会會]|[经經]社理事[会會])(?:\*\*)?\s*[，,]\s*$/;
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
  /** Numbered lines whatever their verb (a Traditional `1. 決定…` included). */
  numbered: number;
}

export function resolutionSigns(text: string): ResolutionSigns {
  const signs: ResolutionSigns = { opening: false, title: false, draftLine: false, operative: 0, preambular: 0, numbered: 0 };
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
        signs.numbered++;
        if (matchVerb(op[1].replace(/^\*\*/, ''))) signs.operative++;
      } else if (matchVerb(line.replace(/^\*\*/, ''))) signs.preambular++;
    }
  }
  return signs;
}

/**
 * True for a text with an opening (`大会，`, `安全理事会，`, `人權理事會，`…) and paragraphs opening
 * with the usual verbs or numbered (the verbs are listed in Simplified characters only), or with
 * a title line (`79/40. …`) or a sponsors' line (`…：决议草案`) and at least two operative
 * paragraphs. Ordinary prose that happens to start a line with 回顾 or 1. does not pass.
 */
export function looksLikeResolution(text: string): boolean {
  const s = resolutionSigns(text);
  if (s.opening) return s.operative + s.preambular >= 2 || s.numbered >= 2;
  return (s.title || s.draftLine) && s.operative >= 2;
}
