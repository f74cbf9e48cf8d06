// Protocol tests of Compare with Predecessor through `dist/server.js --stdio`: the `unres/compare`
// request (any client: Neovim, Emacs…) and the code lenses naming each paragraph's counterpart.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { CompareResponse } from '../../shared/protocol';
import { LspClient, ResponseError, getText } from './lspClient';
import { CompareRequest } from '../../shared/protocol';

const ROOT = path.resolve(__dirname, '../../..');
const SEEDS = path.join(ROOT, 'seeds');
const seed = (f: string) => fs.readFileSync(path.join(SEEDS, f), 'utf8');
const BUILTIN = { unres: { corpus: { builtin: true, paths: [] } } };
const TITLE = '小武器和轻武器非法贸易的各方面问题';
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('protocol: Compare with Predecessor', function () {
  this.timeout(60000);
  let client: LspClient;
  let tmp: string;
  let firstRefresh: Promise<void>;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-compare-'));
    client = await LspClient.start({ settings: BUILTIN, capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
    firstRefresh = new Promise((resolve) =>
      client.onRequest('workspace/codeLens/refresh', () => {
        resolve();
        return null;
      }),
    );
    await client.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready/.test(p.message), 30000, 0);
  });
  after(async () => {
    await client?.shutdown();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(() => assert.deepStrictEqual(client.protocolErrors, []));

  const compare = (uri: string, against?: string) => client.request<CompareResponse>(CompareRequest.method, { textDocument: { uri }, against }, 30000);

  it('asks the client to refresh its code lenses once the corpus is ready', async () => {
    // The request follows the corpus-ready log message: wait for it (the test's timeout fails it).
    await firstRefresh;
    assert.ok(client.serverRequests.some((r) => r.method === 'workspace/codeLens/refresh'));
    assert.deepStrictEqual(client.initializeResult.capabilities.codeLensProvider, { resolveProvider: false });
  });

  describe('A/RES/79/40 opened as a draft', () => {
    const uri = 'file:///tmp/unres-draft-79-40.unres';
    const text = seed('A-RES-79-40.txt');
    before(() => client.openDocument(uri, text));

    it('compares it with A/RES/72/57, saying why, with the counts the CLI gives', async () => {
      const c = await compare(uri);
      assert.strictEqual(c.draft.symbol, 'A/RES/79/40');
      assert.strictEqual(c.predecessor.symbol, 'A/RES/72/57');
      assert.strictEqual(c.predecessor.file, path.join(SEEDS, 'A-RES-72-57.md'));
      assert.match(c.predecessor.reason, /标题相同.*same title/);
      const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'compare', path.join(SEEDS, 'A-RES-79-40.txt'), '--format', 'json', '--no-cache'], { encoding: 'utf8' });
      assert.strictEqual(cli.status, 0, cli.stderr);
      assert.deepStrictEqual(c.summary, JSON.parse(cli.stdout).summary);
      assert.strictEqual(c.summary.draftParagraphs, 59);
      assert.strictEqual(c.technicalUpdate, false);
    });

    it('gives each draft paragraph its range (UTF-16 positions in the Chinese text)', async () => {
      const c = await compare(uri);
      const rows = c.rows.filter((r) => r.draft);
      assert.strictEqual(rows.length, 59);
      for (const r of rows) {
        const shown = squeeze(getText(text, r.draft!.range));
        assert.ok(shown.includes(squeeze(r.draft!.text).slice(0, 10)), `${r.draft!.label}: ${shown.slice(0, 40)}`);
      }
      // The session updated in the last paragraph: a technical update, old and new marked.
      const last = rows[rows.length - 1];
      assert.strictEqual(last.cls, 'technical');
      assert.deepStrictEqual(last.diff.filter((d) => d.op !== 'equal').map((d) => d.text), ['第七十三届', '第八十届']);
    });

    it('code lenses: each paragraph names its counterpart, dropped paragraphs where they stood', async () => {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }, 30000);
      const line = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;
      const on = (needle: string) => lenses.filter((l) => l.range.start.line === line(needle)).map((l) => l.command?.title);
      assert.deepStrictEqual(on('决定在大会第八十届会议临时议程'), ['≈ 72/57 OP23 · 日期更新 dates updated']);
      assert.deepStrictEqual(on('念及《行动纲领》各次后续会议'), ['= 72/57 PP6']);
      // 72/57 PP7 (the 2015 and 2016 meetings) is gone: its lens is on the paragraph now there.
      assert.deepStrictEqual(on('欢迎 2024 年 6 月 17 日'), ['删除 dropped: 72/57 PP7', '~ 72/57 PP8 · 措辞修改 wording changed']);
      assert.deepStrictEqual(on('认识到需要加强妇女对'), ['删除 dropped: 72/57 PP9', '+ 新增 new']);
      assert.strictEqual(lenses.filter((l) => !/^删除/.test(l.command!.title)).length, 59);
      for (const l of lenses) assert.strictEqual(l.command?.command, 'unres.compareWithPredecessor');
    });

    it('compares with another resolution when asked: a corpus symbol, or a file outside the corpus', async () => {
      const named = await compare(uri, '61/66');
      assert.strictEqual(named.predecessor.symbol, 'A/RES/61/66');
      assert.match(named.predecessor.reason, /按指定 as named/);
      const file = path.join(tmp, 'elsewhere.txt');
      fs.writeFileSync(file, seed('A-RES-58-241.txt'));
      for (const against of [file, pathToFileURL(file).toString()]) {
        const c = await compare(uri, against);
        assert.strictEqual(c.predecessor.symbol, 'A/RES/58/241');
        assert.strictEqual(c.predecessor.file, file);
      }
    });

    it('code lenses follow the predecessor last named, until one is found again', async () => {
      const lensesOf = () => client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }, 30000);
      const refreshes = () => client.serverRequests.filter((r) => r.method === 'workspace/codeLens/refresh').length;
      const before = refreshes();
      await compare(uri, '61/66');
      assert.ok(refreshes() > before, 'the client is asked to refresh its lenses');
      const named = await lensesOf();
      assert.ok(named.length > 0);
      assert.ok(named.every((l) => / 61\/66 |^\+ 新增 new/.test(l.command!.title)), JSON.stringify(named.map((l) => l.command!.title)));
      // Clicked, a lens shows the same comparison: it names the file.
      assert.deepStrictEqual(named[0].command!.arguments, [path.join(SEEDS, 'A-RES-61-66.txt')]);
      await compare(uri);
      const found = await lensesOf();
      assert.ok(found.some((l) => / 72\/57 /.test(l.command!.title)));
      assert.strictEqual(found[0].command!.arguments, undefined);
    });

    it('says clearly what is wrong: an unknown symbol, a file that is not a resolution, a document not open', async () => {
      const failure = async (p: Promise<unknown>) => {
        const e = await p.then(() => undefined, (x: unknown) => x);
        assert.ok(e instanceof ResponseError, String(e));
        assert.strictEqual(e.code, -32803);
        return e.message;
      };
      assert.match(await failure(compare(uri, 'A/RES/1/1')), /语料中没有 A\/RES\/1\/1.*is not in the corpus/);
      const binary = path.join(tmp, 'binary.txt');
      fs.writeFileSync(binary, Buffer.from([0, 1, 2, 0, 255, 0]));
      assert.match(await failure(compare(uri, binary)), /not a text file/);
      assert.match(await failure(compare('file:///tmp/never-opened.unres')), /not an open unres document/);
    });
  });

  it('a draft without a title or wording from the corpus: no predecessor, no lenses, and a message saying so', async () => {
    const uri = 'file:///tmp/unres-unrelated.unres';
    client.openDocument(uri, '大会，\n\n注意到今年的天气格外晴朗，\n\n1. 决定明年再议。\n');
    const e = await compare(uri).then(() => undefined, (x: unknown) => x);
    assert.ok(e instanceof ResponseError);
    assert.match(e.message, /草案没有标题.*the draft has no title/);
    assert.deepStrictEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
  });

  it('a new paragraph says where else its wording is found', async () => {
    // A draft of the 62nd session: its predecessor is 61/66, which rewrote 58/241's PP6 beyond recognition.
    const uri = 'file:///tmp/unres-session-62.unres';
    const from58 = '满意地注意到正在进行区域努力，以支助《行动纲领》的实施，';
    client.openDocument(uri, ['第六十二届会议', '', TITLE, '', '大会，', '', from58, '', '1. 决定继续处理这一问题。', ''].join('\n'));
    const c = await compare(uri);
    assert.strictEqual(c.predecessor.symbol, 'A/RES/61/66');
    assert.match(c.predecessor.reason, /第 61 届会议，早于本草案的第 62 届/);
    const row = c.rows.find((r) => r.draft?.label === 'PP1');
    assert.strictEqual(row?.cls, 'new');
    assert.strictEqual(row?.echoes?.[0]?.symbol, 'A/RES/58/241');
    assert.strictEqual(row?.echoes?.[0]?.paragraph, 'PP6');
    assert.strictEqual(row?.echoes?.[0]?.score, 1);
  });
});
