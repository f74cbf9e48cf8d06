// A finding is a diagnostic together with the fixes that resolve it. Checks return findings;
// diagnostics publish them and code actions recompute them on the current text, so a fix is
// never built from a stale diagnostic.
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { Paragraph, Span, paragraphs } from '../engine/model';
import { DraftDocument, NEVER_STOP, ShouldStop, toRange } from './document';

export interface Fix {
  title: string;
  /** Source spans to replace; each fix edits only what its title says. */
  edits: { span: Span; newText: string }[];
  /** Instead of `edits`: an edit of other files (the accepted-wording list). */
  workspaceEdit?: WorkspaceEdit;
  preferred?: boolean;
  /** The code action's kind; a quick fix by default. */
  kind?: string;
  /**
   * Names a fix whose edit can be large (the renumbering of a long operative part): its code
   * action may be sent without its edit, made when the drafter picks it (`codeAction/resolve`).
   */
  name?: string;
}

export interface Finding {
  diagnostic: Diagnostic;
  fixes: Fix[];
}

export function finding(
  doc: DraftDocument,
  span: Span,
  code: string,
  severity: DiagnosticSeverity,
  message: string,
  fixes: Fix[] = [],
  data?: unknown,
): Finding {
  return { diagnostic: { range: toRange(doc, span), severity, source: 'unres', code, message, data }, fixes };
}

/**
 * A named fix with more text edits than this is sent without them to a client that resolves
 * code actions: the renumbering of a 100,000-line draft is a 10 MB edit, which took longer to
 * send and read than the rest of the answer, at every cursor move.
 */
export const LAZY_FIX_EDITS = 1000;

/** What a code action sent without its edit carries to `codeAction/resolve`. */
export interface LazyFixData {
  uri: string;
  fix: string;
}

/**
 * The fixes of the findings that touch `range`; those not reached before `shouldStop` says stop
 * are left out. `lazy`: the client resolves code actions, so a large named fix goes without its
 * edit (made by the service's resolveCodeAction).
 */
export function toCodeActions(doc: DraftDocument, findings: Finding[], range: Range, shouldStop: ShouldStop = NEVER_STOP, lazy = false): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const f of findings) {
    if (!intersects(f.diagnostic.range, range)) continue;
    if (shouldStop()) break;
    for (const fix of f.fixes) {
      const action: CodeAction = { title: fix.title, kind: fix.kind ?? CodeActionKind.QuickFix, diagnostics: [f.diagnostic], isPreferred: fix.preferred };
      if (lazy && fix.name && fix.edits.length > LAZY_FIX_EDITS) action.data = { uri: doc.uri, fix: fix.name } satisfies LazyFixData;
      else action.edit = fixEdit(doc, fix);
      actions.push(action);
    }
  }
  return actions;
}

/** The workspace edit that applies `fix` to `doc`. */
export function fixEdit(doc: DraftDocument, fix: Fix): WorkspaceEdit {
  if (fix.workspaceEdit) return fix.workspaceEdit;
  return { changes: { [doc.uri]: fix.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } };
}

/** Whether two ranges touch. */
export function intersects(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

const locators = new WeakMap<DraftDocument, (f: Finding) => Paragraph | undefined>();

/**
 * A function giving the paragraph of `doc` in which a finding starts, if any (not in a footnote
 * or the heading); one per parsed version (a long check applies it slice by slice).
 */
export function paragraphLocator(doc: DraftDocument): (f: Finding) => Paragraph | undefined {
  let locate = locators.get(doc);
  if (!locate) locators.set(doc, (locate = newLocator(doc)));
  return locate;
}

function newLocator(doc: DraftDocument): (f: Finding) => Paragraph | undefined {
  const paras = paragraphs(doc.resolution).slice().sort((a, b) => a.span.start - b.span.start);
  return (f) => {
    const at = doc.lines.offsetAt(f.diagnostic.range.start);
    let lo = 0;
    let hi = paras.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paras[mid].span.start <= at) lo = mid;
      else hi = mid - 1;
    }
    const p = paras[lo];
    return p && p.span.start <= at && at <= p.span.end ? p : undefined;
  };
}
