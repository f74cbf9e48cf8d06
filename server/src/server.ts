// The language server: wiring. The connection, capabilities, settings and document sync are
// here; the size policy (lsp/drafts.ts), the diagnostics schedule (lsp/diagnosticsScheduler.ts),
// the corpus (node/corpusHost.ts, told to the client by lsp/corpus.ts) and the unres/* requests
// (lsp/unresRequests.ts) are given what they need; every answer comes from the language service.
import { fileURLToPath } from 'url';
import {
  ClientCapabilities,
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Logger } from './engine/fileSystem';
import { corpusRoots } from './node/corpusHost';
import { indexCacheFolder } from './node/indexCache';
import { UnresSettings, readSettings } from './settings';
import { createLanguageService, toDiagnostics } from './service';
import { DocumentContexts } from './node/documentContexts';
import { CONFIG_FILE_NAME } from './configFile';
import { OpenDrafts } from './lsp/drafts';
import { DiagnosticsScheduler } from './lsp/diagnosticsScheduler';
import { serverCorpusHost, tellFailed, tellSkipped } from './lsp/corpus';
import { registerUnresRequests, throwIfCancelled } from './lsp/unresRequests';
import { connectionOutput, pauseFor } from './lsp/pause';

const connection = createConnection(ProposedFeatures.all);
/** Between slices of a check: answers go out before the next slice (lsp/pause.ts). */
const pause = pauseFor(connectionOutput());
const documents = new TextDocuments(TextDocument);
const logger: Logger = {
  info: (m) => connection.console.info(m),
  warn: (m) => connection.console.warn(m),
  error: (m) => connection.console.error(m),
};
let capabilities: ClientCapabilities = {};
let workspaceRoot: string | undefined;
let settings: UnresSettings = readSettings(undefined);
/**
 * False when the client says the workspace is not trusted (`workspaceTrusted: false` beside the
 * settings): then the workspace's `.unres.json` may not name corpus folders for the server to read.
 */
let workspaceTrusted = true;

const host = serverCorpusHost(connection, () => capabilities, logger);
/** Each document's `.unres.json` settings and accepted wording (README "Living with the warnings"). */
const contexts = new DocumentContexts({
  root: () => workspaceRoot,
  base: () => settings,
  corpusFromFiles: () => workspaceTrusted,
  canCreateFiles: () =>
    !!capabilities.workspace?.workspaceEdit?.documentChanges && !!capabilities.workspace.workspaceEdit.resourceOperations?.includes('create'),
  publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
});
const service = createLanguageService({ corpus: host.corpus, logger, contextFor: (uri) => contexts.get(uri) });
const drafts = new OpenDrafts(documents, service, (message) => {
  logger.warn(message);
  void connection.window.showWarningMessage(message);
});
const diagnostics = new DiagnosticsScheduler({
  version: (uri) => documents.get(uri)?.version,
  prepare: async (uri) => void (await contexts.refresh(uri)),
  findings: async (uri, pace, shouldStop) => {
    const d = drafts.get(uri);
    return d ? service.computeFindings(d, { structureOnly: service.isStructureOnly(d), pace, shouldStop }) : [];
  },
  render: toDiagnostics,
  send: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
  pause,
  logger,
});

connection.onInitialize((params: InitializeParams): InitializeResult => {
  capabilities = params.capabilities;
  workspaceRoot = rootPath(params);
  host.cacheFolder = indexCacheFolder((params.initializationOptions as { storagePath?: unknown } | null)?.storagePath);
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
      // Resolved: the renumbering of a long operative part is sent without its edit (service.ts resolvesEdits).
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: true },
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
  void reloadCorpus();
});

connection.onDidChangeConfiguration(async (change) => {
  if (capabilities.workspace?.configuration) await pullSettings();
  else applySettings((change.settings as { unres?: unknown })?.unres, true);
  void reloadCorpus();
});

// A `.unres.json` or an accepted-wording file changed: the drafts are checked again with it (and
// the corpus loaded again if the workspace folder's file changed its corpus).
connection.onDidChangeWatchedFiles((p) => {
  if (contexts.filesChanged(p.changes)) void reloadCorpus();
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

/**
 * Loads the corpus of the settings, or of the workspace folder's `.unres.json` when it says, if
 * its roots changed (`again`: whatever they are, with the index cache deleted first); then the
 * open drafts' diagnostics (their corpus searches in slices), then the cache is saved: the
 * drafter waits for the one, nobody for the other.
 */
async function reloadCorpus(again = false): Promise<void> {
  const roots = corpusRoots(await contexts.corpus(), workspaceRoot ?? process.cwd());
  const outcome = again ? await host.rebuild(roots) : await host.load(roots);
  if ('failed' in outcome) {
    tellFailed(connection, outcome.failed);
    refreshAllDiagnostics();
  }
  if (!('loaded' in outcome)) return;
  const generation = host.current;
  // Code lenses asked for while the corpus was indexed had no predecessor to name.
  refreshCodeLenses();
  tellSkipped(connection, outcome.loaded, roots);
  for (const doc of documents.all()) {
    await diagnostics.publish(doc.uri);
    if (!host.isCurrent(generation)) return;
  }
  await host.save();
}

connection.onShutdown(() => host.saved());

connection.onDocumentSymbol((p) => {
  const d = drafts.get(p.textDocument.uri);
  return d ? service.getDocumentSymbols(d) : [];
});
connection.onDocumentLinks((p) => {
  const d = drafts.get(p.textDocument.uri);
  return d ? service.getDocumentLinks(d) : [];
});
connection.onFoldingRanges((p) => {
  const d = drafts.get(p.textDocument.uri);
  return d ? service.getFoldingRanges(d) : [];
});
connection.onCompletion((p) => {
  const d = drafts.get(p.textDocument.uri);
  return d ? service.getCompletionItems(d, p.position) : [];
});

function refreshAllDiagnostics(): void {
  for (const doc of documents.all()) diagnostics.schedule(doc.uri, 0);
}

documents.onDidOpen((e) => diagnostics.schedule(e.document.uri, 0));
documents.onDidChangeContent((e) => diagnostics.schedule(e.document.uri));
connection.onHover((p, token) => {
  throwIfCancelled(token);
  const d = drafts.get(p.textDocument.uri);
  return d ? service.getHover(d, p.position, drafts.requestOptions(d, token)) : null;
});
connection.onCodeAction(async (p, token) => {
  throwIfCancelled(token);
  // The accepted-wording file as it is now: its quick fix inserts a line at its sorted place.
  await contexts.refresh(p.textDocument.uri);
  const d = drafts.get(p.textDocument.uri);
  const resolvesEdits = !!capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
  return d ? service.getCodeActions(d, p.range, { ...drafts.requestOptions(d, token), resolvesEdits }) : [];
});
connection.onCodeActionResolve((action) => {
  const uri = (action.data as { uri?: unknown } | undefined)?.uri;
  const d = typeof uri === 'string' ? drafts.get(uri) : undefined;
  return d ? service.resolveCodeAction(d, action) : action;
});

connection.onCodeLens((p, token) => {
  throwIfCancelled(token);
  const d = drafts.get(p.textDocument.uri);
  return d ? service.getCodeLenses(d) : [];
});

function refreshCodeLenses(): void {
  if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

registerUnresRequests({
  connection,
  documents,
  service,
  drafts,
  host,
  contexts,
  capabilities: () => capabilities,
  workspaceRoot: () => workspaceRoot,
  rebuildCorpus: () => reloadCorpus(true),
  refreshCodeLenses,
  pause,
});

documents.onDidClose((e) => {
  diagnostics.forget(e.document.uri);
  service.closeDocument(e.document.uri);
  contexts.forget(e.document.uri);
  drafts.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

function rootPath(params: InitializeParams): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (uri?.startsWith('file:')) return fileURLToPath(uri);
  return params.rootPath ?? undefined;
}

documents.listen(connection);
connection.listen();
