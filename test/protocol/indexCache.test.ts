// Protocol tests of the corpus index cache through `dist/server.js --stdio`: where the server
// puts it (`$XDG_CACHE_HOME/unres`, or the client's `storagePath`), that a second start takes the
// corpus from it and still reports echoes, and that a spoilt cache file only costs a rebuild.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { DRAFT_72_57_PP4_OP1 } from './drafts';

const FILE = 'corpus-index.bin';
const URI = 'file:///tmp/unres-index-cache-draft.unres';
const DRAFT = DRAFT_72_57_PP4_OP1;
const SETTINGS = { unres: { corpus: { builtin: true, paths: [] } } };

function logged(client: LspClient, pattern: RegExp, timeoutMs = 20000): Promise<string> {
  return client
    .waitForNotification<{ message: string }>('window/logMessage', (p) => pattern.test(p.message), timeoutMs, 0)
    .then((p) => p.message);
}

/** The echo diagnostics of the draft once the corpus is loaded. */
async function echoes(client: LspClient): Promise<Diagnostic[]> {
  client.openDocument(URI, DRAFT);
  const diags = await client.waitForDiagnostics(URI, (d) => d.filter((x) => x.code === 'echo').length === 2, 20000);
  return diags.filter((d) => d.code === 'echo');
}

describe('protocol: corpus index cache', () => {
  const temps: string[] = [];
  const clients: LspClient[] = [];
  const temp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-protocol-cache-'));
    temps.push(dir);
    return dir;
  };
  const start = async (options: Parameters<typeof LspClient.start>[0]) => {
    const client = await LspClient.start({ settings: SETTINGS, ...options });
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.shutdown()));
    for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is written under $XDG_CACHE_HOME/unres, and a second start takes the corpus from it with the same echoes', async () => {
    const xdg = temp();
    const first = await start({ env: { XDG_CACHE_HOME: xdg } });
    assert.match(await logged(first, /corpus ready/), /corpus ready, 4 documents \(0 from the index cache/);
    const saved = await logged(first, /index cache saved/);
    const file = path.join(xdg, 'unres', FILE);
    assert.ok(saved.includes(file), saved);
    assert.ok(fs.statSync(file).size > 0);
    const before = await echoes(first);
    await first.shutdown();
    const mtime = fs.statSync(file).mtimeMs;

    const second = await start({ env: { XDG_CACHE_HOME: xdg } });
    assert.match(await logged(second, /corpus ready/), /corpus ready, 4 documents \(4 from the index cache, 0 skipped\)/);
    const after = await echoes(second);
    assert.deepStrictEqual(after, before);
    assert.ok(after.every((d) => /A\/RES\/72\/57/.test(String(d.message))), JSON.stringify(after.map((d) => d.message)));
    assert.strictEqual(fs.statSync(file).mtimeMs, mtime, 'unchanged corpus: the cache is not rewritten');
    assert.deepStrictEqual(second.protocolErrors, []);
  });

  it('goes to the storagePath the client passes, not to $XDG_CACHE_HOME', async () => {
    const xdg = temp();
    const storage = path.join(temp(), 'globalStorage', 'unres.unres');
    const client = await start({ env: { XDG_CACHE_HOME: xdg }, initializationOptions: { ...SETTINGS.unres, storagePath: storage } });
    const saved = await logged(client, /index cache saved/);
    assert.ok(saved.includes(path.join(storage, FILE)), saved);
    assert.ok(fs.existsSync(path.join(storage, FILE)));
    assert.ok(!fs.existsSync(path.join(xdg, 'unres')));
    assert.strictEqual((await echoes(client)).length, 2);
  });

  it('rebuilds a corrupt cache file, saying so once, and reports echoes meanwhile', async () => {
    const xdg = temp();
    fs.mkdirSync(path.join(xdg, 'unres'));
    fs.writeFileSync(path.join(xdg, 'unres', FILE), 'UNRESIDX but nothing that follows makes sense');
    const client = await start({ env: { XDG_CACHE_HOME: xdg } });
    assert.match(await logged(client, /corpus ready/), /4 documents \(0 from the index cache/);
    assert.strictEqual((await echoes(client)).length, 2);
    await logged(client, /index cache saved/);
    const ignored = client.notifications.filter((n) => n.method === 'window/logMessage' && /index cache .* ignored/.test(n.params.message));
    assert.strictEqual(ignored.length, 1);
    await client.shutdown();

    const again = await start({ env: { XDG_CACHE_HOME: xdg } });
    assert.match(await logged(again, /corpus ready/), /4 documents \(4 from the index cache/);
  });

  it('runs without a cache when its folder cannot be made', async () => {
    const blocker = path.join(temp(), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const client = await start({ env: { XDG_CACHE_HOME: blocker } });
    await logged(client, /cannot write the index cache/);
    assert.strictEqual((await echoes(client)).length, 2);
  });
});
