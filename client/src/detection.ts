// Plain-text and Markdown documents that look like resolutions (detect.ts): when one is shown in
// an editor, the client offers, once per document and without a modal dialog, to check it with
// unres; "always" and "never" are remembered for the workspace. The setting `unres.detect.mode`
// (`ask`, `switch`, `off`) decides whether it asks, switches without asking, or does nothing.
import * as path from 'path';
import * as vscode from 'vscode';
import { MAX_LINES, looksLikeResolution } from './detect';
import { LANGUAGE_ID, SECTION, t } from './host';
import { DetectionMode, WorkspaceChoice, detectionAction } from './settings';

const CHOICE_KEY = 'unres.detect.choice';
const CANDIDATE_LANGUAGES = new Set(['plaintext', 'markdown']);

export function watchForResolutions(context: vscode.ExtensionContext): void {
  /** Documents asked about in this window (by URI). */
  const asked = new Set<string>();
  const check = async (doc: vscode.TextDocument): Promise<void> => {
    if (!CANDIDATE_LANGUAGES.has(doc.languageId) || (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled')) return;
    const key = doc.uri.toString();
    const mode = vscode.workspace.getConfiguration(SECTION).get<DetectionMode>('detect.mode', 'ask');
    const action = detectionAction(mode, context.workspaceState.get<WorkspaceChoice>(CHOICE_KEY), asked.has(key));
    // Only the lines the check reads: a 50 MB text file is not copied to be looked at.
    if (action === 'none' || !looksLikeResolution(doc.getText(new vscode.Range(0, 0, MAX_LINES, 0)))) return;
    if (action === 'switch') {
      await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
      return;
    }
    asked.add(key);
    const yes = t('Check');
    const always = t('Always');
    const never = t('Never');
    const answer = await vscode.window.showInformationMessage(
      t('{0} looks like a UN resolution. Check it with unres (outline, earlier wording, citation checks)? “Always” and “Never” hold for this workspace.', path.basename(doc.uri.path)),
      yes,
      always,
      never,
    );
    if (answer === never) await context.workspaceState.update(CHOICE_KEY, 'never');
    if (answer === always) await context.workspaceState.update(CHOICE_KEY, 'always');
    if ((answer === yes || answer === always) && !doc.isClosed) await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  };
  const checkVisible = (editors: readonly vscode.TextEditor[]) => {
    for (const e of editors) void check(e.document);
  };
  context.subscriptions.push(vscode.window.onDidChangeVisibleTextEditors(checkVisible));
  checkVisible(vscode.window.visibleTextEditors);
}
