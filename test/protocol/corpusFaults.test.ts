// Protocol tests of a corpus folder with bad files, through `dist/server.js --stdio` and real
// temp folders: a symlink loop, a self-referencing symlink, a binary, an empty and an unreadable
// file, and a corpus path that does not exist. The server stays up, the good file's echoes are
// reported, every skipped file is logged with its reason, and the user is told once per load
// (a missing path once while the server runs). Also a cache file full of garbage: rebuilt.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { CorpusStatus, CorpusStatusNotification } from '../../shared/protocol';
import { LspClient } from './lspClient';
import { DRAFT_72_57_PP4_OP1 } from './drafts';

const SEEDS = path.join(__dirname, '../../../seeds');
const URI = 'file:///tmp/unres-corpus-faults-draft.unres';
const DRAFT = DRAFT_72_57_PP4_OP1;


function shownMessages(client: LspClient): { type: number; message: string }[] {
  return [
    ...client.notifications.filter((n) => n.method === 'window/showMessage').map((n) => n.params),
    ...client.serverRequests.filter((r) => r.method === 'window/showMessageRequest').map((r) => r.params),
  ];
}

function logged(client: LspClient, pattern: RegExp, timeoutMs = 20000, since = 0): Promise<string> {
  return client
    .waitForNotification<{ message: string }>('window/logMessage', (p) => pattern.test(p.message), timeoutMs, since)
    .then((p) => p.message);
}

async function echoes(client: LspClient, uri = URI): Promise<Diagnostic[]> {
  client.openDocument(uri, DRAFT);
  const diags = await client.waitForDiagnostics(uri, (d) => d.filter((x) => x.code === 'echo').length === 2, 20000);
  return diags.filter((d) => d.code === 'echo');
}

describe('protocol: corpus files that are skipped', () => {
  let tmp: string;
  let corpusDir: string;
  let missing: string;
  /** Whether chmod 000 makes a file unreadable here (not for root). */
  let lockWorks = false;
  const clients: LspClient[] = [];

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-protocol-faults-'));
    corpusDir = path.join(tmp, 'corpus');
    missing = path.join(tmp, 'no-such-corpus');
    fs.mkdirSync(path.join(corpusDir, 'sub'), { recursive: true });
    fs.copyFileSync(path.join(SEEDS, 'A-RES-72-57.md'), path.join(corpusDir, 'A-RES-72-57.md'));
    // Dated in the past: the index cache keeps no file modified just before a load.
    const past = new Date('2024-01-02T03:04:05Z');
    fs.utimesSync(path.join(corpusDir, 'A-RES-72-57.md'), past, past);
    fs.symlinkSync(corpusDir, path.join(corpusDir, 'sub', 'loop'));
    fs.symlinkSync(path.join(corpusDir, 'self.txt'), path.join(corpusDir, 'self.txt'));
    fs.writeFileSync(path.join(corpusDir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]));
    fs.writeFileSync(path.join(corpusDir, 'empty.txt'), '');
    const locked = path.join(corpusDir, 'locked.txt');
    fs.copyFileSync(path.join(SEEDS, 'A-RES-61-66.txt'), locked);
    fs.chmodSync(locked, 0o000);
    try {
      fs.readFileSync(locked);
      // Root reads a file whatever its mode: that case cannot be made here.
      console.log('      (running as root: chmod 000 leaves the file readable, so the unreadable-file case is not checked)');
      fs.rmSync(locked);
    } catch {
      lockWorks = true;
    }
  });

  after(() => {
    try {
      fs.chmodSync(path.join(corpusDir, 'locked.txt'), 0o644);
    } catch {
      // removed above, as root
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.shutdown()));
  });

  const start = async (paths: string[], xdg = fs.mkdtempSync(path.join(tmp, 'xdg-'))) => {
    const client = await LspClient.start({ settings: { unres: { corpus: { builtin: false, paths } } }, env: { XDG_CACHE_HOME: xdg } });
    clients.push(client);
    return client;
  };

  it('stays up, reports the good file\'s echoes, logs each skipped file, and tells the user once', async () => {
    const client = await start([corpusDir, missing]);
    const expected: [string, RegExp][] = [
      [path.join(corpusDir, 'sub', 'loop'), /symlink loop/],
      [path.join(corpusDir, 'self.txt'), /ELOOP/],
      [path.join(corpusDir, 'binary.txt'), /not a text file/],
      [path.join(corpusDir, 'empty.txt'), /empty/],
      [missing, /ENOENT/],
    ];
    if (lockWorks) expected.push([path.join(corpusDir, 'locked.txt'), /EACCES/]);
    const ready = await logged(client, /corpus ready/);
    assert.match(ready, new RegExp(`corpus ready, 1 documents .* ${expected.length} skipped`));
    for (const [file, reason] of expected) {
      const line = await logged(client, new RegExp(`skipped ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`), 1000);
      assert.match(line, reason, line);
    }
    assert.strictEqual((await echoes(client)).length, 2);

    const statuses = client.notifications.filter((n) => n.method === CorpusStatusNotification.method).map((n) => n.params as CorpusStatus);
    assert.deepStrictEqual(statuses, [
      { state: 'indexing', documents: 0, skipped: 0 },
      { state: 'ready', documents: 1, skipped: expected.length },
    ]);

    const files = expected.length - 1;
    const summary = shownMessages(client).filter((m) => /被跳过/.test(m.message));
    assert.strictEqual(summary.length, 1, JSON.stringify(shownMessages(client)));
    assert.match(summary[0].message, new RegExp(`语料中有 ${files} 个文件被跳过 ${files} corpus files skipped — .*see the output`));
    const notFound = shownMessages(client).filter((m) => m.message.includes(missing));
    assert.strictEqual(notFound.length, 1, JSON.stringify(shownMessages(client)));
    assert.match(notFound[0].message, /语料路径不存在 corpus path not found/);
    assert.strictEqual(shownMessages(client).length, 2, JSON.stringify(shownMessages(client)));

    // New settings, the same missing path: a new load, its own summary, and the missing path not again.
    const extra = fs.mkdtempSync(path.join(tmp, 'extra-'));
    fs.copyFileSync(path.join(SEEDS, 'A-RES-79-40.txt'), path.join(extra, 'A-RES-79-40.txt'));
    const mark = client.mark();
    client.setSettings({ unres: { corpus: { builtin: false, paths: [corpusDir, missing, extra] } } });
    await logged(client, /corpus ready, 2 documents/, 20000, mark);
    await client.waitForNotification<CorpusStatus>(CorpusStatusNotification.method, (s) => s.state === 'ready' && s.documents === 2, 5000, 0);
    // The summary follows the `ready` status: wait for it rather than race it.
    const summaries = () => shownMessages(client).filter((m) => /被跳过/.test(m.message)).length;
    for (const until = Date.now() + 5000; summaries() < 2 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(summaries(), 2);
    assert.strictEqual(shownMessages(client).filter((m) => m.message.includes(missing)).length, 1);
    assert.strictEqual((await echoes(client, 'file:///tmp/unres-corpus-faults-draft-2.unres')).length, 2);
    assert.deepStrictEqual(client.protocolErrors, []);
  });

  it('a corpus of only a missing path: one message, no summary, and the server answers', async () => {
    const client = await start([missing]);
    await logged(client, /corpus ready, 0 documents/);
    await client.waitForNotification<CorpusStatus>(CorpusStatusNotification.method, (s) => s.state === 'ready', 5000, 0);
    const uri = 'file:///tmp/unres-corpus-faults-empty.unres';
    client.openDocument(uri, DRAFT);
    await client.waitForDiagnostics(uri);
    assert.deepStrictEqual(
      shownMessages(client).map((m) => m.message),
      [`unres: 语料路径不存在 corpus path not found: ${missing}`],
    );
  });

  it('rebuilds an index cache file full of garbage: echoes still work, and the file is rewritten valid', async () => {
    const xdg = fs.mkdtempSync(path.join(tmp, 'xdg-'));
    const file = path.join(xdg, 'unres', 'corpus-index.bin');
    fs.mkdirSync(path.dirname(file));
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    fs.writeFileSync(file, garbage);
    const client = await start([corpusDir], xdg);
    assert.match(await logged(client, /corpus ready/), /1 documents \(0 from the index cache/);
    assert.strictEqual((await echoes(client)).length, 2);
    await logged(client, /index cache saved/);
    await client.shutdown();
    assert.strictEqual(fs.readFileSync(file).toString('latin1', 0, 8), 'UNRESIDX');

    const again = await start([corpusDir], xdg);
    assert.match(await logged(again, /corpus ready/), /1 documents \(1 from the index cache/);
    assert.strictEqual((await echoes(again)).length, 2);
  });
});
