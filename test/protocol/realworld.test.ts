// Real-world shapes (issue 13) as an editor sees them through `dist/server.js --stdio`: a text
// in which nothing was recognised says so, a Security Council resolution's outline and links
// carry its own symbols, and a Traditional copy of a seed paragraph is an echo of the seed.
// Positions are checked in UTF-16 on the Chinese text.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic, DocumentLink, DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspClient, getText } from './lspClient';

const TEXTS = path.join(__dirname, '../../../test/realworld/texts');
const SEEDS = path.join(__dirname, '../../../seeds');
const readText = (name: string) => fs.readFileSync(path.join(TEXTS, name), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenCC = require('opencc-js') as { Converter(o: { from: string; to: string }): (s: string) => string };
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

describe('protocol: real-world shapes (issue 13)', function () {
  this.timeout(30000);
  let client: LspClient;
  let cacheDir: string;
  let n = 0;
  const uri = (name: string) => `file:///tmp/unres-realworld/${++n}-${name}`;

  before(async () => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-cache-'));
    client = await LspClient.start({ initializationOptions: { corpus: { builtin: true, paths: [] } }, env: { XDG_CACHE_HOME: cacheDir } });
    await client.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready, 4 documents/.test(p.message), 20000, 0);
  });

  after(async () => {
    const exit = await client?.shutdown();
    fs.rmSync(cacheDir, { recursive: true, force: true });
    assert.deepStrictEqual(exit, { code: 0, signal: null });
  });

  it('a Chinese text where no paragraph is found gets a warning saying so and why, on its first line', async () => {
    const u = uri('notes.unres');
    const text = readText('meeting-notes.txt');
    client.openDocument(u, text);
    const ds = await client.waitForDiagnostics(u);
    assert.deepStrictEqual(ds.map((d) => [d.code, d.severity]), [['nothing-recognised', 2]]);
    assert.strictEqual(getText(text, ds[0].range), '第一委员会非正式磋商记录');
    assert.match(String(ds[0].message), /未识别出任何段落.*No paragraph recognised/);
    // Typed into a resolution, the warning goes.
    client.changeDocument(u, `${text}大会，\n回顾其第 78/46 号决议，\n1. 请秘书长提出报告。\n`);
    const after = await client.waitForDiagnostics(u, (d) => !d.some((x) => x.code === 'nothing-recognised'));
    assert.ok(!after.some((d) => d.code === 'nothing-recognised'));
  });

  it('an English text gets one information message and nothing else', async () => {
    const u = uri('english.unres');
    client.openDocument(u, readText('english.txt'));
    const ds = await client.waitForDiagnostics(u);
    assert.deepStrictEqual(ds.map((d) => [d.code, d.severity]), [['not-chinese', 3]]);
  });

  it('a Security Council resolution: S/RES/1540 (2004) in the outline, S/RES/…(YYYY) links, no 又/还 advice', async () => {
    const u = uri('sc-1540.unres');
    const text = readText('sc-1540.txt');
    client.openDocument(u, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.deepStrictEqual([symbols[0].name, symbols[0].detail], ['第 1540 (2004) 号决议', 'S/RES/1540 (2004)']);
    assert.deepStrictEqual(symbols.slice(1, 3).map((s) => s.name), ['序言部分 Preamble (5)', '执行部分 Operative (5)']);
    const last = symbols[symbols.length - 1];
    assert.strictEqual(getText(text, last.range), '2004 年 4 月 28 日安全理事会第 4956 次会议通过');
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: u } });
    const sc = links.find((l) => l.target === 'https://undocs.org/ch/S/RES/1373(2001)');
    assert.ok(sc, JSON.stringify(links.map((l) => l.target)));
    assert.strictEqual(getText(text, sc.range), '第 1373 (2001) 号决议');
    const ds: Diagnostic[] = await client.waitForDiagnostics(u);
    assert.ok(!ds.some((d) => d.code === 'verb-prefix'), JSON.stringify(ds.map((d) => d.message)));
  });

  it('a Traditional copy of a seed paragraph is an echo of it, its range the paragraph', async () => {
    const seed = fs.readFileSync(path.join(SEEDS, 'A-RES-72-57.md'), 'utf8');
    const simplified = seed.split('\n').find((l) => l.startsWith('1. **着重指出**'))!.replace(/\*\*/g, '');
    // A/RES/72/57 OP1 as a Taiwan copy gives it.
    const op1 = toTraditional(simplified);
    assert.ok(op1.startsWith('1. 著重指出要解決小武器和輕武器非法貿易的各方面問題'), op1);
    const text = ['小武器和輕武器非法貿易的各方面問題', '大會，', op1, ''].join('\n');
    const u = uri('traditional.unres');
    client.openDocument(u, text);
    const ds = await client.waitForDiagnostics(u);
    const echo = ds.find((d) => d.code === 'echo');
    assert.ok(echo, JSON.stringify(ds.map((d) => [d.code, d.message])));
    assert.strictEqual(getText(text, echo.range), op1);
    const best = (echo.data as { matches: { symbol: string; paragraph: string; score: number }[] }).matches[0];
    assert.deepStrictEqual([best.symbol, best.paragraph, best.score], ['A/RES/72/57', 'OP1', 1]);
  });
});
