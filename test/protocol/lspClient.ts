// A small LSP client for protocol tests: it spawns `node dist/server.js --stdio` and talks to it
// as an editor would, through vscode-jsonrpc (the JSON-RPC library the server and VS Code's
// client use), answering the requests a server sends to its client and recording its
// notifications. Documents are kept with vscode-languageserver-textdocument, as the server does.
//
//   const client = await LspClient.start({ settings: { unres: { corpus: { builtin: true, paths: [] } } } });
//   after(() => client.shutdown());
//   client.openDocument('file:///draft.unres', text);
//   const diags = await client.waitForDiagnostics('file:///draft.unres', (d) => d.length > 0);
//   const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
//
// Positions are UTF-16 code units, the LSP default (and the only encoding offered in
// `general.positionEncodings`).
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CancellationTokenSource, MessageConnection, ResponseError as RpcResponseError, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  ConfigurationParams,
  Diagnostic,
  InitializeParams,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  Registration,
  RegistrationParams,
  TextDocumentContentChangeEvent,
  TextEdit,
  UnregistrationParams,
  WorkspaceEdit,
  WorkspaceFolder,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export { FramingError, MessageParser, RpcMessage, encodeMessage } from './framing';

// ---------------------------------------------------------------------------------------------
// Text helpers with LSP semantics (UTF-16 code units; line breaks \r\n, \n and \r), over
// vscode-languageserver-textdocument
// ---------------------------------------------------------------------------------------------

const asDocument = (text: string) => TextDocument.create('file:///text', 'unres', 0, text);

/** The position of a UTF-16 offset; an offset past the end or inside a line break is clamped. */
export function positionAt(text: string, offset: number): Position {
  return asDocument(text).positionAt(offset);
}

/** The UTF-16 offset of a position; a character past the end of its line means the end of the line. */
export function offsetAt(text: string, position: Position): number {
  return asDocument(text).offsetAt(position);
}

/** The text a range covers. */
export function getText(text: string, range: Range): string {
  return asDocument(text).getText(range);
}

/**
 * Applies LSP text edits: every range refers to the ORIGINAL text, edits must not overlap, and
 * inserts at the same position keep their order. Throws on overlapping edits.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  try {
    return TextDocument.applyEdits(asDocument(text), [...edits]);
  } catch (e) {
    throw new Error(`overlapping edits (${(e as Error).message}): ${JSON.stringify(edits)}`);
  }
}

/** Applies didChange content changes in order, each to the result of the one before (LSP semantics). */
export function applyContentChanges(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  return TextDocument.update(asDocument(text), [...changes], 1).getText();
}

/** The edits a WorkspaceEdit makes to one document, from `changes` or `documentChanges`. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const out: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) out.push(...(change.edits as TextEdit[]));
  }
  return out;
}

/** The range of the whole of `text` (for a whole-document replacement). */
export function fullRange(text: string): Range {
  return { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
}

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

export interface LspClientOptions {
  /** The server script; default dist/server.js of this project. Run with the current `node`. */
  serverPath?: string;
  /** Extra arguments after `--stdio`. */
  args?: string[];
  /** Sent as `initializationOptions` in `initialize`. */
  initializationOptions?: unknown;
  /** The answers to `workspace/configuration`, by section: `{ unres: { corpus: {...} } }`. */
  settings?: Record<string, unknown>;
  /** Added to (and overriding) this process's environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** `rootUri` and the single workspace folder; none by default. */
  rootUri?: string | null;
  /** Merged (deeply, arrays replaced) over the default client capabilities. */
  capabilities?: ClientCapabilities;
  /** Milliseconds to wait for the `initialize` answer; default 20000. */
  initializeTimeoutMs?: number;
}

export interface RecordedNotification {
  /** Increases by one for every notification received; see `mark()`. */
  seq: number;
  method: string;
  params: any;
}

export interface ServerRequestRecord {
  method: string;
  params: any;
}

export type ServerRequestHandler = (params: any, method: string) => unknown | Promise<unknown>;

/** An error answer from the server. */
export class ResponseError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(`${method} failed (${code}): ${message}`);
    this.name = 'ResponseError';
  }
}

interface Pending {
  method: string;
  reject: (error: Error) => void;
}

interface Waiter {
  method: string;
  since: number;
  predicate: (params: any) => boolean;
  resolve: (value: any) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface OpenDocument {
  document: TextDocument;
  /** The `mark()` when the document was last opened or changed. */
  editSeq: number;
}

/** Server processes still running, killed if the test process exits first. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export const DEFAULT_SERVER_PATH = path.resolve(__dirname, '../../../dist/server.js');

export function defaultCapabilities(): ClientCapabilities {
  return {
    general: { positionEncodings: ['utf-16'] },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true, willSave: false, willSaveWaitUntil: false },
      documentSymbol: { dynamicRegistration: false, hierarchicalDocumentSymbolSupport: true, labelSupport: true },
      documentLink: { dynamicRegistration: false, tooltipSupport: true },
      definition: { dynamicRegistration: false, linkSupport: true },
      declaration: { dynamicRegistration: false, linkSupport: true },
      typeDefinition: { dynamicRegistration: false, linkSupport: true },
      implementation: { dynamicRegistration: false, linkSupport: true },
      completion: {
        dynamicRegistration: false,
        contextSupport: true,
        completionItem: {
          snippetSupport: false,
          documentationFormat: ['markdown', 'plaintext'],
          insertReplaceSupport: true,
          labelDetailsSupport: true,
        },
      },
      hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
      publishDiagnostics: {
        relatedInformation: true,
        versionSupport: true,
        codeDescriptionSupport: true,
        dataSupport: true,
        tagSupport: { valueSet: [1, 2] },
      },
      codeAction: {
        dynamicRegistration: false,
        isPreferredSupport: true,
        dataSupport: true,
        codeActionLiteralSupport: {
          codeActionKind: {
            valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports', 'source.fixAll'],
          },
        },
      },
      foldingRange: { dynamicRegistration: false, lineFoldingOnly: false },
    },
    workspace: {
      applyEdit: true,
      workspaceEdit: { documentChanges: true },
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
    },
    window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: false } } },
  };
}

export class LspClient {
  /** The server's answer to `initialize`. */
  initializeResult!: InitializeResult;
  /** Every notification from the server, in order of arrival. */
  readonly notifications: RecordedNotification[] = [];
  /** Every request from the server, in order of arrival. */
  readonly serverRequests: ServerRequestRecord[] = [];
  /** The edits the server asked to apply with `workspace/applyEdit` (all answered `applied: true`). */
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** Capabilities the server registered with `client/registerCapability` and has not unregistered. */
  readonly registrations: Registration[] = [];
  /** Tokens the server created with `window/workDoneProgress/create`. */
  readonly progressTokens: Array<string | number> = [];
  /** Framing errors and connection errors, which a correct server never causes. */
  readonly protocolErrors: string[] = [];
  /** Set when shutdown ends the server's input. */
  private inputClosed = false;
  /** Resolves when the server process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private readonly connection: MessageConnection;
  /** Requests sent and not yet answered, rejected if the server exits. */
  private readonly pending = new Set<Pending>();
  private readonly waiters = new Set<Waiter>();
  private readonly latestDiagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly documents = new Map<string, OpenDocument>();
  private readonly handlers = new Map<string, ServerRequestHandler>();
  private settings: Record<string, unknown>;
  /** The id vscode-jsonrpc gives the next request (it numbers them 0, 1, 2…): for a test that cancels by id. */
  private nextId = 0;
  private seq = 0;
  private stderrText = '';
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private shutdownPromise: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;

  /** The server process. */
  readonly process: ChildProcess;

  private constructor(
    child: ChildProcess,
    private readonly options: LspClientOptions,
  ) {
    this.process = child;
    this.settings = options.settings ?? {};
    live.add(child);
    installExitHook();
    // Neither the process nor its pipes keep the test run alive: if a test forgets shutdown(), the
    // run still ends and the exit hook kills the server. Pending requests keep it alive by their timers.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
    this.exited = new Promise((resolve) => {
      // 'close' rather than 'exit': by then stderr has been read to the end, for the error messages.
      child.once('close', (code, signal) => {
        live.delete(child);
        this.exitInfo = { code, signal };
        const why = `server exited (code ${code}, signal ${signal})${this.stderrTail()}`;
        for (const p of this.pending) p.reject(new Error(`${p.method}: ${why}`));
        this.pending.clear();
        for (const w of this.waiters) {
          clearTimeout(w.timer);
          w.reject(new Error(`waiting for ${w.method}: ${why}`));
        }
        this.waiters.clear();
        this.connection.dispose();
        resolve({ code, signal });
      });
    });
    child.on('error', (e) => {
      this.stderrText += `\n[spawn error] ${e.message}`;
    });
    child.stdin!.on('error', (e) => {
      // EPIPE after the server died: the exit handler reports it.
      this.stderrText += `\n[stdin error] ${e.message}`;
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString('utf8');
    });
    const quiet = () => undefined;
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!), {
      // Once shutdown closed the server's input, an answer to a request the server sent just
      // before (a registration, a refresh) cannot be written: not the server's fault.
      error: (m) => {
        if (!this.inputClosed) this.protocolErrors.push(m);
      },
      warn: quiet,
      info: quiet,
      log: quiet,
    });
    this.connection.onError(([error]) => {
      if (!this.exitInfo && !this.inputClosed) this.protocolErrors.push(String(error));
    });
    this.connection.onNotification((method, params) => this.record(method, params));
    // vscode-jsonrpc routes `$/progress` to progress handlers: record it as the notification it is.
    this.connection.onUnhandledProgress((params) => this.record('$/progress', params));
    this.connection.onRequest((method, params) => this.answer(method, params));
    this.connection.listen();
  }

  /** Spawns the server, sends `initialize` and `initialized`. Kills the server if that fails. */
  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    const serverPath = options.serverPath ?? DEFAULT_SERVER_PATH;
    if (!fs.existsSync(serverPath)) throw new Error(`no server at ${serverPath}: run \`npm run build\` first`);
    const child = spawn(process.execPath, [serverPath, '--stdio', ...(options.args ?? [])], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const client = new LspClient(child, options);
    try {
      const rootUri = options.rootUri ?? null;
      const workspaceFolders: WorkspaceFolder[] | null = rootUri ? [{ uri: rootUri, name: path.basename(rootUri) || 'root' }] : null;
      const params: InitializeParams = {
        processId: process.pid,
        clientInfo: { name: 'unres-protocol-tests', version: '0.1.0' },
        locale: 'zh-cn',
        rootUri,
        workspaceFolders,
        capabilities: deepMerge(defaultCapabilities(), options.capabilities ?? {}) as ClientCapabilities,
        initializationOptions: options.initializationOptions,
        trace: 'off',
      };
      client.initializeResult = await client.request<InitializeResult>('initialize', params, options.initializeTimeoutMs ?? 20000);
      client.notify('initialized', {});
      return client;
    } catch (e) {
      await client.kill();
      throw e;
    }
  }

  // --- requests and notifications to the server --------------------------------------------

  /**
   * Sends a request; resolves with its result, rejects with ResponseError, a timeout (after which
   * the request is cancelled with `$/cancelRequest`) or the server's exit.
   */
  request<R = any>(method: string, params?: unknown, timeoutMs = 10000): Promise<R> {
    if (this.exitInfo) return Promise.reject(new Error(`${method}: the server has exited${this.stderrTail()}`));
    this.nextId++;
    const cancel = new CancellationTokenSource();
    return new Promise<R>((resolve, reject) => {
      const pending: Pending = { method, reject };
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(pending);
      };
      const timer = setTimeout(() => {
        done();
        cancel.cancel();
        reject(new Error(`${method}: no answer within ${timeoutMs} ms${this.stderrTail()}`));
      }, timeoutMs);
      pending.reject = (e) => {
        done();
        reject(e);
      };
      this.pending.add(pending);
      // A parameter given as it is (an object, or none), never wrapped in an array.
      const sent = params === undefined ? this.connection.sendRequest(method, cancel.token) : this.connection.sendRequest(method, params, cancel.token);
      sent.then(
        (result) => {
          if (!this.pending.has(pending)) return;
          done();
          resolve((result ?? null) as R);
        },
        (e: unknown) => {
          if (!this.pending.has(pending)) return;
          done();
          reject(e instanceof RpcResponseError ? new ResponseError(method, e.code, e.message, e.data) : e);
        },
      );
    });
  }

  notify(method: string, params?: unknown): void {
    if (this.exitInfo) return;
    const sent = params === undefined ? this.connection.sendNotification(method) : this.connection.sendNotification(method, params);
    // A write after the server died: its exit is reported where it matters.
    sent.catch(() => undefined);
  }

  /** Replaces the answers to `workspace/configuration`; by default tells the server with didChangeConfiguration. */
  setSettings(settings: Record<string, unknown>, notify = true): void {
    this.settings = settings;
    if (notify) this.notify('workspace/didChangeConfiguration', { settings });
  }

  /** Overrides the answer to a server→client request method (e.g. to refuse `workspace/applyEdit`). */
  onRequest(method: string, handler: ServerRequestHandler): void {
    this.handlers.set(method, handler);
  }

  // --- documents ----------------------------------------------------------------------------

  openDocument(uri: string, text: string, languageId = 'unres', version = 1): void {
    this.documents.set(uri, { document: TextDocument.create(uri, languageId, version, text), editSeq: this.seq });
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /**
   * Sends didChange: a string replaces the whole text; an array is sent as incremental changes
   * (ranges in the text as it was before each change). The version defaults to the last one + 1.
   */
  changeDocument(uri: string, change: string | TextDocumentContentChangeEvent[], version?: number): void {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`changeDocument: ${uri} is not open`);
    const contentChanges: TextDocumentContentChangeEvent[] = typeof change === 'string' ? [{ text: change }] : change;
    const next = version ?? doc.document.version + 1;
    doc.document = TextDocument.update(doc.document, contentChanges, next);
    doc.editSeq = this.seq;
    this.notify('textDocument/didChange', { textDocument: { uri, version: next }, contentChanges });
  }

  closeDocument(uri: string): void {
    this.documents.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The client's copy of an open document (after every change sent). */
  documentText(uri: string): string | undefined {
    return this.documents.get(uri)?.document.getText();
  }

  documentVersion(uri: string): number | undefined {
    return this.documents.get(uri)?.document.version;
  }

  // --- what the server sent -----------------------------------------------------------------

  /** The number of notifications received so far: pass it as `since` to wait only for later ones. */
  mark(): number {
    return this.seq;
  }

  /**
   * Resolves with the params of the first notification `method` received after `since` (default:
   * now, i.e. a future one) that satisfies `predicate`. Pass `since: 0` to include past ones.
   */
  waitForNotification<P = any>(method: string, predicate: (params: P) => boolean = () => true, timeoutMs = 10000, since = this.seq): Promise<P> {
    const past = this.notifications.find((n) => n.seq > since && n.method === method && predicate(n.params));
    if (past) return Promise.resolve(past.params as P);
    if (this.exitInfo) return Promise.reject(new Error(`waiting for ${method}: the server has exited${this.stderrTail()}`));
    return new Promise<P>((resolve, reject) => {
      const waiter: Waiter = {
        method,
        since,
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`no ${method} matching within ${timeoutMs} ms${this.stderrTail()}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** The latest diagnostics published for `uri`, or undefined if none yet. */
  diagnostics(uri: string): Diagnostic[] | undefined {
    return this.latestDiagnostics.get(uri)?.diagnostics;
  }

  /**
   * Resolves with the first diagnostics for `uri` published after the document was last opened
   * or changed (or after `since`) that satisfy `predicate`; they may already have arrived. When
   * the server says which version it checked, only the client's current version counts.
   */
  async waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs = 10000, since?: number): Promise<Diagnostic[]> {
    const doc = this.documents.get(uri);
    const from = since ?? doc?.editSeq ?? this.seq;
    const params = await this.waitForNotification<PublishDiagnosticsParams>(
      'textDocument/publishDiagnostics',
      (p) =>
        p.uri === uri &&
        (p.version === undefined || p.version === null || !this.documents.has(uri) || p.version === this.documentVersion(uri)) &&
        predicate(p.diagnostics),
      timeoutMs,
      from,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\nlatest diagnostics for ${uri}: ${JSON.stringify(this.diagnostics(uri))}`);
    });
    return params.diagnostics;
  }

  /** What the server wrote to stderr. */
  get stderr(): string {
    return this.stderrText;
  }

  // --- ending -------------------------------------------------------------------------------

  /**
   * Sends `shutdown` then `exit` and waits for the process to end; kills it if it does not end
   * within `timeoutMs`. Safe to call more than once and after the server died; never rejects.
   */
  shutdown(timeoutMs = 5000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.shutdownPromise ??= (async () => {
      if (!this.exitInfo) {
        try {
          await this.request('shutdown', undefined, timeoutMs);
        } catch {
          // A server that does not answer is killed below.
        }
        if (!this.exitInfo) await this.connection.sendNotification('exit').catch(() => undefined);
        this.inputClosed = true;
        this.process.stdin?.end();
        const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
        await this.exited;
        clearTimeout(timer);
      }
      return this.exited;
    })();
    return this.shutdownPromise;
  }

  /** Kills the server at once. */
  async kill(): Promise<void> {
    if (!this.exitInfo) this.process.kill('SIGKILL');
    await this.exited;
  }

  // --- internals ----------------------------------------------------------------------------

  private record(method: string, params: any): void {
    const n: RecordedNotification = { seq: ++this.seq, method, params };
    this.notifications.push(n);
    if (method === 'textDocument/publishDiagnostics') this.latestDiagnostics.set(params.uri, params);
    for (const w of this.waiters) {
      if (w.method !== method || n.seq <= w.since) continue;
      let ok = false;
      try {
        ok = w.predicate(params);
      } catch (e) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.reject(e as Error);
        continue;
      }
      if (ok) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(params);
      }
    }
  }

  /** The answer to a server→client request (an error answer if a custom handler throws). */
  private async answer(method: string, params: any): Promise<unknown> {
    this.serverRequests.push({ method, params });
    const custom = this.handlers.get(method);
    const result = custom ? await custom(params, method) : this.defaultAnswer(method, params);
    return result === undefined ? null : result;
  }

  private defaultAnswer(method: string, params: any): unknown {
    switch (method) {
      case 'workspace/configuration':
        return (params as ConfigurationParams).items.map((item) => lookup(this.settings, item.section));
      case 'client/registerCapability':
        this.registrations.push(...(params as RegistrationParams).registrations);
        return null;
      case 'client/unregisterCapability': {
        // The protocol spells the field `unregisterations`.
        for (const u of (params as UnregistrationParams).unregisterations) {
          const i = this.registrations.findIndex((r) => r.id === u.id);
          if (i >= 0) this.registrations.splice(i, 1);
        }
        return null;
      }
      case 'window/workDoneProgress/create':
        this.progressTokens.push(params.token);
        return null;
      case 'workspace/applyEdit':
        this.appliedEdits.push(params.edit);
        return { applied: true };
      case 'workspace/workspaceFolders': {
        const rootUri = this.options.rootUri;
        return rootUri ? [{ uri: rootUri, name: path.basename(rootUri) || 'root' }] : null;
      }
      default:
        return null;
    }
  }

  private stderrTail(): string {
    const tail = this.stderrText.trim().slice(-2000);
    return tail ? `\n--- server stderr ---\n${tail}` : '';
  }
}

/** `settings` looked up by a dotted section (`unres`, `unres.corpus`); the whole object without one. */
function lookup(settings: Record<string, unknown>, section: string | undefined): unknown {
  if (!section) return settings;
  let value: unknown = settings;
  for (const key of section.split('.')) {
    if (typeof value !== 'object' || value === null || !(key in value)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
