// Protocol tests of what any LSP client relies on (issue #5): the position encoding the server
// answers in `initialize`, and the server run as its own program, the `unres-server` bin
// (`dist/server.js` with a `#!/usr/bin/env node` line and the executable bit), ending cleanly on
// `shutdown` + `exit`.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { DEFAULT_SERVER_PATH, LspClient, MessageParser, RpcMessage, encodeMessage } from './lspClient';

const PACKAGE = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { bin: Record<string, string> };

/** The encodings the server implements: UTF-16 code units only. */
const IMPLEMENTED = ['utf-16'];

describe('any LSP client: position encoding and the server bin', function () {
  this.timeout(30000);

  describe('position encoding negotiation', () => {
    async function negotiated(positionEncodings?: string[]): Promise<string | undefined> {
      const client = await LspClient.start({ capabilities: positionEncodings ? { general: { positionEncodings } } : {} });
      try {
        return client.initializeResult.capabilities.positionEncoding;
      } finally {
        await client.shutdown();
      }
    }

    it('answers utf-16 (or nothing) to a client whose first choice is utf-8', async () => {
      const encoding = await negotiated(['utf-8', 'utf-16']);
      assert.ok(encoding === undefined || encoding === 'utf-16', `positionEncoding ${encoding}`);
    });

    it('never adopts an encoding it does not implement, whatever the client offers', async () => {
      for (const offer of [['utf-8'], ['utf-32', 'utf-8'], ['utf-16'], undefined]) {
        const encoding = await negotiated(offer);
        // With no utf-16 in the offer the client must still accept utf-16, the mandatory default.
        assert.ok(encoding === undefined || IMPLEMENTED.includes(encoding), `offer ${JSON.stringify(offer)} → ${encoding}`);
      }
    });
  });

  describe('the unres-server bin', () => {
    it('is declared in package.json and points at dist/server.js', () => {
      assert.strictEqual(path.resolve(__dirname, '../../..', PACKAGE.bin['unres-server']), DEFAULT_SERVER_PATH);
    });

    it('starts with a node shebang and is executable', () => {
      const text = fs.readFileSync(DEFAULT_SERVER_PATH, 'utf8');
      assert.ok(text.startsWith('#!/usr/bin/env node\n'), JSON.stringify(text.slice(0, 40)));
      if (process.platform !== 'win32') assert.ok(fs.statSync(DEFAULT_SERVER_PATH).mode & 0o111, 'executable bit set');
    });

    for (const how of ['run directly', 'run with node'] as const) {
      it(`${how}: initialize, diagnostics, shutdown + exit → exit code 0`, async () => {
        const child =
          how === 'run directly' && process.platform !== 'win32'
            ? spawn(DEFAULT_SERVER_PATH, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] })
            : spawn(process.execPath, [DEFAULT_SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 20000);
        let stderr = '';
        child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
          child.once('close', (code, signal) => resolve({ code, signal })),
        );
        const parser = new MessageParser();
        const received: RpcMessage[] = [];
        const waiters: Array<() => void> = [];
        child.stdout!.on('data', (chunk: Buffer) => {
          for (const m of parser.push(chunk)) {
            received.push(m);
            // Answer the server's own requests (workspace/configuration, progress) as a client would.
            if (m.method !== undefined && m.id !== undefined && m.id !== null) {
              const result = m.method === 'workspace/configuration' ? (m.params as { items: unknown[] }).items.map(() => null) : null;
              child.stdin!.write(encodeMessage({ jsonrpc: '2.0', id: m.id, result }));
            }
          }
          for (const w of waiters.splice(0)) w();
        });
        const send = (m: object) => child.stdin!.write(encodeMessage({ jsonrpc: '2.0', ...m }));
        const until = async (pred: (m: RpcMessage) => boolean, what: string): Promise<RpcMessage> => {
          for (;;) {
            const hit = received.find(pred);
            if (hit) return hit;
            const more = new Promise<void>((resolve) => waiters.push(resolve));
            const r = await Promise.race([more.then(() => 'more'), exited.then(() => 'exited')]);
            if (r === 'exited' && !received.find(pred)) throw new Error(`server exited waiting for ${what}\n${stderr}`);
          }
        };
        try {
          send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: { general: { positionEncodings: ['utf-8', 'utf-16'] } } } });
          const init = (await until((m) => m.id === 1, 'initialize')).result as InitializeResult;
          assert.strictEqual(init.serverInfo?.name, 'unres');
          assert.notStrictEqual(init.capabilities.positionEncoding, 'utf-8');
          send({ method: 'initialized', params: {} });
          const uri = 'file:///tmp/unres-bin-test/draft.unres';
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'unres', version: 1, text: '大会，\n\n1. 鼓励各国加强合作，\n' } } });
          const diags = await until((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri, 'diagnostics');
          assert.ok(Array.isArray((diags.params as { diagnostics: unknown[] }).diagnostics));
          send({ id: 2, method: 'shutdown' });
          const down = await until((m) => m.id === 2, 'shutdown');
          assert.strictEqual(down.error, undefined, JSON.stringify(down.error));
          send({ method: 'exit' });
          const { code, signal } = await exited;
          assert.deepStrictEqual({ code, signal }, { code: 0, signal: null }, stderr);
        } finally {
          clearTimeout(killTimer);
          child.kill('SIGKILL');
        }
      });
    }
  });
});
