// The palette commands (category `unres`): the earlier wording of the paragraph at the cursor
// side by side with it (a diff editor over two read-only virtual documents), its source file,
// renumbering, the corpus (details, rebuild, add a folder), switching a document to `unres`, a
// new draft, and restarting the server. The server answers the custom requests
// (server/src/server.ts: unres/earlierWording, unres/renumber, unres/rebuildIndex).
import * as path from 'path';
import * as vscode from 'vscode';
import { checkWorkspace } from './checkWorkspace';
import { Host, LANGUAGE_ID, SECTION, t } from './host';
import { opensExternally } from './sourceFile';
import { corpusPathsTarget, effectiveCorpusPaths, withCorpusPaths } from './settings';
import { EarlierWordingRequest, RebuildIndexRequest, RenumberRequest } from '../../shared/protocol';
import { statusView } from './status';
import { EarlierWording, clauseLines, diffTitle, sourceTitle } from './wording';
import { compareWithNamed, compareWithPredecessor } from './compareView';

/** The scheme of the read-only documents the diff editor compares. */
export const WORDING_SCHEME = 'unres-wording';

export function registerCommands(context: vscode.ExtensionContext, host: Host): void {
  const wordings = new WordingDocuments();
  const register = (id: string, run: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(WORDING_SCHEME, wordings));

  register('unres.showEarlierWording', async () => {
    const found = await earlierWordingAtCursor(host);
    if (!found) return;
    const left = wordings.add(sourceTitle(found), clauseLines(found.sourceText));
    const right = wordings.add(found.draftParagraph, clauseLines(found.draftText));
    // In the draft's own column: beside it, half a window is narrow enough for VS Code to fall
    // back to the inline view, and the point is to see both wordings side by side.
    await vscode.commands.executeCommand('vscode.diff', left, right, diffTitle(found), { viewColumn: vscode.ViewColumn.Active, preview: true });
  });

  register('unres.openSource', async () => {
    const found = await earlierWordingAtCursor(host);
    if (!found) return;
    if (!found.sourceUri) {
      void vscode.window.showInformationMessage(t('The file of {0} is not known.', found.symbol));
      return;
    }
    const c = await host.client();
    const range = found.sourceRange && c ? c.protocol2CodeConverter.asRange(found.sourceRange) : undefined;
    try {
      if (opensExternally(found.sourceUri)) {
        if (!(await vscode.env.openExternal(vscode.Uri.parse(found.sourceUri)))) throw new Error(t('no program opens it'));
        return;
      }
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(found.sourceUri));
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, selection: range });
      if (range) editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    } catch (e) {
      void vscode.window.showErrorMessage(t('Could not open {0}: {1}', found.sourceUri, String(e)));
    }
  });

  register('unres.compareWithPredecessor', (against?: unknown) => compareWithPredecessor(host, typeof against === 'string' ? against : undefined));

  register('unres.compareWith', () => compareWithNamed(host));

  register('unres.renumber', async () => {
    const editor = unresEditor();
    const c = editor && (await host.client());
    if (!editor || !c) return;
    const version = editor.document.version;
    const edit = await c.sendRequest(RenumberRequest, { textDocument: { uri: c.code2ProtocolConverter.asUri(editor.document.uri) } });
    if (editor.document.version !== version) {
      void vscode.window.showWarningMessage(t('The document changed meanwhile: run the command again.'));
      return;
    }
    if (!edit) {
      void vscode.window.showInformationMessage(t('The operative paragraphs are already numbered 1, 2, 3…'));
      return;
    }
    await vscode.workspace.applyEdit(await c.protocol2CodeConverter.asWorkspaceEdit(edit));
  });

  register('unres.rebuildIndex', async () => {
    const c = await host.client();
    if (!c) return;
    const status = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('unres: rebuilding the corpus index…') },
      () => c.sendRequest(RebuildIndexRequest),
    );
    const message =
      status.state === 'error'
        ? t('The corpus could not be loaded: see the output.')
        : t('Corpus index rebuilt: {0} documents, {1} files skipped.', status.documents, status.skipped);
    void vscode.window.showInformationMessage(message);
    // For a caller (a test, another extension): the corpus as loaded.
    return status;
  });

  register('unres.addCorpusFolder', () => addCorpusFolder());

  register('unres.showCorpusDetails', () => showCorpusDetails(host));

  register('unres.switchLanguage', async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return;
    if (doc.languageId === LANGUAGE_ID) {
      void vscode.window.showInformationMessage(t('{0} is already checked as a resolution.', path.basename(doc.uri.path)));
      return;
    }
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  });

  register('unres.newResolution', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: LANGUAGE_ID, name: 'Resolution draft' });
  });

  register('unres.restartServer', () => host.restart());

  register('unres.checkWorkspace', () => checkWorkspace(host));
}

/** The active editor if it shows an `unres` document; else says what the command needs. */
function unresEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID) return editor;
  void vscode.window.showInformationMessage(t('Open a resolution draft (language “UN Resolution (Chinese)”) first.'));
  return undefined;
}

/** The server's best earlier wording of the paragraph at the cursor; says so when there is none. */
async function earlierWordingAtCursor(host: Host): Promise<EarlierWording | undefined> {
  const editor = unresEditor();
  const c = editor && (await host.client());
  if (!editor || !c) return undefined;
  const found = await c.sendRequest(EarlierWordingRequest, {
    textDocument: { uri: c.code2ProtocolConverter.asUri(editor.document.uri) },
    position: c.code2ProtocolConverter.asPosition(editor.selection.active),
  });
  if (!found) {
    // While the corpus is indexed the server searches only the draft.
    const message =
      host.corpus.status?.state === 'indexing'
        ? t('The corpus is still being indexed: its earlier wordings can be shown once it is ready.')
        : t('The paragraph at the cursor has no earlier wording in the corpus or the draft.');
    void vscode.window.showInformationMessage(message);
    return undefined;
  }
  return found;
}

/** Read-only documents for the diff editor, by URI; the latest few are kept. */
class WordingDocuments implements vscode.TextDocumentContentProvider {
  private static readonly KEPT = 20;
  private readonly texts = new Map<string, string>();
  private seq = 0;

  add(name: string, text: string): vscode.Uri {
    // `.unres`: the diff editor gets the language's defaults (word wrap) and highlighting. The
    // client's document selector (file and untitled schemes) keeps these out of the server.
    const uri = vscode.Uri.from({ scheme: WORDING_SCHEME, path: `/${++this.seq}/${name.replace(/[\\/]/g, '-')}.unres` });
    this.texts.set(uri.toString(), text);
    for (const key of this.texts.keys()) {
      if (this.texts.size <= WordingDocuments.KEPT) break;
      this.texts.delete(key);
    }
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? t('(no longer available: run the command again)');
  }
}

async function addCorpusFolder(): Promise<void> {
  const folders = vscode.workspace.workspaceFolders;
  const workspaceFolder = folders?.[0]?.uri.scheme === 'file' ? folders[0].uri.fsPath : undefined;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: true,
    canSelectMany: true,
    defaultUri: folders?.[0]?.uri,
    openLabel: t('Add to the corpus'),
    title: t('Folders or files of earlier resolutions'),
    filters: { [t('Resolutions')]: ['txt', 'md', 'unres'] },
  });
  if (!picked?.length) return;
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect<string[]>('corpus.paths');
  const target = corpusPathsTarget(inspected, !!folders?.length, vscode.workspace.isTrusted);
  const existing = (target === 'workspace' ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  const next = withCorpusPaths(existing, picked.map((u) => u.fsPath), target, workspaceFolder);
  const added = next.slice(existing.length);
  if (added.length === 0) {
    void vscode.window.showInformationMessage(t('Already in the corpus.'));
    return;
  }
  await config.update('corpus.paths', next, target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  const where = target === 'workspace' ? t('workspace settings') : t('user settings');
  void vscode.window.showInformationMessage(t('Added to unres.corpus.paths in the {0}: {1}', where, added.join(', ')));
}

interface DetailItem extends vscode.QuickPickItem {
  run?: () => unknown;
}

async function showCorpusDetails(host: Host): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect<string[]>('corpus.paths');
  const trusted = vscode.workspace.isTrusted;
  const openSettings = () => vscode.commands.executeCommand('workbench.action.openSettings', 'unres.corpus');
  const status = host.corpus.status;
  const items: DetailItem[] = [];
  if (status) {
    const view = statusView(status, host.corpus.progress, t);
    items.push({ label: view.text, detail: view.summary, run: () => host.output.show() });
  } else {
    items.push({ label: '$(circle-slash) unres', detail: t('The language server is not running: it starts with the first resolution draft opened.') });
  }
  items.push({ label: t('Corpus'), kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(package) ${t('Built-in resolutions (seeds/)')}`, description: config.get<boolean>('corpus.builtin') ? t('on') : t('off'), run: openSettings });
  for (const p of effectiveCorpusPaths(inspected, trusted)) items.push({ label: `$(folder) ${p}`, run: openSettings });
  if (!trusted) {
    items.push({
      label: `$(workspace-untrusted) ${t('Restricted Mode: corpus folders set by this workspace are not read until you trust it.')}`,
      run: () => vscode.commands.executeCommand('workbench.trust.manage'),
    });
  }
  items.push({ label: t('Actions'), kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(output) ${t('Show the output')}`, run: () => host.output.show() });
  items.push({ label: `$(new-folder) ${t('Add Corpus Folder…')}`, run: () => vscode.commands.executeCommand('unres.addCorpusFolder') });
  items.push({ label: `$(refresh) ${t('Rebuild Corpus Index')}`, run: () => vscode.commands.executeCommand('unres.rebuildIndex') });
  items.push({ label: `$(gear) ${t('Open the unres settings')}`, run: openSettings });
  items.push({ label: `$(debug-restart) ${t('Restart Language Server')}`, run: () => vscode.commands.executeCommand('unres.restartServer') });
  const choice = await vscode.window.showQuickPick(items, { title: t('unres corpus'), placeHolder: t('The corpus of earlier resolutions the drafts are compared with') });
  await choice?.run?.();
}
