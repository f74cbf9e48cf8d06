// A minimal LSP client for the benchmark: spawns `node dist/server.js --stdio`, frames JSON-RPC
// with Content-Length headers (the same framing as test/protocol/lspClient.ts, re-done here so
// that the benchmark runs on plain Node without compiling the tests), answers the few requests
// the server sends, and timestamps every message it receives.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

export function encode(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** Incremental frame parser: bytes are kept until a whole body is there, then decoded. */
class Parser {
  buf = Buffer.alloc(0);
  length = -1;

  push(chunk) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out = [];
    for (;;) {
      if (this.length < 0) {
        const end = this.buf.indexOf(HEADER_END);
        if (end < 0) break;
        const m = /content-length:\s*(\d+)/i.exec(this.buf.subarray(0, end).toString('ascii'));
        if (!m) throw new Error(`header without Content-Length: ${this.buf.subarray(0, end)}`);
        this.length = Number(m[1]);
        this.buf = this.buf.subarray(end + HEADER_END.length);
      }
      if (this.buf.length < this.length) break;
      out.push(JSON.parse(this.buf.subarray(0, this.length).toString('utf8')));
      this.buf = this.buf.subarray(this.length);
      this.length = -1;
    }
    return out;
  }
}

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
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = new Set();
    /** Every notification received: { t, method, params } (t: performance.now()). */
    this.notifications = [];
    this.docs = new Map();
    this.stderr = '';
    this.parser = new Parser();
    this.proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    });
    this.proc.stdout.on('data', (chunk) => {
      const t = performance.now();
      for (const m of this.parser.push(chunk)) this.dispatch(m, t);
    });
    this.proc.stderr.on('data', (d) => (this.stderr = (this.stderr + d).slice(-20000)));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.exited.then(() => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited during ${p.method}\n${this.stderr}`));
      this.pending.clear();
    });
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
        codeAction: { dataSupport: true, isPreferredSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix'] } } },
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
  request(method, params, timeoutMs = 120000) {
    const id = this.nextId++;
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (result, t) => {
          clearTimeout(timer);
          resolve({ result, ms: t - t0 });
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
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
    this.notify('exit');
    this.proc.stdin.end();
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10000);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }

  write(message) {
    if (this.proc.stdin.writable) this.proc.stdin.write(encode(message));
  }

  dispatch(m, t) {
    if (m.method === undefined) {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(new Error(`${p.method}: ${m.error.message}`));
      else p.resolve(m.result ?? null, t);
    } else if (m.id !== undefined && m.id !== null) {
      let result = null;
      if (m.method === 'workspace/configuration') result = m.params.items.map(() => null);
      this.write({ jsonrpc: '2.0', id: m.id, result });
    } else {
      const n = { t, method: m.method, params: m.params };
      this.notifications.push(n);
      for (const w of this.waiters) {
        if (w.method === m.method && w.pred(m.params)) {
          this.waiters.delete(w);
          w.resolve(n);
        }
      }
    }
  }
}
