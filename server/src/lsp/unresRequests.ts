// The unres/* requests (shared/protocol.ts): earlier wording, compare, renumber, check the
// workspace, rebuild the index. Each answers from the language service and the corpus host.
import * as path from 'path';
import { fileURLToPath } from 'url';
import {
  CancellationToken,
  ClientCapabilities,
  Connection,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CheckWorkspaceRequest,
  CheckWorkspaceResult,
  CompareRequest,
  CompareResponse,
  CorpusStatus,
  EarlierWordingRequest,
  EarlierWordingResponse,
  RebuildIndexRequest,
  RenumberRequest,
} from '../../../shared/protocol';
import { paragraphRange } from '../features/earlierWording';
import { Against, toCompareResponse } from '../features/compare';
import { MAX_PARSED_CHARS, UnresLanguageService, toDiagnostics } from '../service';
import { CorpusHost, readResolutionFile } from '../node/corpusHost';
import { DocumentContexts } from '../node/documentContexts';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { checkFiles, draftsInFolder } from '../node/workspaceCheck';
import { OpenDrafts } from './drafts';
import { YieldNow } from '../engine/match/slices';

export interface UnresRequestDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: UnresLanguageService;
  drafts: OpenDrafts;
  host: CorpusHost;
  contexts: DocumentContexts;
  capabilities(): ClientCapabilities;
  workspaceRoot(): string | undefined;
  /** Deletes the index cache and loads the corpus again, until it is loaded. */
  rebuildCorpus(): Promise<void>;
  refreshCodeLenses(): void;
  /** The pause between the files of a workspace check (lsp/pause.ts). */
  pause: YieldNow;
}

/** A request the client cancelled before it started answers RequestCancelled, as the protocol asks. */
export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

export function registerUnresRequests(deps: UnresRequestDeps): void {
  const { connection, service, drafts, host } = deps;

  /**
   * `unres/rebuildIndex`: deletes the index cache file and loads the corpus again from its files;
   * answers with the corpus status once loaded (or as it is when a newer load took over).
   */
  connection.onRequest(RebuildIndexRequest, async (): Promise<CorpusStatus> => {
    await deps.rebuildCorpus();
    return host.status;
  });

  /**
   * `unres/earlierWording` (TextDocumentPositionParams): the best earlier wording of the paragraph
   * at the position (features/earlierWording.ts), with `sourceRange`, the paragraph's range in its
   * file when that can be read; null when there is none.
   */
  connection.onRequest(EarlierWordingRequest, async (p, token): Promise<EarlierWordingResponse | null> => {
    throwIfCancelled(token);
    const d = drafts.get(p.textDocument.uri);
    const found = d ? service.getEarlierWording(d, p.position, drafts.requestOptions(d, token)) : null;
    if (!d || !found) return null;
    const text = found.sameDraft ? d.text : found.sourceUri ? await host.readText(found.sourceUri) : undefined;
    const sourceRange = text === undefined ? undefined : paragraphRange(text, found.paragraph, found.sourceText);
    return { ...found, sourceRange };
  });

  /**
   * `unres/compare` ({ textDocument, against? }): the draft compared with the resolution it
   * updates (features/compare.ts), or with `against` (a symbol, a corpus file, or any resolution
   * file's path or file: URI); a RequestFailed error saying why when there is nothing to compare with.
   */
  connection.onRequest(CompareRequest, async (p, token): Promise<CompareResponse> => {
    throwIfCancelled(token);
    const d = drafts.get(p.textDocument.uri);
    if (!d) throw new ResponseError(LSPErrorCodes.RequestFailed, `unres: 未打开的文档 not an open unres document: ${p.textDocument.uri}`);
    const against = typeof p.against === 'string' && p.against.trim() ? await againstFile(p.against.trim()) : undefined;
    const c = service.getComparison(d, against);
    // The lenses follow the predecessor named (or found again).
    deps.refreshCodeLenses();
    if ('error' in c) throw new ResponseError(LSPErrorCodes.RequestFailed, `unres: ${c.error}`);
    return toCompareResponse(d, c);
  });

  /** `against` read from its file when it names one outside the corpus; else as given (a symbol or a corpus key). */
  async function againstFile(against: string): Promise<Against> {
    const file = against.startsWith('file:') ? fileURLToPath(against) : path.isAbsolute(against) ? against : undefined;
    if (!file || host.corpus.get(file)) return file ?? against;
    const read = await readResolutionFile(file);
    if ('skipped' in read) throw new ResponseError(LSPErrorCodes.RequestFailed, `unres: ${file}: ${read.skipped}`);
    return read;
  }

  /** `unres/renumber` ({ textDocument }): the edit numbering the operative paragraphs 1, 2, 3…, or null. */
  connection.onRequest(RenumberRequest, (p) => {
    const d = drafts.get(p.textDocument.uri);
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
        : deps.capabilities().window?.workDoneProgress
          ? await connection.window.createWorkDoneProgress()
          : undefined;
    const progressCancelled = (progress as WorkDoneProgressServerReporter | undefined)?.token;
    progress?.begin('unres: 检查工作区 Checking the workspace', 0, undefined, true);
    try {
      // Echoes and citation dates need the whole corpus: wait for it to be indexed.
      while (host.status.state === 'indexing' && !token.isCancellationRequested && !progressCancelled?.isCancellationRequested) {
        progress?.report('unres: 正在索引语料 Indexing corpus');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const root = deps.workspaceRoot();
      const uris = p?.uris ?? (root ? await draftsInFolder(root) : []);
      const result = await checkFiles(uris, {
        service,
        contexts: deps.contexts,
        fs: nodeFileSystem,
        maxChars: MAX_PARSED_CHARS,
        isOpen: (uri) => deps.documents.get(uri) !== undefined,
        openDiagnostics: async (uri) => {
          const d = drafts.get(uri);
          return d ? toDiagnostics(await service.computeFindings(d, drafts.requestOptions(d))) : [];
        },
        publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
        report: (done, total, file) => progress?.report(Math.round((100 * done) / Math.max(total, 1)), `${done}/${total} ${file}`),
        cancelled: () => token.isCancellationRequested || !!progressCancelled?.isCancellationRequested,
        yieldNow: deps.pause,
      });
      throwIfCancelled(token);
      return result;
    } finally {
      progress?.done();
    }
  });
}
