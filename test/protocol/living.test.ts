// Protocol tests of "Living with the warnings" (README), through `dist/server.js --stdio` on a
// scratch workspace folder: suppression comments and their quick fix, accepted wording (the quick
// fix's workspace edit applied to disk as an editor would, the file watcher's notification sent),
// `.unres.json` files (cascade, rule severities, a broken file's diagnostics) and
// `unres/checkWorkspace` (progress, cancellation).
//
// Drafts use CRLF and Chinese text (and 𠀋, a surrogate pair) before the points checked, so that
// ranges counted in anything but UTF-16 units, or lines split on LF only, would be wrong.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient, applyTextEdits, editsFor, getText } from './lspClient';
import { CheckWorkspaceRequest } from '../../shared/protocol';

const SEEDS = path.join(__dirname, '../../../seeds');
const HINT = 4;
const ERROR = 1;

const PP4 = '回顾各国承诺将《行动纲领》视为在国际社会活动中采取措施从各个方面防止、打击和消除小武器和轻武器非法贸易的主要框架，';
const OP1 = '1. 着重指出要解决小武器和轻武器非法贸易的各方面问题，就要在国家、区域和国际各级作出协调一致的努力来防止、打击和消除小武器和轻武器的非法制造、转让和流通；';
/** Two new paragraphs, the second with the verb of the first without 又, then two that echo A/RES/72/57 (PP4, OP1), the last closed with ； (a punctuation finding). */
function draft(...before: string[]): string {
  return [...before, '大会，', '注意到𠀋新的情况，', '注意到各国的报告，', PP4, OP1, ''].join('\r\n');
}

const code = (d: Diagnostic) => String(d.code);
const codes = (ds: Diagnostic[]) => ds.map(code).sort();

/** The client capabilities these features use: file watching, and workspace edits that create files. */
const CAPABILITIES = {
  workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create' as const] } },
};

/** Applies a WorkspaceEdit to the files on disk, as an editor does (and saves). */
function applyToDisk(edit: WorkspaceEdit): string[] {
  const touched: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.strictEqual(change.kind, 'create');
      const file = fileURLToPath(change.uri);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (!fs.existsSync(file)) fs.writeFileSync(file, '');
      touched.push(file);
      continue;
    }
    const e = change as TextDocumentEdit;
    const file = fileURLToPath(e.textDocument.uri);
    fs.writeFileSync(file, applyTextEdits(fs.readFileSync(file, 'utf8'), e.edits as never));
    touched.push(file);
  }
  assert.strictEqual(edit.changes, undefined, 'a file edit is in documentChanges');
  return touched;
}

describe('protocol: living with the warnings', function () {
  this.timeout(60000);
  let root: string;
  let client: LspClient;
  let n = 0;

  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return pathToFileURL(file).toString();
  };
  const watched = (uri: string, type: 1 | 2 | 3) => client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-living-'));
    client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), capabilities: CAPABILITIES });
    await client.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready/.test(p.message), 20000, 0);
  });
  after(async () => {
    await client?.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });
  afterEach(() => assert.deepStrictEqual(client.protocolErrors, []));

  /** Opens `text` as `rel` (written to disk too) and waits for its first diagnostics with an echo, or any when `echo` is false. */
  async function open(rel: string, text: string, echo = true): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = write(rel, text);
    client.openDocument(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (ds) => !echo || ds.some((d) => code(d) === 'echo' || code(d) === 'repeat'), 20000);
    return { uri, diagnostics };
  }

  function actionsAt(uri: string, d: Diagnostic): Promise<CodeAction[]> {
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }, 20000);
  }

  async function change(uri: string, text: string): Promise<Diagnostic[]> {
    client.changeDocument(uri, text);
    return client.waitForDiagnostics(uri, () => true, 20000);
  }

  describe('suppression comments', () => {
    it('disable-next-paragraph leaves out the codes it names for the next paragraph only; an unknown code is reported on it', async () => {
      const moved = draft().replace(PP4, `<!-- unres-disable-next-paragraph echo, ech0 -->\r\n${PP4}`);
      const { diagnostics } = await open(`s${++n}.unres`, moved);
      const echoes = diagnostics.filter((d) => code(d) === 'echo');
      assert.strictEqual(echoes.length, 1, JSON.stringify(diagnostics));
      assert.ok(getText(moved, echoes[0].range).startsWith('1. 着重指出'), 'OP1 still echoes');
      const unknown = diagnostics.filter((d) => code(d) === 'suppression-unknown');
      assert.strictEqual(unknown.length, 1);
      assert.strictEqual(getText(moved, unknown[0].range), 'ech0');
      // The comment is not a paragraph: PP1..PP3 and OP1, PP2 still flagged for its verb.
      const symbols = await client.request<{ name: string; children?: unknown[] }[]>('textDocument/documentSymbol', { textDocument: { uri: pathToFileURL(path.join(root, `s${n}.unres`)).toString() } });
      assert.ok(symbols.some((s) => /序言部分.*\(3\)/.test(s.name)), JSON.stringify(symbols.map((s) => s.name)));
      assert.ok(diagnostics.some((d) => code(d) === 'verb-prefix'));
    });

    it('unres-disable without a paragraph applies to the whole draft; without codes, to every check', async () => {
      const { uri, diagnostics } = await open(`s${++n}.unres`, draft('<!-- unres-disable verb-prefix repeat -->'));
      assert.ok(!diagnostics.some((d) => code(d) === 'verb-prefix'), JSON.stringify(diagnostics));
      assert.strictEqual(diagnostics.filter((d) => code(d) === 'echo').length, 2);
      const all = await change(uri, draft('<!-- unres-disable -->'));
      assert.deepStrictEqual(all, []);
    });

    it('the quick fix inserts the comment line before the paragraph, then adds a code to it, and edits nothing else', async () => {
      const text = draft();
      const { uri, diagnostics } = await open(`s${++n}.unres`, text);
      const disable = async (d: Diagnostic, title: string) => {
        const fix = (await actionsAt(uri, d)).find((a) => a.title === title && a.diagnostics?.[0].code === d.code);
        assert.ok(fix, `${title} offered`);
        assert.strictEqual(fix.kind, 'quickfix.unres.disable', 'a quick fix, told apart from those that correct the text');
        return applyTextEdits(client.documentText(uri)!, editsFor(fix.edit!, uri));
      };
      const echo = diagnostics.find((d) => code(d) === 'echo' && getText(text, d.range).startsWith('1. '))!;
      const once = await disable(echo, '在此段停用“echo”检查 / Disable echo for this paragraph');
      assert.strictEqual(once, text.replace(OP1, `<!-- unres-disable-next-paragraph echo -->\r\n${OP1}`));
      const next = await change(uri, once);
      assert.deepStrictEqual(codes(next), ['echo', 'punctuation', 'verb-prefix'], 'PP4 still echoes');
      // OP1's other finding: its code goes into OP1's comment.
      const twice = await disable(next.find((d) => code(d) === 'punctuation')!, '在此段停用“punctuation”检查 / Disable punctuation for this paragraph');
      assert.strictEqual(twice, text.replace(OP1, `<!-- unres-disable-next-paragraph echo punctuation -->\r\n${OP1}`));
      const last = await change(uri, twice);
      assert.deepStrictEqual(codes(last), ['echo', 'verb-prefix']);
      // PP2's verb-prefix finding (注意到 again, after a surrogate pair): a comment of its own.
      const third = await disable(last.find((d) => code(d) === 'verb-prefix')!, '在此段停用“verb-prefix”检查 / Disable verb-prefix for this paragraph');
      assert.strictEqual(third, twice.replace('注意到各国的报告，', '<!-- unres-disable-next-paragraph verb-prefix -->\r\n注意到各国的报告，'));
      assert.deepStrictEqual(codes(await change(uri, third)), ['echo']);
    });
  });

  describe('accepted wording', () => {
    it('the quick fix creates .unres/accepted.txt with the paragraph; once the file changes the paragraph no longer warns, until its text changes', async () => {
      assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'the server watches the files');
      const text = draft();
      const { uri, diagnostics } = await open('drafts/a.unres', text);
      const pp4 = diagnostics.find((d) => code(d) === 'echo' && getText(text, d.range).startsWith('回顾'))!;
      const accept = (await actionsAt(uri, pp4)).find((a) => a.title === '接受此措辞 / Accept this wording');
      assert.ok(accept?.edit, 'offered, with an edit');
      const file = path.join(root, '.unres', 'accepted.txt');
      assert.ok(!fs.existsSync(file));
      assert.deepStrictEqual(applyToDisk(accept.edit), [file, file]);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      assert.match(lines[0], /^# /);
      assert.strictEqual(lines[1], `A/RES/72/57 PP4\t${PP4}`);
      assert.strictEqual(lines.length, 3);
      // Nothing changes until the file does (the watcher tells the server).
      watched(pathToFileURL(file).toString(), 1);
      const after = await client.waitForDiagnostics(uri, (ds) => ds.filter((d) => code(d) === 'echo').length === 1, 20000, client.mark());
      assert.ok(getText(text, after.find((d) => code(d) === 'echo')!.range).startsWith('1. 着重指出'));

      // OP1 too: a second line, in sorted order, the number of the paragraph not part of it.
      const op1 = after.find((d) => code(d) === 'echo')!;
      const second = (await actionsAt(uri, op1)).find((a) => a.title === '接受此措辞 / Accept this wording')!;
      applyToDisk(second.edit!);
      const entries = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
      assert.deepStrictEqual(entries, [`A/RES/72/57 OP1\t${OP1.slice(3)}`, `A/RES/72/57 PP4\t${PP4}`]);
      watched(pathToFileURL(file).toString(), 2);
      await client.waitForDiagnostics(uri, (ds) => !ds.some((d) => code(d) === 'echo'), 20000, client.mark());

      // Another draft in another folder of the workspace: the same paragraphs are accepted there too.
      const other = await open('elsewhere/deep/b.unres', draft(), false);
      assert.ok(!other.diagnostics.some((d) => code(d) === 'echo'), JSON.stringify(other.diagnostics));
      // A changed text warns again.
      const changed = await change(uri, text.replace('主要框架', '首要框架'));
      assert.strictEqual(changed.filter((d) => code(d) === 'echo').length, 1);
      // The other tests' drafts have their echoes again.
      fs.rmSync(path.dirname(file), { recursive: true });
      watched(pathToFileURL(file).toString(), 3);
      await client.waitForDiagnostics(uri, (ds) => ds.filter((d) => code(d) === 'echo').length === 2, 20000, client.mark());
    });
  });

  describe('accepted wording of a repeat', () => {
    it('records the draft\'s file name and the earlier paragraph as the source', async () => {
      const first = '认识到海洋塑料垃圾对沿海社区的生计构成日益严重的威胁，并对渔业和旅游业造成损害，';
      const again = '1. 又认识到海洋塑料垃圾对沿海社区的生计构成日益严重的威胁，并对渔业和旅游业造成损害。';
      const text = ['大会，', first, again, ''].join('\r\n');
      const { uri, diagnostics } = await open('repeats/草案 1.unres', text);
      const repeat = diagnostics.find((d) => code(d) === 'repeat');
      assert.ok(repeat, JSON.stringify(diagnostics));
      const accept = (await actionsAt(uri, repeat)).find((a) => a.title === '接受此措辞 / Accept this wording')!;
      const file = path.join(root, '.unres', 'accepted.txt');
      applyToDisk(accept.edit!);
      const entries = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
      assert.deepStrictEqual(entries, [`草案 1.unres PP1\t${again.slice(3)}`]);
      watched(pathToFileURL(file).toString(), 1);
      await client.waitForDiagnostics(uri, (ds) => !ds.some((d) => code(d) === 'repeat'), 20000, client.mark());
      fs.rmSync(path.dirname(file), { recursive: true });
      watched(pathToFileURL(file).toString(), 3);
      await client.waitForDiagnostics(uri, (ds) => ds.some((d) => code(d) === 'repeat'), 20000, client.mark());
    });
  });

  describe('.unres.json', () => {
    it('nearer files override farther ones: rule severities for any code, echo settings, the published severity', async () => {
      write('.unres.json', JSON.stringify({ rules: { echo: 'hint', 'verb-prefix': 'off' } }));
      write('cfg/inner/.unres.json', JSON.stringify({ rules: { echo: 'error' }, echo: { threshold: 0.99 } }));
      watched(pathToFileURL(path.join(root, '.unres.json')).toString(), 1);
      const outer = await open('cfg/outer.unres', draft());
      const echoes = outer.diagnostics.filter((d) => code(d) === 'echo');
      assert.strictEqual(echoes.length, 2);
      assert.ok(echoes.every((d) => d.severity === HINT));
      assert.ok(!outer.diagnostics.some((d) => code(d) === 'verb-prefix'));
      // Inner: threshold 0.99 keeps only the verbatim paragraph, as an error; verb-prefix still off.
      const inner = await open('cfg/inner/in.unres', draft());
      const innerEchoes = inner.diagnostics.filter((d) => code(d) === 'echo');
      assert.deepStrictEqual(innerEchoes.map((d) => [getText(draft(), d.range).slice(0, 2), d.severity]), [['回顾', ERROR]]);
      assert.ok(!inner.diagnostics.some((d) => code(d) === 'verb-prefix'));
      fs.rmSync(path.join(root, '.unres.json'));
      fs.rmSync(path.join(root, 'cfg/inner/.unres.json'));
    });

    it('a broken file is a diagnostic on that file, and the drafts are still checked with what is left', async () => {
      const text = '{\n  "rules": { "echo": "loud", "verb-prefix": "off" },\n  "echo": { "treshold": 0.5 }\n}\n';
      const cfg = write('broken/.unres.json', text);
      const { diagnostics } = await open('broken/d.unres', draft());
      assert.strictEqual(diagnostics.filter((d) => code(d) === 'echo').length, 2);
      assert.ok(!diagnostics.some((d) => code(d) === 'verb-prefix'), 'the valid rule applies');
      const problems = await client.waitForDiagnostics(cfg, (ds) => ds.length > 0, 20000, 0);
      assert.deepStrictEqual(problems.map((d) => [getText(text, d.range), d.severity, d.code, d.source]), [
        ['"loud"', ERROR, 'config', 'unres'],
        ['"treshold"', ERROR, 'config', 'unres'],
      ]);
      assert.match(String(problems[1].message), /未知的键.*Unknown key "treshold"/);
      // Not JSON at all: one diagnostic, the file ignored, no crash.
      const mark = client.mark();
      fs.writeFileSync(fileURLToPath(cfg), '{ "rules": { "verb-prefix": "off" ');
      watched(cfg, 2);
      const syntax = await client.waitForDiagnostics(cfg, (ds) => ds.length > 0 && /JSON/.test(String(ds[0].message)), 20000, mark);
      assert.strictEqual(syntax[0].severity, ERROR);
      const uri = pathToFileURL(path.join(root, 'broken/d.unres')).toString();
      await client.waitForDiagnostics(uri, (ds) => ds.some((d) => code(d) === 'verb-prefix'), 20000, mark);
      // Fixed, then deleted: its diagnostics go.
      fs.writeFileSync(fileURLToPath(cfg), '{}');
      watched(cfg, 2);
      await client.waitForDiagnostics(cfg, (ds) => ds.length === 0, 20000, client.mark());
      fs.rmSync(fileURLToPath(cfg));
    });
  });

  describe('.unres.json of the workspace folder: the corpus', () => {
    it('its corpus (relative to the folder) replaces the settings\' and follows the file; a deeper file\'s corpus is a warning there', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-corpus-'));
      fs.mkdirSync(path.join(folder, 'earlier'));
      fs.copyFileSync(path.join(SEEDS, 'A-RES-72-57.md'), path.join(folder, 'earlier/A-RES-72-57.md'));
      fs.writeFileSync(path.join(folder, '.unres.json'), JSON.stringify({ corpus: { builtin: false, paths: ['earlier'] } }));
      const deeper = path.join(folder, 'sub/.unres.json');
      fs.mkdirSync(path.dirname(deeper));
      fs.writeFileSync(deeper, '{ "corpus": { "builtin": true } }');
      const c = await LspClient.start({ rootUri: pathToFileURL(folder).toString(), capabilities: CAPABILITIES });
      try {
        await c.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready, 1 documents/.test(p.message), 20000, 0);
        const uri = pathToFileURL(path.join(folder, 'sub/d.unres')).toString();
        c.openDocument(uri, draft());
        const ds = await c.waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'echo'), 20000);
        assert.strictEqual(ds.filter((d) => code(d) === 'echo').length, 2);
        const warning = await c.waitForDiagnostics(pathToFileURL(deeper).toString(), (d) => d.length > 0, 20000, 0);
        assert.deepStrictEqual(warning.map((d) => [d.severity, getText('{ "corpus": { "builtin": true } }', d.range)]), [[2, '"corpus"']]);
        // The folder's file changes: the corpus is loaded again (the built-in seeds: 4 documents).
        fs.writeFileSync(path.join(folder, '.unres.json'), '{}');
        c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(folder, '.unres.json')).toString(), type: 2 }] });
        await c.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready, 4 documents/.test(p.message), 20000, 0);
        assert.deepStrictEqual(c.protocolErrors, []);
      } finally {
        await c.shutdown();
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('not in an untrusted workspace: the client says so, and the server reads only the settings\' corpus', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-corpus-'));
      fs.mkdirSync(path.join(folder, 'earlier'));
      fs.copyFileSync(path.join(SEEDS, 'A-RES-72-57.md'), path.join(folder, 'earlier/A-RES-72-57.md'));
      fs.writeFileSync(path.join(folder, '.unres.json'), JSON.stringify({ corpus: { builtin: false, paths: ['earlier'] } }));
      const untrusted = { corpus: { builtin: true, paths: [] }, workspaceTrusted: false };
      const c = await LspClient.start({ rootUri: pathToFileURL(folder).toString(), capabilities: CAPABILITIES, initializationOptions: untrusted, settings: { unres: untrusted } });
      try {
        await c.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready, 4 documents/.test(p.message), 20000, 0);
        // Trust granted: the client's settings say so, and the folder's corpus is read.
        c.setSettings({ unres: { ...untrusted, workspaceTrusted: true } });
        await c.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready, 1 documents/.test(p.message), 20000, 0);
      } finally {
        await c.shutdown();
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe('unres/checkWorkspace', () => {
    it('publishes the diagnostics of drafts that are not open, with progress on the client token', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-check-'));
      const c = await LspClient.start({ rootUri: pathToFileURL(folder).toString(), capabilities: CAPABILITIES });
      try {
        // Asked at once, while the corpus is still being indexed: the check waits for it.
        const files = ['a.unres', 'sub/b.unres.md', 'node_modules/x.unres', '.hidden/y.unres', 'notes.txt'].map((rel) => {
          const file = path.join(folder, rel);
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, draft());
          return pathToFileURL(file).toString();
        });
        const result = await c.request(CheckWorkspaceRequest.method, { workDoneToken: 'check-1' }, 30000);
        assert.deepStrictEqual(result, { files: 2, checked: 2, problems: 8, unreadable: 0, cancelled: false });
        for (const uri of files.slice(0, 2)) {
          const ds = c.diagnostics(uri);
          assert.deepStrictEqual(codes(ds ?? []), ['echo', 'echo', 'punctuation', 'verb-prefix'], uri);
        }
        for (const uri of files.slice(2)) assert.strictEqual(c.diagnostics(uri), undefined, `${uri} is not a draft of the workspace`);
        const progress = c.notifications.filter((m) => m.method === '$/progress' && m.params.token === 'check-1').map((m) => m.params.value.kind);
        assert.strictEqual(progress[0], 'begin');
        assert.strictEqual(progress[progress.length - 1], 'end');
        assert.ok(progress.includes('report'));
        assert.deepStrictEqual(c.protocolErrors, []);
      } finally {
        await c.shutdown();
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('stops when its progress is cancelled, having published the files checked so far', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-check-'));
      const c = await LspClient.start({ rootUri: pathToFileURL(folder).toString(), capabilities: CAPABILITIES });
      try {
        const seed = fs.readFileSync(path.join(SEEDS, 'A-RES-79-40.txt'), 'utf8');
        const uris = Array.from({ length: 40 }, (_, i) => {
          const file = path.join(folder, `d${String(i).padStart(2, '0')}.unres`);
          fs.writeFileSync(file, seed.replace(/2024/g, String(1900 + i)));
          return pathToFileURL(file).toString();
        });
        const answer = c.request(CheckWorkspaceRequest.method, { uris }, 60000);
        const begun = await c.waitForNotification<{ token: string; value: { kind: string } }>('$/progress', (p) => p.value.kind === 'report', 30000, 0);
        assert.ok(c.progressTokens.includes(begun.token), 'a progress the server created');
        c.notify('window/workDoneProgress/cancel', { token: begun.token });
        const result = await answer;
        assert.strictEqual(result.cancelled, true);
        assert.ok(result.checked < 40, JSON.stringify(result));
        const published = uris.filter((u) => c.diagnostics(u) !== undefined).length;
        assert.strictEqual(published, result.checked);
      } finally {
        await c.shutdown();
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('stops at $/cancelRequest', async () => {
      // The client gives up on the request (its timeout sends $/cancelRequest) long before 400 drafts are checked.
      const seed = fs.readFileSync(path.join(SEEDS, 'A-RES-79-40.txt'), 'utf8');
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-check-'));
      const uris = Array.from({ length: 400 }, (_, i) => {
        const file = path.join(folder, `d${i}.unres`);
        fs.writeFileSync(file, seed);
        return pathToFileURL(file).toString();
      });
      try {
        await assert.rejects(client.request(CheckWorkspaceRequest.method, { uris }, 300), /no answer within 300 ms/);
        const published = () => uris.filter((u) => client.diagnostics(u) !== undefined).length;
        // The file under way when the cancellation came in may still be published, no more.
        await new Promise((r) => setTimeout(r, 500));
        const soon = published();
        await new Promise((r) => setTimeout(r, 1500));
        assert.strictEqual(published(), soon);
        assert.ok(soon < uris.length, `${soon} of ${uris.length}`);
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
