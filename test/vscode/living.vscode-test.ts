// Extension-host tests of living with the warnings (README), on test/vscode/workspace/living/:
// its `.unres.json` (verb-prefix off) and a broken one, the schema VS Code is given for the file,
// the quick fixes that disable a check for a paragraph and accept its wording (applied as the
// light bulb applies them), and the command that checks every draft of the workspace.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { code, openEditor, positionOf, waitFor, workspaceFile } from './helpers';

const PP4_START = '回顾各国承诺将《行动纲领》';

/** The draft's diagnostics once they have `n` echoes. */
function echoes(uri: vscode.Uri, n: number): Promise<vscode.Diagnostic[]> {
  return waitFor(`${n} echo diagnostics on ${uri.path}`, () => {
    const ds = vscode.languages.getDiagnostics(uri);
    return ds.filter((d) => code(d) === 'echo').length === n ? ds : undefined;
  });
}

async function quickFix(doc: vscode.TextDocument, d: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const action = actions.find((a) => a.title === title);
  assert.ok(action?.edit, `${title} among ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}

describe('living with the warnings in VS Code', function () {
  this.timeout(60000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile('.unres'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('a folder\'s .unres.json applies to its drafts (verb-prefix off), and a broken one is a diagnostic on that file', async () => {
    const editor = await openEditor(workspaceFile('living/accept.unres'));
    const ds = await echoes(editor.document.uri, 2);
    assert.ok(!ds.some((d) => code(d) === 'verb-prefix'), JSON.stringify(ds.map(code)));
    await openEditor(workspaceFile('living/broken/draft.unres'));
    const config = workspaceFile('living/broken/.unres.json');
    const problems = await waitFor('the broken .unres.json diagnosed by unres', () => {
      const found = vscode.languages.getDiagnostics(config).filter((d) => d.source === 'unres');
      return found.length ? found : undefined;
    });
    assert.strictEqual(problems[0].severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(code(problems[0]), 'config');
    assert.match(problems[0].message, /"rules\.echo" should be one of/);
    assert.strictEqual(problems[0].range.start.line, 1);
  });

  it('VS Code completes the keys of .unres.json from the schema the extension contributes', async () => {
    const editor = await openEditor(workspaceFile('living/.unres.json'));
    assert.strictEqual(editor.document.languageId, 'json');
    const inRules = positionOf(editor.document, '"verb-prefix"', 0);
    const list = await waitFor('completion from the schema', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, inRules);
      return l.items.length ? l : undefined;
    });
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
    for (const key of ['echo', 'citation-style', 'suppression-unknown']) assert.ok(labels.includes(key), `${key} in ${JSON.stringify(labels)}`);
  });

  it('VS Code shows the schema\'s description of a key on hover, in both languages', async () => {
    const editor = await openEditor(workspaceFile('living/.unres.json'));
    const hovers = await waitFor('a hover from the schema', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'verb-prefix', 2));
      return h.length ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /又\/还/);
    assert.match(text, /The same verb as the paragraph before/);
  });

  it('Disable CODE for this paragraph writes the comment above it, and the paragraph no longer warns', async () => {
    const editor = await openEditor(workspaceFile('living/accept.unres'));
    const doc = editor.document;
    const ds = await echoes(doc.uri, 2);
    const pp4 = ds.find((d) => code(d) === 'echo' && doc.getText(d.range).startsWith(PP4_START))!;
    const fix = await quickFix(doc, pp4, '在此段停用“echo”检查 / Disable echo for this paragraph');
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.strictEqual(doc.getText(), before.replace(PP4_START, `<!-- unres-disable-next-paragraph echo -->\n${PP4_START}`));
    await echoes(doc.uri, 1);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before);
    await echoes(doc.uri, 2);
    await doc.save();
  });

  it('Accept this wording creates .unres/accepted.txt with the paragraph, and it no longer warns', async () => {
    const editor = await openEditor(workspaceFile('living/accept.unres'));
    const doc = editor.document;
    const ds = await echoes(doc.uri, 2);
    const pp4 = ds.find((d) => code(d) === 'echo' && doc.getText(d.range).startsWith(PP4_START))!;
    const fix = await quickFix(doc, pp4, '接受此措辞 / Accept this wording');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const accepted = workspaceFile('.unres/accepted.txt');
    // Saved as a refactoring's files are (files.refactoring.autoSave), or by the user.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === accepted.toString());
    if (open?.isDirty) await open.save();
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(accepted));
    assert.match(text, /^# unres/);
    assert.ok(text.includes(`A/RES/72/57 PP4\t${doc.getText(pp4.range).replace(/\s+/g, ' ')}\n`), text);
    // The file watcher tells the server; the draft's other echo stays.
    const left = await echoes(doc.uri, 1);
    assert.ok(!doc.getText(left.find((d) => code(d) === 'echo')!.range).startsWith(PP4_START));
  });

  it('unres.checkWorkspace fills the Problems panel with the drafts that are not open', async () => {
    const closed = workspaceFile('living/sub/closed.unres');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()));
    assert.deepStrictEqual(vscode.languages.getDiagnostics(closed), []);
    const result = await vscode.commands.executeCommand<{ checked: number; problems: number; cancelled: boolean }>('unres.checkWorkspace');
    assert.ok(result && !result.cancelled, JSON.stringify(result));
    // draft.unres, the living/ drafts, the .txt drafts that look like resolutions; not notes.txt.
    assert.ok(result.checked >= 6, JSON.stringify(result));
    const ds = vscode.languages.getDiagnostics(closed);
    // Accepted wording counts there too: PP4 of A/RES/72/57 accepted by the test before.
    assert.deepStrictEqual(ds.map(code), ['echo'], JSON.stringify(ds.map((d) => d.message)));
    assert.strictEqual(vscode.languages.getDiagnostics(workspaceFile('notes.txt')).length, 0);
  });
});
