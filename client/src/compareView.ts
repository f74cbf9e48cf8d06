// Compare with Predecessor: asks the server for `unres/compare` on the active draft and shows the
// answer in a webview beside it (the same page as `unres compare --format html`, in the theme's
// colours), one panel for all drafts, updated on every run.
import * as path from 'path';
import * as vscode from 'vscode';
import { CompareRequest, CompareResponse } from '../../shared/protocol';
import { comparisonHtml } from '../../shared/compareHtml';
import { Host, LANGUAGE_ID, t } from './host';

/** The webview's type, by which tests and VS Code tell it. */
export const COMPARE_VIEW = 'unres.compare';

let panel: vscode.WebviewPanel | undefined;

/**
 * Compares the active draft with the resolution it updates, or with `against` (a symbol such as
 * `A/RES/72/57` or a file path); when the server finds none, offers to name one. Resolves with
 * the comparison shown (for a caller: a test, another extension), or undefined.
 */
export async function compareWithPredecessor(host: Host, against?: string): Promise<CompareResponse | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage(t('Open a resolution draft (language “UN Resolution (Chinese)”) first.'));
    return undefined;
  }
  const c = await host.client();
  if (!c) return undefined;
  let result: CompareResponse;
  try {
    result = await c.sendRequest(CompareRequest, { textDocument: { uri: c.code2ProtocolConverter.asUri(editor.document.uri) }, against });
  } catch (e) {
    const name = t('Name a resolution…');
    const choice = await vscode.window.showWarningMessage(e instanceof Error ? e.message : String(e), name);
    return choice === name ? compareWithNamed(host, against) : undefined;
  }
  const title = t('{0} ↔ {1}', result.draft.symbol ?? path.basename(editor.document.uri.path), result.predecessor.symbol);
  if (!panel) {
    panel = vscode.window.createWebviewPanel(COMPARE_VIEW, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, enableFindWidget: true });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.title = title;
  panel.webview.html = comparisonHtml(result);
  panel.reveal(vscode.ViewColumn.Beside, true);
  return result;
}

/** Compare with a Resolution…: asks which (a symbol or a file), then compares with it. */
export async function compareWithNamed(host: Host, value?: string): Promise<CompareResponse | undefined> {
  const named = await vscode.window.showInputBox({
    title: t('Compare with a Resolution'),
    prompt: t('The symbol of a resolution in the corpus (A/RES/72/57 or 72/57), or the path of a resolution file'),
    value,
  });
  return named?.trim() ? compareWithPredecessor(host, named.trim()) : undefined;
}
