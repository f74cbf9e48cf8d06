// The unres/* messages between the language server and its clients (the VS Code extension, the
// tests, any other editor), each typed once: the server, the client and the tests import them
// from here. Only protocol types: nothing of VS Code or of the server's code.
import type { Comparison } from './comparison';
import { NotificationType, Range, RequestType, RequestType0, TextDocumentIdentifier, TextDocumentPositionParams, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** What the client may show of the corpus: `unres/corpusStatus`, and the answer to `unres/rebuildIndex`. */
export interface CorpusStatus {
  state: 'indexing' | 'ready' | 'error';
  documents: number;
  skipped: number;
}

/** `unres/corpusProgress`: corpus files read so far, of all found (for a client that shows the progress itself). */
export interface CorpusProgress {
  done: number;
  total: number;
}

/** The best earlier wording of a paragraph (features/earlierWording.ts). */
export interface EarlierWording {
  /** Where the earlier wording is: a resolution symbol, or the draft's own symbol (or URI) for a repeat. */
  symbol: string;
  /** The source paragraph, `PP4` / `OP3`. */
  paragraph: string;
  /** The source paragraph's clean text (lines joined, markers and Markdown removed). */
  sourceText: string;
  /** The source file (`file:` URI), or the draft's URI for a repeat; absent when unknown. */
  sourceUri?: string;
  /** Whether the source is an earlier paragraph of this draft rather than the corpus. */
  sameDraft: boolean;
  /** The draft paragraph at the position: its label, clean text and range. */
  draftParagraph: string;
  draftText: string;
  range: Range;
  score: number;
  kind: 'verbatim' | 'revised' | 'partial';
  /** The other matches, best first (as in the echo diagnostic's `data.matches`). */
  others: { symbol: string; paragraph: string; score: number }[];
}

/** The answer to `unres/earlierWording`: with the source paragraph's range in its file, when it could be read. */
export interface EarlierWordingResponse extends EarlierWording {
  sourceRange?: Range;
}

/** `unres/checkWorkspace`: the drafts to check (server/src/node/workspaceCheck.ts). */
export interface CheckWorkspaceParams {
  /** The files to check (`file:` URIs); by default every `*.unres` and `*.unres.md` of the workspace folder. */
  uris?: string[];
  workDoneToken?: string | number;
}

export interface CheckWorkspaceResult {
  /** Files asked for. */
  files: number;
  /** Files checked (open ones included: their diagnostics are already those of their text). */
  checked: number;
  /** Diagnostics published for the files checked (open ones included). */
  problems: number;
  /** Files that could not be read, or are not text. */
  unreadable: number;
  /** Stopped before the end (the progress was cancelled). */
  cancelled: boolean;
}

export interface CompareParams {
  textDocument: TextDocumentIdentifier;
  /** A resolution to compare with instead of the one found: a symbol, a corpus file, any resolution file's path or `file:` URI. */
  against?: string;
}

export interface RenumberParams {
  textDocument: TextDocumentIdentifier;
}

/** Server → client, at each change of the corpus state. */
export const CorpusStatusNotification = new NotificationType<CorpusStatus>('unres/corpusStatus');

/** Server → client, while the corpus files are read. */
export const CorpusProgressNotification = new NotificationType<CorpusProgress>('unres/corpusProgress');

/** Deletes the index cache and loads the corpus again; answers with the status once loaded. */
export const RebuildIndexRequest = new RequestType0<CorpusStatus, void>('unres/rebuildIndex');

/** The best earlier wording of the paragraph at the position, or null when it has none. */
export const EarlierWordingRequest = new RequestType<TextDocumentPositionParams, EarlierWordingResponse | null, void>('unres/earlierWording');

/** The edit numbering the operative paragraphs 1, 2, 3…, or null when nothing changes. */
export const RenumberRequest = new RequestType<RenumberParams, WorkspaceEdit | null, void>('unres/renumber');

/** The draft compared with the resolution it updates (or `against`); a RequestFailed error saying why when there is none. */
/** `unres/compare`'s answer: the comparison (shared/comparison.ts), each draft paragraph with its LSP range. */
export interface CompareResponse extends Comparison {
  rows: (Comparison['rows'][number] & { draft?: Comparison['rows'][number]['draft'] & { range: Range } })[];
}

export const CompareRequest = new RequestType<CompareParams, CompareResponse, void>('unres/compare');

/** Checks the drafts that are not open and publishes their diagnostics, with work-done progress. */
export const CheckWorkspaceRequest = new RequestType<CheckWorkspaceParams | null, CheckWorkspaceResult, void>('unres/checkWorkspace');
