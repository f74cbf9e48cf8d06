// Suppressions in place (engine/suppressions.ts has the comment's form): findings a comment
// disables are left out; a comment naming an unknown code is itself a finding; and every finding
// inside a paragraph gets the quick fix that writes the comment for it.
import { DiagnosticSeverity } from 'vscode-languageserver-types';

/**
 * The kind of the fix that writes a suppression comment: a quick fix still (the editor lists it
 * with the others), told apart from those that correct the text (SARIF's `fixes` leave it out).
 */
export const DISABLE_FIX_KIND = 'quickfix.unres.disable';
import { Paragraph, paragraphs } from '../engine/model';
import { DISABLE_FILE, DISABLE_NEXT_PARAGRAPH, Suppression, findSuppressions } from '../engine/suppressions';
import { FINDING_CODES, SUPPRESSION_UNKNOWN } from './codes';
import { DraftDocument } from './document';
import { Finding, Fix, finding, paragraphLocator } from './findings';

/** The findings that no suppression comment of `doc` disables, each with a fix that would (suppressionFindings has the comments' own). */
export function applySuppressions(doc: DraftDocument, findings: Finding[]): Finding[] {
  const { wholeFile, byParagraph, eol } = commentsOf(doc);
  const paragraphOf = paragraphLocator(doc);
  const out: Finding[] = [];
  for (const f of findings) {
    const code = String(f.diagnostic.code);
    if (wholeFile.some((s) => disables(s, code))) continue;
    const p = paragraphOf(f);
    const own = p ? byParagraph.get(p) ?? [] : [];
    if (own.some((s) => disables(s, code))) continue;
    out.push(p ? { ...f, fixes: [...f.fixes, disableFix(doc, p, own[own.length - 1], code, eol)] } : f);
  }
  return out;
}

/** The suppression comments' unknown directives and codes. */
export function suppressionFindings(doc: DraftDocument): Finding[] {
  const out: Finding[] = [];
  for (const s of commentsOf(doc).comments) {
    if (s.scope === 'unknown') {
      const c = s.codes[0];
      out.push(
        finding(doc, c.span, SUPPRESSION_UNKNOWN, DiagnosticSeverity.Warning,
          `未知的指令“${c.code}” / Unknown directive “${c.code}”: write ${DISABLE_NEXT_PARAGRAPH} or ${DISABLE_FILE}`, [], { directive: c.code }),
      );
      continue;
    }
    for (const c of s.codes) {
      if (FINDING_CODES.includes(c.code)) continue;
      out.push(
        finding(doc, c.span, SUPPRESSION_UNKNOWN, DiagnosticSeverity.Warning,
          `未知的检查代码“${c.code}” / Unknown check code “${c.code}”; known: ${FINDING_CODES.join(', ')}`, [], { code: c.code }),
      );
    }
  }
  return out;
}

interface Comments {
  comments: Suppression[];
  wholeFile: Suppression[];
  byParagraph: Map<Paragraph, Suppression[]>;
  /** The text's line break, the one a comment line added takes. */
  eol: string;
}

const commentsOfVersion = new WeakMap<DraftDocument, Comments>();

/**
 * The document's suppression comments, read once per parsed version: a long check applies them
 * slice by slice, and each slice would otherwise scan the whole text again.
 */
function commentsOf(doc: DraftDocument): Comments {
  let c = commentsOfVersion.get(doc);
  if (!c) {
    const comments = findSuppressions(doc.text);
    c = { comments, wholeFile: comments.filter((s) => s.scope === 'file'), byParagraph: commentsByParagraph(doc, comments), eol: lineBreak(doc.text) };
    commentsOfVersion.set(doc, c);
  }
  return c;
}

function disables(s: Suppression, code: string): boolean {
  return s.codes.length === 0 || s.codes.some((c) => c.code === code);
}

/** Each `unres-disable-next-paragraph` comment under the paragraph it comes before. */
function commentsByParagraph(doc: DraftDocument, comments: Suppression[]): Map<Paragraph, Suppression[]> {
  const map = new Map<Paragraph, Suppression[]>();
  const next = comments.filter((s) => s.scope === 'next-paragraph');
  if (next.length === 0) return map;
  const paras = paragraphs(doc.resolution).slice().sort((a, b) => a.span.start - b.span.start);
  let i = 0;
  for (const s of next) {
    while (i < paras.length && paras[i].span.start < s.line.end) i++;
    if (i === paras.length) break;
    const list = map.get(paras[i]) ?? [];
    list.push(s);
    map.set(paras[i], list);
  }
  return map;
}

/**
 * `<!-- unres-disable-next-paragraph CODE -->` on a line of its own before the paragraph, or
 * CODE added to the comment the paragraph already has: an edit of that line only.
 */
function disableFix(doc: DraftDocument, p: Paragraph, existing: Suppression | undefined, code: string, eol: string): Fix {
  // Every finding of a paragraph has this fix, and diagnostics never need its edit: it is made
  // when first asked for (a 100,000-line draft has 133,000 findings).
  let edits: Fix['edits'] | undefined;
  return {
    title: disableTitle(code),
    kind: DISABLE_FIX_KIND,
    get edits() {
      if (edits) return edits;
      if (existing) return (edits = [{ span: { start: existing.insertAt, end: existing.insertAt }, newText: ` ${code}` }]);
      const lineStart = doc.lines.offsetAt({ line: doc.lines.positionAt(p.span.start).line, character: 0 });
      return (edits = [{ span: { start: lineStart, end: lineStart }, newText: `<!-- ${DISABLE_NEXT_PARAGRAPH} ${code} -->${eol}` }]);
    },
  };
}

const disableTitles = new Map<string, string>();

function disableTitle(code: string): string {
  let title = disableTitles.get(code);
  if (!title) disableTitles.set(code, (title = `在此段停用“${code}”检查 / Disable ${code} for this paragraph`));
  return title;
}

/** The text's first line break, the one a line added to it takes. */
function lineBreak(text: string): string {
  const m = /\r\n?|\n/.exec(text);
  return m ? m[0] : '\n';
}
