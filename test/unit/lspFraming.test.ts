// The protocol-test harness (test/protocol/lspClient.ts) without the real server: the raw
// framing of test/protocol/framing.ts (which serverBin.test.ts and the fake server below write
// and read bytes with) fed awkward byte chunks, the text helpers (over
// vscode-languageserver-textdocument) on Chinese text, surrogate pairs and CRLF, and the client
// (over vscode-jsonrpc) against a tiny fake server written to a temporary folder.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  FramingError,
  LspClient,
  MessageParser,
  RpcMessage,
  applyContentChanges,
  applyTextEdits,
  editsFor,
  encodeMessage,
  getText,
  offsetAt,
  positionAt,
} from '../protocol/lspClient';

const CHINESE = '回顾其 2023 年 12 月 4 日第 78/46 号决议，𠀀';

function message(n: number, text = CHINESE): RpcMessage {
  return { jsonrpc: '2.0', id: n, method: 'test/echo', params: { text } };
}

/** Feeds `bytes` cut at `cuts` (byte offsets) and returns every message parsed. */
function feed(parser: MessageParser, bytes: Buffer, cuts: number[]): RpcMessage[] {
  const out: RpcMessage[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...parser.push(bytes.subarray(from, cut)));
    from = cut;
  }
  return out;
}

function edit(sl: number, sc: number, el: number, ec: number, newText: string): TextEdit {
  return { range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, newText };
}

describe('LSP harness: framing', () => {
  it('counts Content-Length in UTF-8 bytes, not characters', () => {
    const frame = encodeMessage(message(1));
    const text = frame.toString('utf8');
    const header = /^Content-Length: (\d+)\r\n\r\n/.exec(text);
    assert.ok(header);
    const body = JSON.stringify(message(1));
    assert.strictEqual(Number(header[1]), Buffer.byteLength(body, 'utf8'));
    assert.notStrictEqual(Number(header[1]), body.length, 'Chinese text makes bytes and characters differ');
    assert.strictEqual(frame.length, header[0].length + Number(header[1]));
  });

  it('parses a message split in the middle of a multi-byte character', () => {
    const frame = encodeMessage(message(1));
    const bodyStart = frame.indexOf('\r\n\r\n') + 4;
    const hui = frame.indexOf(Buffer.from('回', 'utf8'), bodyStart);
    assert.ok(hui > 0);
    const parser = new MessageParser();
    assert.deepStrictEqual(parser.push(frame.subarray(0, hui + 1)), []);
    assert.deepStrictEqual(parser.push(frame.subarray(hui + 1, hui + 2)), []);
    const got = parser.push(frame.subarray(hui + 2));
    assert.deepStrictEqual(got, [message(1)]);
    assert.strictEqual(parser.pendingBytes, 0);
  });

  it('parses a message split inside a surrogate pair (a 4-byte character)', () => {
    const frame = encodeMessage(message(7));
    const at = frame.indexOf(Buffer.from('𠀀', 'utf8'));
    const got = feed(new MessageParser(), frame, [at + 1, at + 2, at + 3]);
    assert.deepStrictEqual(got, [message(7)]);
  });

  it('parses a message split in the middle of the header and of the blank line', () => {
    const frame = encodeMessage(message(2));
    const parser = new MessageParser();
    // "Conte" | "nt-Length: 1" | "23\r" | "\n\r" | "\n{..." (end of header split everywhere)
    const crlf = frame.indexOf('\r\n\r\n');
    const got = feed(parser, frame, [5, 17, crlf + 1, crlf + 3, crlf + 10]);
    assert.deepStrictEqual(got, [message(2)]);
  });

  it('parses two messages in one chunk, and a chunk that ends inside the second', () => {
    const two = Buffer.concat([encodeMessage(message(1)), encodeMessage(message(2, '大会，'))]);
    assert.deepStrictEqual(new MessageParser().push(two), [message(1), message(2, '大会，')]);

    const three = Buffer.concat([two, encodeMessage(message(3))]);
    const parser = new MessageParser();
    const cut = two.length + 30;
    assert.deepStrictEqual(parser.push(three.subarray(0, cut)), [message(1), message(2, '大会，')]);
    assert.deepStrictEqual(parser.push(three.subarray(cut)), [message(3)]);
  });

  it('gives the same messages whichever byte the stream is cut at', () => {
    const stream = Buffer.concat([encodeMessage(message(1)), encodeMessage(message(2, '“下一步行动”《行动纲领》')), encodeMessage({ jsonrpc: '2.0', method: 'x', params: {} })]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const got = feed(new MessageParser(), stream, [cut]);
      assert.strictEqual(got.length, 3, `cut at ${cut}`);
      assert.deepStrictEqual(got[1], message(2, '“下一步行动”《行动纲领》'), `cut at ${cut}`);
    }
    // And one byte at a time.
    const parser = new MessageParser();
    const got: RpcMessage[] = [];
    for (let i = 0; i < stream.length; i++) got.push(...parser.push(stream.subarray(i, i + 1)));
    assert.strictEqual(got.length, 3);
  });

  it('accepts other headers, in any case, and an explicit utf-8 charset', () => {
    const body = Buffer.from(JSON.stringify(message(4)), 'utf8');
    const frame = Buffer.concat([
      Buffer.from(`content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH: ${body.length}\r\n\r\n`, 'ascii'),
      body,
    ]);
    assert.deepStrictEqual(new MessageParser().push(frame), [message(4)]);
  });

  it('rejects a header without Content-Length, a bad length and a body that is not JSON', () => {
    assert.throws(() => new MessageParser().push('Content-Type: x\r\n\r\n{}'), FramingError);
    assert.throws(() => new MessageParser().push('Content-Length: abc\r\n\r\n{}'), FramingError);
    assert.throws(() => new MessageParser().push('Content-Length: 3\r\n\r\n{x}'), FramingError);
    // A length counted in characters instead of bytes cuts the body short: not JSON.
    const body = JSON.stringify(message(5));
    assert.throws(() => new MessageParser().push(`Content-Length: ${body.length}\r\n\r\n${body}`), FramingError);
  });
});

describe('LSP harness: positions and edits (UTF-16, CRLF/LF/CR)', () => {
  const text = '大会，\r\n回顾其第 78/46 号决议，\n𠀀强调\r又强调';
  //            line 0     line 1 (CRLF before)     line 2 (𠀀 is 2 units) line 3 (CR)

  it('converts offsets and positions in UTF-16 code units over every kind of line break', () => {
    assert.deepStrictEqual(positionAt(text, 0), { line: 0, character: 0 });
    assert.deepStrictEqual(positionAt(text, text.indexOf('回')), { line: 1, character: 0 });
    assert.deepStrictEqual(positionAt(text, text.indexOf('78')), { line: 1, character: 5 });
    assert.deepStrictEqual(positionAt(text, text.indexOf('强调')), { line: 2, character: 2 });
    assert.deepStrictEqual(positionAt(text, text.indexOf('又')), { line: 3, character: 0 });
    assert.deepStrictEqual(positionAt(text, text.length), { line: 3, character: 3 });
    for (let offset = 0; offset <= text.length; offset++) {
      const between = text[offset - 1] === '\r' && text[offset] === '\n';
      if (!between) assert.strictEqual(offsetAt(text, positionAt(text, offset)), offset, `offset ${offset}`);
    }
  });

  it('clamps like vscode-languageserver-textdocument', () => {
    assert.strictEqual(offsetAt(text, { line: 0, character: 99 }), 3, 'past the end of a line: before its break');
    assert.strictEqual(offsetAt(text, { line: 99, character: 0 }), text.length);
    assert.strictEqual(offsetAt(text, { line: -1, character: 5 }), 0);
    assert.deepStrictEqual(positionAt(text, 4), { line: 0, character: 3 }, 'between \\r and \\n: end of the line');
    assert.deepStrictEqual(positionAt(text, 999), positionAt(text, text.length));
  });

  it('reads the text of a range', () => {
    assert.strictEqual(getText(text, { start: { line: 1, character: 3 }, end: { line: 1, character: 14 } }), '第 78/46 号决议');
    assert.strictEqual(getText(text, { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } }), '𠀀');
  });

  it('applies several edits against the original text, in any order', () => {
    const edits = [
      edit(3, 0, 3, 1, '还'), // 又强调 → 还强调 (line after a CR)
      edit(1, 0, 1, 3, '重申'), // 回顾其 → 重申
      edit(2, 0, 2, 2, ''), // remove 𠀀 (two UTF-16 units)
      edit(0, 2, 0, 3, ','), // full-width comma → half-width
      edit(1, 14, 1, 15, '；'), // the comma after 决议 on the CRLF line
    ];
    assert.strictEqual(applyTextEdits(text, edits), '大会,\r\n重申第 78/46 号决议；\n强调\r还强调');
    assert.strictEqual(applyTextEdits(text, [...edits].reverse()), '大会,\r\n重申第 78/46 号决议；\n强调\r还强调');
  });

  it('keeps the order of inserts at one position, handles a range over a CRLF, and refuses overlaps', () => {
    assert.strictEqual(applyTextEdits(text, [edit(2, 2, 2, 2, '1'), edit(2, 2, 2, 2, '2')]).split('\n')[2], '𠀀12强调\r又强调');
    // Join lines 0 and 1: the range ends after the CRLF.
    assert.ok(applyTextEdits(text, [edit(0, 3, 1, 0, '')]).startsWith('大会，回顾其'));
    // Insert after a surrogate pair, at character 2 (not 1: that would split it).
    assert.strictEqual(applyTextEdits('𠀀大会', [edit(0, 2, 0, 2, '，')]), '𠀀，大会');
    assert.throws(() => applyTextEdits(text, [edit(1, 0, 1, 5, 'x'), edit(1, 3, 1, 6, 'y')]), /overlapping/);
  });

  it('agrees with vscode-languageserver-textdocument (which the server uses) on random text', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['大', '会', '，', '𠀀', ' ', 'a', '\r\n', '\n', '\r', '；'];
    for (let round = 0; round < 300; round++) {
      const t = Array.from({ length: random(30) }, () => pieces[random(pieces.length)]).join('');
      const doc = TextDocument.create('file:///r.unres', 'unres', 1, t);
      for (let offset = -1; offset <= t.length + 1; offset++) {
        assert.deepStrictEqual(positionAt(t, offset), doc.positionAt(offset), `positionAt ${JSON.stringify(t)} ${offset}`);
      }
      for (let line = -1; line <= doc.lineCount; line++) {
        for (let character = -1; character <= 8; character++) {
          assert.strictEqual(offsetAt(t, { line, character }), doc.offsetAt({ line, character }), `offsetAt ${JSON.stringify(t)} ${line}:${character}`);
        }
      }
      // Non-overlapping edits in random order.
      const cuts = Array.from({ length: 4 }, () => random(t.length + 1)).sort((a, b) => a - b);
      const edits: TextEdit[] = [
        { range: { start: doc.positionAt(cuts[0]), end: doc.positionAt(cuts[1]) }, newText: '又' },
        { range: { start: doc.positionAt(cuts[2]), end: doc.positionAt(cuts[3]) }, newText: '𠀀\r\n' },
      ];
      if (random(2)) edits.reverse();
      assert.strictEqual(applyTextEdits(t, edits), TextDocument.applyEdits(doc, edits), `applyTextEdits ${JSON.stringify(t)} ${cuts}`);
    }
  });

  it('applies incremental content changes one after the other', () => {
    const changed = applyContentChanges('回顾其决议，', [
      { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: '第 78/46 号' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '又' },
    ]);
    assert.strictEqual(changed, '又回顾其第 78/46 号决议，');
    assert.strictEqual(applyContentChanges('x', [{ text: '大会，' }]), '大会，');
  });

  it('extracts the edits of one document from a WorkspaceEdit in either form', () => {
    const e = edit(0, 0, 0, 1, '又');
    assert.deepStrictEqual(editsFor({ changes: { 'file:///a.unres': [e] } }, 'file:///a.unres'), [e]);
    assert.deepStrictEqual(editsFor({ documentChanges: [{ textDocument: { uri: 'file:///a.unres', version: 3 }, edits: [e] }] }, 'file:///a.unres'), [e]);
    assert.deepStrictEqual(editsFor({ changes: { 'file:///b.unres': [e] } }, 'file:///a.unres'), []);
  });
});

describe('LSP harness: the client against a fake server', function () {
  this.timeout(20000);
  let dir: string;
  let fake: string;
  const clients: LspClient[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-fake-lsp-'));
    fake = path.join(dir, 'fake-server.js');
    fs.writeFileSync(fake, FAKE_SERVER.replace('__HARNESS__', JSON.stringify(path.join(__dirname, '../protocol/lspClient.js'))));
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.shutdown(2000)));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(env: NodeJS.ProcessEnv = {}): Promise<LspClient> {
    const c = await LspClient.start({ serverPath: fake, env, settings: { unres: { corpus: { builtin: false, paths: ['语料'] } } }, initializationOptions: { storagePath: '/tmp/x' } });
    clients.push(c);
    return c;
  }

  it('initializes, answers configuration and registration, records diagnostics, shuts down', async () => {
    const c = await start();
    assert.strictEqual(c.initializeResult.serverInfo?.name, 'fake');
    // The fake echoes what initialize carried.
    const init = await c.waitForNotification('fake/initialized', () => true, 5000, 0);
    assert.deepStrictEqual(init.initializationOptions, { storagePath: '/tmp/x' });
    assert.deepStrictEqual(init.capabilities.general.positionEncodings, ['utf-16']);
    const config = await c.waitForNotification('fake/configuration', () => true, 5000, 0);
    assert.deepStrictEqual(config, [{ corpus: { builtin: false, paths: ['语料'] } }, ['语料'], null]);
    assert.strictEqual(c.registrations.length, 1);

    const uri = 'file:///tmp/草案.unres';
    c.openDocument(uri, '大会，\n回顾𠀀');
    const d1 = await c.waitForDiagnostics(uri);
    assert.strictEqual(d1[0].message, 'chars 8 bytes 20');
    c.changeDocument(uri, [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } }, text: '其' }]);
    assert.strictEqual(c.documentText(uri), '大会，\n回顾其');
    const d2 = await c.waitForDiagnostics(uri);
    assert.strictEqual(d2[0].message, 'chars 7 bytes 19');
    assert.deepStrictEqual(c.diagnostics(uri), d2);

    // A large Chinese payload survives the round trip (many chunks on the pipe).
    const big = '小武器和轻武器非法贸易的各方面问题𠀀'.repeat(20000);
    assert.strictEqual((await c.request('fake/echo', { text: big })).text, big);

    // An error answer, and the applyEdit the fake asks for.
    await assert.rejects(c.request('fake/fail'), /fake\/fail failed \(-32000\): 失败/);
    await c.request('fake/applyEdit');
    assert.strictEqual(c.appliedEdits.length, 1);

    c.setSettings({ unres: { corpus: { builtin: true, paths: [] } } });
    const again = await c.waitForNotification('fake/configuration');
    assert.deepStrictEqual(again[0], { corpus: { builtin: true, paths: [] } });

    assert.deepStrictEqual(c.protocolErrors, []);
    const exit = await c.shutdown();
    assert.strictEqual(exit.code, 0);
  });

  it('times out a request, and kills a server that ignores exit', async () => {
    const c = await start({ FAKE_IGNORE_EXIT: '1' });
    await assert.rejects(c.request('fake/hang', {}, 200), /no answer within 200 ms/);
    const exit = await c.shutdown(500);
    assert.strictEqual(exit.signal, 'SIGKILL');
  });

  it('rejects pending requests when the server dies, with its stderr', async () => {
    const c = await start();
    await assert.rejects(c.request('fake/crash'), /server exited \(code 3[\s\S]*崩溃了/);
    await c.shutdown();
  });
});

/** A minimal LSP server in plain JavaScript built on the harness's own framing. */
const FAKE_SERVER = `
const { MessageParser, encodeMessage } = require(__HARNESS__);
const parser = new MessageParser();
if (process.env.FAKE_IGNORE_EXIT) setInterval(() => {}, 1 << 30);
const send = (m) => {
  // Write in small pieces, cutting characters apart, to exercise the client's parser.
  const frame = encodeMessage(m);
  for (let i = 0; i < frame.length; i += 7) process.stdout.write(frame.subarray(i, i + 7));
};
let nextId = 1;
const waiting = new Map();
const ask = (method, params, then) => { const id = 'srv' + nextId++; waiting.set(id, then); send({ jsonrpc: '2.0', id, method, params }); };
const notify = (method, params) => send({ jsonrpc: '2.0', method, params });
const docs = new Map();
const publish = (uri) => {
  const text = docs.get(uri);
  notify('textDocument/publishDiagnostics', { uri, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'chars ' + text.length + ' bytes ' + Buffer.byteLength(text) }] });
};
const pullConfig = () => ask('workspace/configuration', { items: [{ section: 'unres' }, { section: 'unres.corpus.paths' }, { section: 'nothing' }] }, (r) => notify('fake/configuration', r));
process.stdin.on('data', (chunk) => { for (const m of parser.push(chunk)) handle(m); });
function handle(m) {
  if (m.method === undefined) { const then = waiting.get(m.id); waiting.delete(m.id); if (then) then(m.result); return; }
  const reply = (result) => send({ jsonrpc: '2.0', id: m.id, result });
  switch (m.method) {
    case 'initialize':
      notify('fake/initialized', m.params);
      return reply({ capabilities: { textDocumentSync: 2 }, serverInfo: { name: 'fake' } });
    case 'initialized':
      ask('client/registerCapability', { registrations: [{ id: 'r1', method: 'workspace/didChangeConfiguration', registerOptions: {} }] }, () => {});
      ask('window/workDoneProgress/create', { token: 't1' }, () => {});
      return pullConfig();
    case 'workspace/didChangeConfiguration': return pullConfig();
    case 'textDocument/didOpen': docs.set(m.params.textDocument.uri, m.params.textDocument.text); return publish(m.params.textDocument.uri);
    case 'textDocument/didChange': {
      let text = docs.get(m.params.textDocument.uri);
      for (const c of m.params.contentChanges) {
        if (!c.range) { text = c.text; continue; }
        const lines = text.split('\\n');
        const off = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
        text = text.slice(0, off(c.range.start)) + c.text + text.slice(off(c.range.end));
      }
      docs.set(m.params.textDocument.uri, text);
      return publish(m.params.textDocument.uri);
    }
    case 'fake/echo': return reply(m.params);
    case 'fake/fail': return send({ jsonrpc: '2.0', id: m.id, error: { code: -32000, message: '失败' } });
    case 'fake/applyEdit': return ask('workspace/applyEdit', { edit: { changes: {} } }, (r) => reply(r));
    case 'fake/hang': return;
    case 'fake/crash': process.stderr.write('崩溃了\\n'); return setTimeout(() => process.exit(3), 20);
    case 'shutdown': return reply(null);
    case 'exit': if (!process.env.FAKE_IGNORE_EXIT) process.exit(0); return;
    default: if (m.id !== undefined) reply(null);
  }
}
`;
