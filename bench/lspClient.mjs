// A minimal LSP client for the benchmark: spawns `node dist/server.js --stdio`, talks JSON-RPC
// through vscode-jsonrpc (the framing the server and VS Code use; plain Node, so that the
// benchmark runs without compiling the tests), answers the few requests the server sends, and
// timestamps every message it receives.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import rpc from 'vscode-jsonrpc/node';

const { StreamMessageReader, StreamMessageWriter, createMessageConnection } = rpc;

export class LspClient {
  /**
   * @param {object} opts
   * @param {string} opts.serverPath  dist/server.js
   * @param {unknown} [opts.initializationOptions]
   * @param {string[]} [opts.nodeArgs]  e.g. ['--cpu-prof', '--cpu-prof-dir=…']
   * @param {Record<string, string>} [opts.env]  added to this process's environment
   */
  constructor(opts) {
    this.opts = opts;
    this.waiters = new Set();
    /** Every notification received: { t, method, params } (t: performance.now()). */
    this.notifications = [];
    this.docs = new Map();
    this.stderr = '';
    this.proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.connection.onNotification((method, params) => this.received(method, params));
    // vscode-jsonrpc routes `$/progress` to progress handlers: record it as the notification it is.
    this.connection.onUnhandledProgress((params) => this.received('$/progress', params));
    this.connection.onRequest((method, params) => (method === 'workspace/configuration' ? params.items.map(() => null) : null));
    this.connection.listen();
    this.proc.stderr.on('data', (d) => (this.stderr = (this.stderr + d).slice(-20000)));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    // Pending requests fail with the connection when the server exits.
    this.exited.then(() => this.connection.dispose());
  }

  get pid() {
    return this.proc.pid;
  }

  async initialize() {
    const capabilities = {
      general: { positionEncodings: ['utf-16'] },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        completion: { contextSupport: true, completionItem: { snippetSupport: false, labelDetailsSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, dataSupport: true },
        // As VS Code: a large fix (a long draft's renumbering) comes without its edit, resolved when chosen.
        codeAction: { dataSupport: true, isPreferredSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix'] } }, resolveSupport: { properties: ['edit'] } },
      },
      // No `workspace.configuration`: initializationOptions are the settings.
      workspace: { workspaceFolders: false },
    };
    const { result } = await this.request(
      'initialize',
      { processId: process.pid, rootUri: null, capabilities, initializationOptions: this.opts.initializationOptions ?? null, workspaceFolders: null },
      60000,
    );
    this.notify('initialized', {});
    return result;
  }

  /** Sends a request; resolves with { result, ms } (ms: round trip). */
  async request(method, params, timeoutMs = 120000) {
    const t0 = performance.now();
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method} timed out after ${timeoutMs} ms\n${this.stderr.slice(-2000)}`)), timeoutMs);
    });
    const answer = this.connection.sendRequest(method, params).catch((e) => {
      throw new Error(`${method}: ${e.message}\n${this.stderr.slice(-2000)}`);
    });
    try {
      const result = await Promise.race([answer, timeout]);
      return { result: result ?? null, ms: performance.now() - t0 };
    } finally {
      clearTimeout(timer);
    }
  }

  notify(method, params) {
    void this.connection.sendNotification(method, params).catch(() => undefined);
  }

  /** Resolves with { t, params } for the first notification after now that satisfies `pred`. */
  waitFor(method, pred = () => true, timeoutMs = 120000) {
    return new Promise((resolve, reject) => {
      const w = {
        method,
        pred,
        resolve: (n) => {
          clearTimeout(w.timer);
          resolve(n);
        },
        timer: setTimeout(() => {
          this.waiters.delete(w);
          reject(new Error(`no ${method} within ${timeoutMs} ms\n${this.stderr.slice(-2000)}`));
        }, timeoutMs),
      };
      this.waiters.add(w);
    });
  }

  /** The next publishDiagnostics of `uri` for version `version` (or any version when omitted). */
  waitForDiagnostics(uri, version, timeoutMs) {
    return this.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs);
  }

  open(uri, text, languageId = 'unres') {
    this.docs.set(uri, { version: 1, text });
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /**
   * Inserts `insert` at (line, character): one incremental change, as an editor sends for a
   * keystroke. Returns { version, t } with t the time the notification was written.
   */
  type(uri, line, character, insert) {
    const doc = this.docs.get(uri);
    const lines = doc.text.split('\n');
    lines[line] = lines[line].slice(0, character) + insert + lines[line].slice(character);
    doc.text = lines.join('\n');
    doc.version++;
    const range = { start: { line, character }, end: { line, character } };
    const t = performance.now();
    this.notify('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ range, text: insert }] });
    return { version: doc.version, t };
  }

  text(uri) {
    return this.docs.get(uri).text;
  }

  /** Resident and peak memory of the server, in MiB, from /proc (Linux); undefined elsewhere. */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  async shutdown() {
    try {
      await this.request('shutdown', null, 10000);
    } catch {
      // killed below
    }
    await this.connection.sendNotification('exit').catch(() => undefined);
    this.proc.stdin.end();
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10000);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }

  received(method, params) {
    const n = { t: performance.now(), method, params };
    this.notifications.push(n);
    for (const w of this.waiters) {
      if (w.method === method && w.pred(params)) {
        this.waiters.delete(w);
        w.resolve(n);
      }
    }
  }
}
