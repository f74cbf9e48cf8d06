// The language server: only the connection. Capabilities, settings, document sync and
// scheduling live here; everything the server answers comes from the language service.
import * as path from 'path';
import { fileURLToPath } from 'url';
import {
  ClientCapabilities,
  CodeActionKind,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Corpus, loadCorpus } from './engine/corpus';
import { Logger } from './engine/fileSystem';
import { builtinSeedsFolder, nodeFileSystem } from './node/nodeFileSystem';
import { indexCacheFolder, openIndexCache } from './node/indexCache';
import { DraftDocument } from './features/document';
import { UnresSettings, readSettings } from './settings';
import { createLanguageService } from './service';

/** Beyond this size a document is not a resolution; features stay off rather than stall the editor. */
const MAX_DOCUMENT_CHARS = 2_000_000;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger: Logger = {
  info: (m) => connection.console.info(m),
  warn: (m) => connection.console.warn(m),
  error: (m) => connection.console.error(m),
};
const corpus = new Corpus();
const service = createLanguageService({ corpus, logger });

let capabilities: ClientCapabilities = {};
let workspaceRoot: string | undefined;
/** Where the corpus index cache lives: the client's storage folder, else the user cache folder. */
let cacheFolder: string | undefined;
/** The index cache being written, which `shutdown` waits for. */
let saving: Promise<unknown> = Promise.resolve();
let settings: UnresSettings = readSettings(undefined);
let loadedRoots = '';
let loadGeneration = 0;
const tooLargeWarned = new Set<string>();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  capabilities = params.capabilities;
  workspaceRoot = rootPath(params);
  cacheFolder = indexCacheFolder((params.initializationOptions as { storagePath?: unknown } | null)?.storagePath);
  applySettings(params.initializationOptions, false);
  return {
    capabilities: {
      // Positions are UTF-16 code units (vscode-languageserver-textdocument), the LSP default; a
      // client that prefers utf-8 or utf-32 (`general.positionEncodings`) is told so and converts.
      positionEncoding: 'utf-16',
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: { label: 'unres' },
      documentLinkProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      completionProvider: { triggerCharacters: ['.', '．', ' '] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      hoverProvider: true,
    },
    serverInfo: { name: 'unres', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'unres' });
  }
  await pullSettings();
  void reloadCorpusIfNeeded();
});

connection.onDidChangeConfiguration(async (change) => {
  if (capabilities.workspace?.configuration) await pullSettings();
  else applySettings((change.settings as { unres?: unknown })?.unres, true);
  void reloadCorpusIfNeeded();
});

async function pullSettings(): Promise<void> {
  if (!capabilities.workspace?.configuration) return;
  try {
    const [section] = await connection.workspace.getConfiguration([{ section: 'unres' }]);
    // A client with no `unres` settings answers null: keep what initializationOptions gave.
    if (section !== null && section !== undefined) applySettings(section, true);
  } catch (e) {
    logger.warn(`unres: could not read settings: ${String(e)}`);
  }
}

function applySettings(raw: unknown, announce: boolean): void {
  const problems: string[] = [];
  if (raw !== undefined && raw !== null) settings = readSettings(raw, problems);
  service.settings = settings;
  refreshAllDiagnostics();
  for (const p of problems) {
    logger.warn(p);
    if (announce) void connection.window.showWarningMessage(`unres: ${p}`);
  }
}

function corpusRoots(): string[] {
  const roots = settings.corpus.builtin ? [builtinSeedsFolder()] : [];
  for (const p of settings.corpus.paths) {
    const expanded = p.startsWith('~/') ? path.join(process.env.HOME ?? '', p.slice(2)) : p;
    roots.push(path.resolve(workspaceRoot ?? process.cwd(), expanded));
  }
  return roots;
}

async function reloadCorpusIfNeeded(): Promise<void> {
  const roots = corpusRoots();
  const key = JSON.stringify(roots);
  if (key === loadedRoots) return;
  loadedRoots = key;
  const generation = ++loadGeneration;
  const progress = capabilities.window?.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
  progress?.begin('unres: 正在索引语料 Indexing corpus', 0, undefined, false);
  corpus.clear();
  const cache = await openIndexCache(cacheFolder, logger);
  const report = await loadCorpus(corpus, roots, {
    fs: nodeFileSystem,
    logger,
    cache,
    cancelled: () => generation !== loadGeneration,
    progress: (done, total) => {
      if (done % 50 === 0 || done === total) progress?.report(Math.round((100 * done) / Math.max(total, 1)), `${done}/${total}`);
    },
  });
  progress?.done();
  if (generation !== loadGeneration) return;
  logger.info(`unres: corpus ready, ${report.documents} documents (${report.fromCache ?? 0} from the index cache, ${report.skipped.length} skipped)`);
  // The open drafts' corpus searches, in slices: their first diagnostics then take milliseconds.
  for (const doc of documents.all()) {
    const d = draft(doc.uri);
    if (d) await service.prepareDiagnostics(d, () => new Promise((resolve) => setImmediate(resolve)));
    if (generation !== loadGeneration) return;
  }
  refreshAllDiagnostics();
  for (const s of report.skipped.filter((s) => /cannot/.test(s.reason))) {
    void connection.window.showWarningMessage(`unres: 无法读取语料 cannot read corpus path ${s.path}: ${s.reason}`);
  }
  const saved = cache.flush(corpus);
  saving = saved;
  if (await saved) logger.info(`unres: index cache saved to ${cache.file}`);
}

connection.onShutdown(async () => {
  await saving;
});

/** The parsed draft, or undefined when the document is unknown or too large to be a resolution. */
function draft(uri: string): DraftDocument | undefined {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const text = doc.getText();
  if (text.length > MAX_DOCUMENT_CHARS) {
    if (!tooLargeWarned.has(uri)) {
      tooLargeWarned.add(uri);
      void connection.window.showWarningMessage(
        `unres: 文件过大，已停用检查 — ${uri} is larger than ${MAX_DOCUMENT_CHARS.toLocaleString()} characters; unres features are off for it.`,
      );
    }
    return undefined;
  }
  return service.getDocument(uri, doc.version, text);
}

connection.onDocumentSymbol((p) => {
  const d = draft(p.textDocument.uri);
  return d ? service.getDocumentSymbols(d) : [];
});
connection.onDocumentLinks((p) => {
  const d = draft(p.textDocument.uri);
  return d ? service.getDocumentLinks(d) : [];
});
connection.onFoldingRanges((p) => {
  const d = draft(p.textDocument.uri);
  return d ? service.getFoldingRanges(d) : [];
});
connection.onCompletion((p) => {
  const d = draft(p.textDocument.uri);
  return d ? service.getCompletionItems(d, p.position) : [];
});

/**
 * Diagnostics wait for a pause in typing; each document has its own timer. 50 ms still
 * coalesces a burst of keystrokes (or an IME commit's several changes) into one run, and
 * leaves room for the computation within the 100 ms keystroke → diagnostics target
 * (bench/RESULTS.md).
 */
const DIAGNOSTICS_DELAY_MS = 50;
const pending = new Map<string, NodeJS.Timeout>();

function scheduleDiagnostics(uri: string, delay = DIAGNOSTICS_DELAY_MS): void {
  clearTimeout(pending.get(uri));
  pending.set(
    uri,
    setTimeout(() => {
      pending.delete(uri);
      publishDiagnostics(uri);
    }, delay),
  );
}

function publishDiagnostics(uri: string): void {
  const doc = documents.get(uri);
  const d = draft(uri);
  if (!doc) return;
  try {
    const diagnostics = d ? service.getDiagnostics(d) : [];
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  } catch (e) {
    logger.error(`unres: diagnostics failed for ${uri}: ${e instanceof Error ? e.stack : String(e)}`);
  }
}

function refreshAllDiagnostics(): void {
  for (const doc of documents.all()) scheduleDiagnostics(doc.uri, 0);
}

documents.onDidOpen((e) => scheduleDiagnostics(e.document.uri, 0));
documents.onDidChangeContent((e) => scheduleDiagnostics(e.document.uri));
connection.onHover((p) => {
  const d = draft(p.textDocument.uri);
  return d ? service.getHover(d, p.position) : null;
});
connection.onCodeAction((p) => {
  const d = draft(p.textDocument.uri);
  return d ? service.getCodeActions(d, p.range) : [];
});

documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  service.closeDocument(e.document.uri);
  tooLargeWarned.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

function rootPath(params: InitializeParams): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (uri?.startsWith('file:')) return fileURLToPath(uri);
  return params.rootPath ?? undefined;
}

documents.listen(connection);
connection.listen();
