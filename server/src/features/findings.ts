// A finding is a diagnostic together with the fixes that resolve it. Checks return findings;
// diagnostics publish them and code actions recompute them on the current text, so a fix is
// never built from a stale diagnostic.
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { Span } from '../engine/model';
import { DraftDocument, NEVER_STOP, ShouldStop, toRange } from './document';

export interface Fix {
  title: string;
  /** Source spans to replace; each fix edits only what its title says. */
  edits: { span: Span; newText: string }[];
  preferred?: boolean;
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

/** The fixes of the findings that touch `range`; those not reached before `shouldStop` says stop are left out. */
export function toCodeActions(doc: DraftDocument, findings: Finding[], range: Range, shouldStop: ShouldStop = NEVER_STOP): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const f of findings) {
    if (!intersects(f.diagnostic.range, range)) continue;
    if (shouldStop()) break;
    for (const fix of f.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [f.diagnostic],
        isPreferred: fix.preferred,
        edit: fixEdit(doc, fix),
      });
    }
  }
  return actions;
}

/** The workspace edit that applies `fix` to `doc`. */
export function fixEdit(doc: DraftDocument, fix: Fix): WorkspaceEdit {
  return { changes: { [doc.uri]: fix.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } };
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
