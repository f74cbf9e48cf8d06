// What the extension-host suites share: the workspace's files, waiting for what VS Code shows.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'unres.unres';

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs on test/vscode/workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Polls `get` until it gives a value (not undefined, not false) or `timeoutMs` passes. */
export async function waitFor<T>(what: string, get: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The position just inside the first occurrence of `needle`. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${doc.uri.fsPath}`);
  return doc.positionAt(at + delta);
}

export const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
