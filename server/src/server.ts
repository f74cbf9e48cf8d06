// The language server: only the connection. Capabilities, settings, document sync and
// scheduling live here; everything the server answers comes from the language service.
import { promises as fsp } from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import {
  CancellationToken,
  ClientCapabilities,
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  WorkDoneProgressServerReporter,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Corpus, loadCorpus, readCorpusEntry } from './engine/corpus';
import { Logger } from './engine/fileSystem';
import { builtinSeedsFolder, nodeFileSystem } from './node/nodeFileSystem';
import { CACHE_FILE_NAME, indexCacheFolder, openIndexCache } from './node/indexCache';
import { workerReaders } from './node/corpusReaders';
import { readDocumentText } from './node/readDocument';
import { paragraphRange } from './features/earlierWording';
import {
  CorpusProgressNotification,
  CorpusStatus,
  CorpusStatusNotification,
  CheckWorkspaceRequest,
  CheckWorkspaceResult,
  CompareRequest,
  EarlierWordingRequest,
  EarlierWordingResponse,
  RebuildIndexRequest,
  RenumberRequest,
} from '../../shared/protocol';
import { DraftDocument } from './features/document';
import { Against, CompareResponse, toCompareResponse } from './features/compare';
import { UnresSettings, readSettings } from './settings';
import { RequestOptions, ShouldStop, createLanguageService, toDiagnostics } from './service';
import { DocumentContexts } from './node/documentContexts';
import { checkFiles, draftsInFolder } from './node/workspaceCheck';
import { CONFIG_FILE_NAME } from './configFile';

/**
 * Above `unres.limits.maxDocumentSize` characters a document gets structure features only (the
 * parser and the structure checks are linear). Above this fixed ceiling, whatever the setting,
 * it is not parsed at all: features stay off rather than hold the server for seconds.
 */
const MAX_PARSED_CHARS = 10_000_000;

/**
 * The time a request (hover, code actions) or a diagnostics run may take before it gives up and
 * answers with what is done. A resolution takes tens of milliseconds (bench/RESULTS.md); 1.5 s
 * only stops a pathological input (a huge corpus and a huge draft) from freezing the editor.
 */
const TIME_BOX_MS = 1500;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger: Logger = {
  info: (m) => connection.console.info(m),
  warn: (m) => connection.console.warn(m),
  error: (m) => connection.console.error(m),
};
const corpus = new Corpus();
/** Each document's `.unres.json` settings and accepted wording (README "Living with the warnings"). */
const contexts = new DocumentContexts({
  root: () => workspaceRoot,
  base: () => settings,
  corpusFromFiles: () => workspaceTrusted,
  canCreateFiles: () =>
    !!capabilities.workspace?.workspaceEdit?.documentChanges && !!capabilities.workspace.workspaceEdit.resourceOperations?.includes('create'),
  publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
});
const service = createLanguageService({ corpus, logger, contextFor: (uri) => contexts.get(uri) });

let capabilities: ClientCapabilities = {};
let workspaceRoot: string | undefined;
/** Where the corpus index cache lives: the client's storage folder, else the user cache folder. */
let cacheFolder: string | undefined;
/** The index cache being written, which `shutdown` waits for. */
let saving: Promise<unknown> = Promise.resolve();
let settings: UnresSettings = readSettings(undefined);
/**
 * False when the client says the workspace is not trusted (`workspaceTrusted: false` beside the
 * settings): then the workspace's `.unres.json` may not name corpus folders for the server to read.
 */
let workspaceTrusted = true;
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
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'unres', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'unres' });
  }
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/.unres/accepted.txt' }],
    });
  }
  await pullSettings();
  void reloadCorpusIfNeeded();
});

connection.onDidChangeConfiguration(async (change) => {
  if (capabilities.workspace?.configuration) await pullSettings();
  else applySettings((change.settings as { unres?: unknown })?.unres, true);
  void reloadCorpusIfNeeded();
});

// A `.unres.json` or an accepted-wording file changed: the drafts are checked again with it (and
// the corpus loaded again if the workspace folder's file changed its corpus).
connection.onDidChangeWatchedFiles((p) => {
  if (contexts.filesChanged(p.changes)) void reloadCorpusIfNeeded();
  refreshAllDiagnostics();
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
  if (typeof raw === 'object' && raw !== null) workspaceTrusted = (raw as { workspaceTrusted?: unknown }).workspaceTrusted !== false;
  service.settings = settings;
  refreshAllDiagnostics();
  for (const p of problems) {
    logger.warn(p);
    if (announce) void connection.window.showWarningMessage(`unres: ${p}`);
  }
}

/** The corpus of the settings, or of the workspace folder's `.unres.json` when it says. */
function corpusRoots(corpusSettings = settings.corpus): string[] {
  const roots = corpusSettings.builtin ? [builtinSeedsFolder()] : [];
  for (const p of corpusSettings.paths) {
    const expanded = p.startsWith('~/') ? path.join(process.env.HOME ?? '', p.slice(2)) : p;
    roots.push(path.resolve(workspaceRoot ?? process.cwd(), expanded));
  }
  return roots;
}

/** The last status sent: the answer to `unres/rebuildIndex`. */
let lastStatus: CorpusStatus = { state: 'indexing', documents: 0, skipped: 0 };
/** Corpus paths from the settings found missing, each told to the user once while the server runs. */
const missingToldOf = new Set<string>();

async function reloadCorpusIfNeeded(): Promise<void> {
  const roots = corpusRoots(await contexts.corpus());
  const key = JSON.stringify(roots);
  if (key === loadedRoots) return;
  loadedRoots = key;
  const generation = ++loadGeneration;
  const status = (s: CorpusStatus) => {
    lastStatus = s;
    void connection.sendNotification(CorpusStatusNotification, s).catch(() => undefined);
  };
  status({ state: 'indexing', documents: 0, skipped: 0 });
  const progress = capabilities.window?.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
  progress?.begin('unres: 正在索引语料 Indexing corpus', 0, undefined, false);
  corpus.clear();
  let report;
  let cache;
  try {
    cache = openIndexCache(cacheFolder, logger);
    report = await loadCorpus(corpus, roots, {
      fs: nodeFileSystem,
      reader: workerReaders(logger),
      logger,
      cache,
      cancelled: () => generation !== loadGeneration,
      progress: (done, total) => {
        if (done % 50 !== 0 && done !== total) return;
        progress?.report(Math.round((100 * done) / Math.max(total, 1)), `${done}/${total}`);
        // For a client that shows the progress itself (the VS Code status bar item).
        void connection.sendNotification(CorpusProgressNotification, { done, total }).catch(() => undefined);
      },
    });
  } catch (e) {
    // Never expected (loadCorpus skips what it cannot read), but a corpus must not take the server down.
    progress?.done();
    if (generation !== loadGeneration) return;
    logger.error(`unres: corpus load failed: ${e instanceof Error ? e.stack : String(e)}`);
    status({ state: 'error', documents: corpus.size, skipped: 0 });
    void connection.window.showErrorMessage(`unres: 语料加载失败 the corpus could not be loaded — see the output (${String(e)})`);
    refreshAllDiagnostics();
    return;
  }
  progress?.done();
  if (generation !== loadGeneration) return;
  logger.info(`unres: corpus ready, ${report.documents} documents (${report.fromCache ?? 0} from the index cache, ${report.skipped.length} skipped)`);
  status({ state: 'ready', documents: report.documents, skipped: report.skipped.length });
  // Code lenses asked for while the corpus was indexed had no predecessor to name.
  refreshCodeLenses();
  // Each skipped file is in the output (loadCorpus logs it with its reason); the user is told
  // once per load, and of a corpus path that does not exist once while the server runs.
  const missing = report.skipped.filter((s) => roots.includes(s.path) && /ENOENT/.test(s.reason));
  for (const s of missing) {
    if (missingToldOf.has(s.path)) continue;
    missingToldOf.add(s.path);
    void connection.window.showWarningMessage(`unres: 语料路径不存在 corpus path not found: ${s.path}`);
  }
  const others = report.skipped.length - missing.length;
  if (others > 0) {
    void connection.window.showWarningMessage(
      `unres: 语料中有 ${others} 个文件被跳过 ${others} corpus file${others === 1 ? '' : 's'} skipped — 详见输出 see the output`,
    );
  }
  // The open drafts' diagnostics (their corpus searches in slices), then the cache is saved:
  // the drafter waits for the one, nobody for the other.
  for (const doc of documents.all()) {
    await publishDiagnostics(doc.uri);
    if (generation !== loadGeneration) return;
  }
  const saved = (await cache).flush(corpus);
  saving = saved;
  if (await saved) logger.info(`unres: index cache saved to ${(await cache).file}`);
}

/**
 * `unres/rebuildIndex`: deletes the index cache file and loads the corpus again from its files;
 * answers with the corpus status once loaded (or as it is when a newer load took over).
 */
connection.onRequest(RebuildIndexRequest, async (): Promise<CorpusStatus> => {
  await saving;
  if (cacheFolder) {
    const file = path.join(cacheFolder, CACHE_FILE_NAME);
    await fsp.rm(file, { force: true }).catch((e) => logger.warn(`unres: could not delete the index cache ${file}: ${String(e)}`));
    logger.info(`unres: index cache ${file} deleted; rebuilding the corpus index`);
  }
  loadedRoots = '';
  await reloadCorpusIfNeeded();
  return lastStatus;
});

connection.onShutdown(async () => {
  await saving;
});

/**
 * The parsed draft, or undefined when the document is unknown or beyond MAX_PARSED_CHARS. A
 * draft over `unres.limits.maxDocumentSize` gets structure features only; both are said once
 * per document (until it is closed), in a warning.
 */
function draft(uri: string): DraftDocument | undefined {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const text = doc.getText();
  if (text.length > MAX_PARSED_CHARS) {
    warnTooLarge(
      uri,
      `unres: 文件过大，已停用全部功能 — ${uri} is larger than ${MAX_PARSED_CHARS.toLocaleString('en')} characters; unres features are off for it.`,
    );
    return undefined;
  }
  const d = service.getDocument(uri, doc.version, text);
  if (service.isStructureOnly(d)) {
    const limit = settings.limits.maxDocumentSize.toLocaleString('en');
    warnTooLarge(
      uri,
      `unres: 文件过大（超过 ${limit} 个字符），只提供结构功能，不检索语料 — ${uri} is larger than ${limit} characters ` +
        `(unres.limits.maxDocumentSize): structure features only (outline, folding, links, numbering and punctuation checks), no corpus search.`,
    );
  }
  return d;
}

function warnTooLarge(uri: string, message: string): void {
  if (tooLargeWarned.has(uri)) return;
  tooLargeWarned.add(uri);
  logger.warn(message);
  void connection.window.showWarningMessage(message);
}

/** What a request on `d` may do: structure only over the size limit; stop when the client cancels or TIME_BOX_MS has passed. */
function requestOptions(d: DraftDocument, token?: CancellationToken): RequestOptions {
  const deadline = Date.now() + TIME_BOX_MS;
  const shouldStop: ShouldStop = () => !!token?.isCancellationRequested || Date.now() > deadline;
  return { structureOnly: service.isStructureOnly(d), shouldStop };
}

/** A request the client cancelled before it started answers RequestCancelled, as the protocol asks. */
function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
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
      void publishDiagnostics(uri);
    }, delay),
  );
}

/** The version last published for each open document: a publish never goes back to an older one. */
const publishedVersion = new Map<string, number>();

/** A pause in which the connection reads and answers what came in meanwhile. */
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

async function publishDiagnostics(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const superseded = () => documents.get(uri)?.version !== version;
  try {
    await contexts.refresh(uri);
    if (superseded()) return;
    const d = draft(uri);
    // In slices: requests are answered between them, and a newer version (or closing the
    // document) abandons this run, whose results would not be sent.
    const findings = d ? await service.computeFindings(d, { structureOnly: service.isStructureOnly(d), pace: yieldNow, shouldStop: superseded }) : [];
    const diagnostics = toDiagnostics(findings);
    // Computed for `version`: send only if that is still the document's version (a change that
    // came in meanwhile has its own run scheduled) and no later version was published.
    const now = documents.get(uri);
    if (!now || now.version !== version || (publishedVersion.get(uri) ?? -Infinity) > version) return;
    publishedVersion.set(uri, version);
    void connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (e) {
    logger.error(`unres: diagnostics failed for ${uri}: ${e instanceof Error ? e.stack : String(e)}`);
  }
}

function refreshAllDiagnostics(): void {
  for (const doc of documents.all()) scheduleDiagnostics(doc.uri, 0);
}

documents.onDidOpen((e) => scheduleDiagnostics(e.document.uri, 0));
documents.onDidChangeContent((e) => scheduleDiagnostics(e.document.uri));
connection.onHover((p, token) => {
  throwIfCancelled(token);
  const d = draft(p.textDocument.uri);
  return d ? service.getHover(d, p.position, requestOptions(d, token)) : null;
});
connection.onCodeAction(async (p, token) => {
  throwIfCancelled(token);
  // The accepted-wording file as it is now: its quick fix inserts a line at its sorted place.
  await contexts.refresh(p.textDocument.uri);
  const d = draft(p.textDocument.uri);
  return d ? service.getCodeActions(d, p.range, requestOptions(d, token)) : [];
});

/**
 * `unres/earlierWording` (TextDocumentPositionParams): the best earlier wording of the paragraph
 * at the position (features/earlierWording.ts), with `sourceRange`, the paragraph's range in its
 * file when that can be read; null when there is none.
 */
connection.onRequest(EarlierWordingRequest, async (p, token): Promise<EarlierWordingResponse | null> => {
  throwIfCancelled(token);
  const d = draft(p.textDocument.uri);
  const found = d ? service.getEarlierWording(d, p.position, requestOptions(d, token)) : null;
  if (!d || !found) return null;
  const text = found.sameDraft ? d.text : found.sourceUri ? await readSource(found.sourceUri) : undefined;
  const sourceRange = text === undefined ? undefined : paragraphRange(text, found.paragraph, found.sourceText);
  return { ...found, sourceRange };
});

/** A corpus file's text (a Word or PDF file's too), or undefined when it cannot be read (it changed or went away since the load). */
async function readSource(uri: string): Promise<string | undefined> {
  try {
    return (await readDocumentText(fileURLToPath(uri))).text;
  } catch {
    return undefined;
  }
}

connection.onCodeLens((p, token) => {
  throwIfCancelled(token);
  const d = draft(p.textDocument.uri);
  return d ? service.getCodeLenses(d) : [];
});

/**
 * `unres/compare` ({ textDocument, against? }): the draft compared with the resolution it
 * updates (features/compare.ts), or with `against` (a symbol, a corpus file, or any resolution
 * file's path or file: URI); a RequestFailed error saying why when there is nothing to compare with.
 */
connection.onRequest(CompareRequest, async (p, token): Promise<CompareResponse> => {
  throwIfCancelled(token);
  const d = draft(p.textDocument.uri);
  if (!d) throw new ResponseError(LSPErrorCodes.RequestFailed, `unres: 未打开的文档 not an open unres document: ${p.textDocument.uri}`);
  const against = typeof p.against === 'string' && p.against.trim() ? await againstFile(p.against.trim()) : undefined;
  const c = service.getComparison(d, against);
  // The lenses follow the predecessor named (or found again).
  refreshCodeLenses();
  if ('error' in c) throw new ResponseError(LSPErrorCodes.RequestFailed, `unres: ${c.error}`);
  return toCompareResponse(d, c);
});

function refreshCodeLenses(): void {
  if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

/** `against` read from its file when it names one outside the corpus; else as given (a symbol or a corpus key). */
async function againstFile(against: string): Promise<Against> {
  const file = against.startsWith('file:') ? fileURLToPath(against) : path.isAbsolute(against) ? against : undefined;
  if (!file || corpus.get(file)) return file ?? against;
  const read = await readCorpusEntry(file, nodeFileSystem);
  if ('skipped' in read.value) throw new ResponseError(LSPErrorCodes.RequestFailed, `unres: ${file}: ${read.value.skipped}`);
  return read.value;
}

/** `unres/renumber` ({ textDocument }): the edit numbering the operative paragraphs 1, 2, 3…, or null. */
connection.onRequest(RenumberRequest, (p) => {
  const d = draft(p.textDocument.uri);
  return d ? service.getRenumberEdit(d) : null;
});

/**
 * `unres/checkWorkspace` ({uris?, workDoneToken?}): checks the drafts that are not open (those
 * named, else the workspace folder's `*.unres` and `*.unres.md`) and publishes their diagnostics,
 * with work-done progress (the client's token, else one the server creates, which the client may
 * cancel); `$/cancelRequest` stops it too. Answers what it checked (node/workspaceCheck.ts).
 */
connection.onRequest(CheckWorkspaceRequest, async (p, token): Promise<CheckWorkspaceResult> => {
  throwIfCancelled(token);
  const progress =
    p?.workDoneToken !== undefined
      ? connection.window.attachWorkDoneProgress(p.workDoneToken)
      : capabilities.window?.workDoneProgress
        ? await connection.window.createWorkDoneProgress()
        : undefined;
  const progressCancelled = (progress as WorkDoneProgressServerReporter | undefined)?.token;
  progress?.begin('unres: 检查工作区 Checking the workspace', 0, undefined, true);
  try {
    // Echoes and citation dates need the whole corpus: wait for it to be indexed.
    while (lastStatus.state === 'indexing' && !token.isCancellationRequested && !progressCancelled?.isCancellationRequested) {
      progress?.report('unres: 正在索引语料 Indexing corpus');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const uris = p?.uris ?? (workspaceRoot ? await draftsInFolder(workspaceRoot) : []);
    const result = await checkFiles(uris, {
      service,
      contexts,
      fs: nodeFileSystem,
      maxChars: MAX_PARSED_CHARS,
      isOpen: (uri) => documents.get(uri) !== undefined,
      openDiagnostics: async (uri) => {
        const d = draft(uri);
        return d ? toDiagnostics(await service.computeFindings(d, requestOptions(d))) : [];
      },
      publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
      report: (done, total, file) => progress?.report(Math.round((100 * done) / Math.max(total, 1)), `${done}/${total} ${file}`),
      cancelled: () => token.isCancellationRequested || !!progressCancelled?.isCancellationRequested,
      yieldNow,
    });
    throwIfCancelled(token);
    return result;
  } finally {
    progress?.done();
  }
});

documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  service.closeDocument(e.document.uri);
  contexts.forget(e.document.uri);
  tooLargeWarned.delete(e.document.uri);
  publishedVersion.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

function rootPath(params: InitializeParams): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (uri?.startsWith('file:')) return fileURLToPath(uri);
  return params.rootPath ?? undefined;
}

documents.listen(connection);
connection.listen();
