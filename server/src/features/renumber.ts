// The "renumber the operative paragraphs" command: the same edit as the numbering quick fix
// (structureDiagnostics.ts), offered for the whole document whether or not a diagnostic is
// under the cursor. Custom request `unres/renumber` (server/src/server.ts).
import { WorkspaceEdit } from 'vscode-languageserver-types';
import { DraftDocument } from './document';
import { fixEdit } from './findings';
import { renumberFix } from './structureDiagnostics';

/** The edit that numbers the operative paragraphs 1, 2, 3…, or null when they already are. */
export function getRenumberEdit(doc: DraftDocument): WorkspaceEdit | null {
  const fix = renumberFix(doc.resolution.operative);
  return fix.edits.length > 0 ? fixEdit(doc, fix) : null;
}
