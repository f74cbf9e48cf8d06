// Suppression comments: a drafter's "yes, deliberately", written in the draft itself as an HTML
// comment, which survives in plain text and Markdown (where it is not rendered):
//
//   <!-- unres-disable-next-paragraph echo repeat -->   the paragraph that follows
//   <!-- unres-disable verb-prefix -->                   the whole draft
//
// Without codes, every check is disabled for its scope. Codes are separated by spaces or commas.
// A comment stands on a line of its own; the parser skips such lines (COMMENT_LINE), so a
// comment is never read as a paragraph or as part of one.
import { Line, splitLines } from './lines';
import { Span } from './model';

/** A line that is one HTML comment and nothing else: never part of the resolution's text. */
export const COMMENT_LINE = /^[ \t\u3000]*<!--.*-->[ \t\u3000]*$/;

/** `<!-- unres-…`: a comment meant for unres, a directive or a misspelt one. */
const UNRES_COMMENT = /^[ \t\u3000]*<!--[ \t\u3000]*(unres-[^\s,]*?)(?=[\s,]|-->)/;
const DIRECTIVE = /^([ \t\u3000]*<!--[ \t\u3000]*)(unres-disable(?:-next-paragraph)?)(?=[\s,]|-->)(.*)-->[ \t\u3000]*$/;

export type SuppressionScope = 'file' | 'next-paragraph';

export interface Suppression {
  /** `unknown`: a comment line opening with `unres-` that is not one of the two directives. */
  scope: SuppressionScope | 'unknown';
  /** The codes named, each with its span in the source; none means every check. For `unknown`, the misspelt directive. */
  codes: { code: string; span: Span }[];
  /** The whole line of the comment, without its line break. */
  line: Span;
  /** Where a code added to the comment goes: after the last code (or the directive), before `-->`. */
  insertAt: number;
}

export const DISABLE_NEXT_PARAGRAPH = 'unres-disable-next-paragraph';
export const DISABLE_FILE = 'unres-disable';

/** The suppression comments of a text, in order. Linear; never throws. */
export function findSuppressions(text: string): Suppression[] {
  // Cheap way out for the usual draft, which has none.
  if (!text.includes('unres-disable')) return [];
  const out: Suppression[] = [];
  for (const line of splitLines(text)) {
    const s = readDirective(line);
    if (s) out.push(s);
  }
  return out;
}

function readDirective(line: Line): Suppression | undefined {
  const m = DIRECTIVE.exec(line.text);
  if (!m) {
    const u = COMMENT_LINE.test(line.text) ? UNRES_COMMENT.exec(line.text) : null;
    if (!u) return undefined;
    const start = line.start + u[0].length - u[1].length;
    const span = { start, end: start + u[1].length };
    return { scope: 'unknown', codes: [{ code: u[1], span }], line: { start: line.start, end: line.end }, insertAt: span.end };
  }
  const listStart = line.start + m[1].length + m[2].length;
  const codes: { code: string; span: Span }[] = [];
  const word = /[^\s,]+/g;
  let w: RegExpExecArray | null;
  while ((w = word.exec(m[3]))) codes.push({ code: w[0], span: { start: listStart + w.index, end: listStart + w.index + w[0].length } });
  return {
    scope: m[2] === DISABLE_FILE ? 'file' : 'next-paragraph',
    codes,
    line: { start: line.start, end: line.start + line.text.length },
    insertAt: codes.length ? codes[codes.length - 1].span.end : listStart,
  };
}
