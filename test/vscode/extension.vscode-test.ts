// Extension-host tests: the extension as VS Code runs it, on test/vscode/workspace/. They ask VS
// Code itself (vscode.execute*Provider, the diagnostics, the tabs) what a user would see, so they
// check the client's wiring (activation, document selector, settings, commands) as well as the
// server behind it. Run by test/vscode/index.ts inside VS Code, never by `npm test`.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, code, openEditor, positionOf, waitFor, workspaceFile } from './helpers';

describe('unres in VS Code', function () {
  this.timeout(60000);
  let draft: vscode.TextEditor;

  before(async () => {
    draft = await openEditor(workspaceFile('draft.unres'));
    // Diagnostics come once the server runs and has its corpus: the built-in seeds.
    await waitFor('echo diagnostics on the draft', () => vscode.languages.getDiagnostics(draft.document.uri).some((d) => code(d) === 'echo'));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    draft = await openEditor(workspaceFile('draft.unres'));
  });

  it('activates for a .unres file, which is in the unres language', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.ok(ext.isActive);
    assert.strictEqual(draft.document.languageId, 'unres');
  });

  it('publishes echo and numbering diagnostics with the source unres', () => {
    const diags = vscode.languages.getDiagnostics(draft.document.uri);
    const echo = diags.find((d) => code(d) === 'echo');
    assert.ok(echo);
    assert.strictEqual(echo.source, 'unres');
    assert.match(echo.message, /A\/RES\/72\/57/);
    assert.strictEqual(echo.range.start.line, positionOf(draft.document, '回顾各国承诺').line);
    const numbering = diags.find((d) => code(d) === 'numbering');
    assert.ok(numbering, JSON.stringify(diags.map((d) => d.message)));
    assert.strictEqual(draft.document.getText(numbering.range), '3');
  });

  it('gives the outline: preamble and operative part with their paragraphs', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', draft.document.uri);
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('序言部分 Preamble (2)'), JSON.stringify(names));
    assert.ok(names.includes('执行部分 Operative (2)'), JSON.stringify(names));
    const preamble = symbols.find((s) => s.name.startsWith('序言部分'))!;
    assert.strictEqual(preamble.children.length, 2);
  });

  it('shows the earlier wording on hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', draft.document.uri, positionOf(draft.document, '国际社会活动'));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /A\/RES\/72\/57/);
    assert.match(text, /PP4/);
  });

  it('links citations to undocs.org', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', draft.document.uri);
    const targets = links.map((l) => l.target?.toString(true));
    assert.ok(targets.includes('https://undocs.org/ch/A/RES/78/46'), JSON.stringify(targets));
  });

  it('completes paragraph-opening verbs, without words of the document mixed in', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'unres', content: '大会，\n回顾其以往的决议，\n' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 0));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    // The same verb as the paragraph before, with 又, first.
    assert.strictEqual(labels[0], '又回顾其', JSON.stringify(labels.slice(0, 20)));
    assert.ok(labels.includes('强调'), JSON.stringify(labels.slice(0, 20)));
    assert.ok(list.items.every((i) => i.kind !== vscode.CompletionItemKind.Text), 'no word-based suggestions ([unres] editor.wordBasedSuggestions off)');
    assert.strictEqual(vscode.workspace.getConfiguration('editor', { languageId: 'unres' }).get('wordWrap'), 'on');
  });

  it('offers the renumbering quick fix on a number out of sequence', async () => {
    const range = new vscode.Range(positionOf(draft.document, '3. 请秘书长', 0), positionOf(draft.document, '3. 请秘书长', 1));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', draft.document.uri, range);
    assert.ok(actions.some((a) => /重新编号执行部分/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
  });

  it('unres.renumber renumbers the operative paragraphs', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'unres', content: '大会，\n1. 决定召开会议；\n5. 请秘书长提交报告；\n5. 又请秘书长继续。\n' });
    await vscode.window.showTextDocument(doc);
    await waitFor('the server has the document', async () => (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri))?.length > 0);
    await vscode.commands.executeCommand('unres.renumber');
    await waitFor('the numbers fixed', () => doc.getText() === '大会，\n1. 决定召开会议；\n2. 请秘书长提交报告；\n3. 又请秘书长继续。\n');
  });

  it('unres.showEarlierWording opens the source paragraph and the draft paragraph side by side', async () => {
    draft.selection = new vscode.Selection(positionOf(draft.document, '国际社会活动'), positionOf(draft.document, '国际社会活动'));
    await vscode.commands.executeCommand('unres.showEarlierWording');
    const tab = await waitFor('a diff editor', () => {
      const t = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((x) => x.input instanceof vscode.TabInputTextDiff);
      return t;
    });
    const input = tab.input as vscode.TabInputTextDiff;
    assert.strictEqual(input.original.scheme, 'unres-wording');
    assert.match(tab.label, /^A\/RES\/72\/57 PP4 ↔ PP1 \(\d+%\)$/);
    const source = await vscode.workspace.openTextDocument(input.original);
    const mine = await vscode.workspace.openTextDocument(input.modified);
    assert.match(source.getText(), /^回顾各国承诺将《行动纲领》视为/);
    assert.match(mine.getText(), /^回顾各国承诺将《行动纲领》视为/);
  });

  it('unres.compareWithPredecessor shows the comparison beside the draft, and code lenses name each paragraph’s counterpart', async () => {
    const result = await vscode.commands.executeCommand<{ predecessor: { symbol: string }; rows: { cls: string; draft?: { label: string } }[] }>('unres.compareWithPredecessor');
    // The draft has the title of the seeds and no session: the latest of them.
    assert.strictEqual(result?.predecessor.symbol, 'A/RES/79/40');
    const tab = await waitFor('the comparison view', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((x) => x.input instanceof vscode.TabInputWebview && x.input.viewType.endsWith('unres.compare')),
    );
    assert.strictEqual(tab.label, 'draft.unres ↔ A/RES/79/40');
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', draft.document.uri);
      return l?.length ? l : undefined;
    });
    const on = (needle: string) => lenses.filter((l) => l.range.start.line === positionOf(draft.document, needle, 0).line).map((l) => l.command?.title);
    // The paragraph taken from A/RES/79/40 PP4, 作为 revised to 视为, and now first.
    assert.deepStrictEqual(on('回顾各国承诺'), ['~ 79/40 PP4 · 措辞修改 wording changed · 移动 moved']);
    assert.ok(on('3. 请秘书长').includes('~ 79/40 OP35 · 措辞修改 wording changed'), JSON.stringify(on('3. 请秘书长')));
    for (const l of lenses) assert.strictEqual(l.command?.command, 'unres.compareWithPredecessor');
  });

  it('unres.compareWithPredecessor compares with the resolution it is given', async () => {
    const named = await vscode.commands.executeCommand<{ predecessor: { symbol: string; reason: string } }>('unres.compareWithPredecessor', '72/57');
    assert.strictEqual(named?.predecessor.symbol, 'A/RES/72/57');
    assert.match(named!.predecessor.reason, /as named/);
  });

  it('unres.openSource opens the corpus file at the paragraph', async () => {
    draft.selection = new vscode.Selection(positionOf(draft.document, '国际社会活动'), positionOf(draft.document, '国际社会活动'));
    await vscode.commands.executeCommand('unres.openSource');
    const editor = await waitFor('the source editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && path.basename(e.document.uri.fsPath) === 'A-RES-72-57.md' ? e : undefined;
    });
    assert.match(editor.document.getText(editor.selection).replace(/\*\*/g, ''), /^回顾各国承诺将《行动纲领》视为/);
  });

  it('unres.switchLanguage checks a plain-text draft as a resolution', async () => {
    const editor = await openEditor(workspaceFile('looks-like-a-resolution.txt'));
    assert.strictEqual(editor.document.languageId, 'plaintext');
    await vscode.commands.executeCommand('unres.switchLanguage');
    const doc = await waitFor('the unres language', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === editor.document.uri.toString() && d.languageId === 'unres'),
    );
    await waitFor('its outline', async () => (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri))?.length > 0);
  });

  it('unres.newResolution opens an untitled draft with the skeleton, which the server reads', async () => {
    await vscode.commands.executeCommand('unres.newResolution');
    const editor = await waitFor('the new draft', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.isUntitled && e.document.languageId === 'unres' && e.document.getText().includes('大会，') ? e : undefined;
    });
    assert.match(editor.document.getText(), /：决议草案\n/);
    const symbols = await waitFor('its outline', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
      return s?.length ? s : undefined;
    });
    assert.ok(symbols.some((s) => s.name === '执行部分 Operative (3)'), JSON.stringify(symbols.map((s) => s.name)));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  describe('resolution detection (unres.detect.mode)', () => {
    const setMode = (mode: string | undefined) => vscode.workspace.getConfiguration('unres').update('detect.mode', mode, vscode.ConfigurationTarget.Global);
    after(() => setMode(undefined));

    it('off: a plain-text file that looks like a resolution stays plain text', async () => {
      await setMode('off');
      const editor = await openEditor(workspaceFile('detected-draft.txt'));
      await new Promise((r) => setTimeout(r, 1000));
      assert.strictEqual(editor.document.languageId, 'plaintext');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('switch: it is checked as a resolution when shown, and other plain text is left alone', async () => {
      await setMode('switch');
      const notes = await openEditor(workspaceFile('notes.txt'));
      const draftTxt = await openEditor(workspaceFile('detected-draft.txt'));
      await waitFor('the unres language', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === draftTxt.document.uri.toString() && d.languageId === 'unres'),
      );
      assert.strictEqual(notes.document.languageId, 'plaintext');
    });
  });

  it('unres.rebuildIndex reloads the corpus, and diagnostics come back', async () => {
    const status = await vscode.commands.executeCommand('unres.rebuildIndex');
    assert.deepStrictEqual(status, { state: 'ready', documents: 4, skipped: 0 });
    await waitFor('echo diagnostics after the rebuild', () => vscode.languages.getDiagnostics(draft.document.uri).some((d) => code(d) === 'echo'));
  });

  it('unres.restartServer restarts the server, and diagnostics come back', async () => {
    await vscode.commands.executeCommand('unres.restartServer');
    await waitFor('echo diagnostics after the restart', () => vscode.languages.getDiagnostics(draft.document.uri).some((d) => code(d) === 'echo'));
  });
});
