// The unres language service: one documented interface over the language features, used by the
// language server, the CLI and the tests alike. Its corpus, file access and logger are passed in;
// it holds no connection and does no I/O of its own.
import { CodeAction, CompletionItem, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { Corpus } from './engine/corpus';
import { Logger } from './engine/fileSystem';
import { DraftDocument, NEVER_STOP, ShouldStop, parseDraft } from './features/document';
import { getDocumentSymbols } from './features/documentSymbols';
import { getDocumentLinks } from './features/documentLinks';
import { getFoldingRanges } from './features/folding';
import { getCompletionItems } from './features/completion';
import { structureFindings } from './features/structureDiagnostics';
import { Finding, toCodeActions } from './features/findings';
import { echoFindings, echoFindingsSliced } from './features/echo';
import { RepeatFinder } from './features/repeats';
import { EchoIndex, YieldNow } from './engine/match/echo';
import { citationFindings } from './features/citationDiagnostics';
import { getHover } from './features/hover';
import { EarlierWording, getEarlierWording } from './features/earlierWording';
import { getRenumberEdit } from './features/renumber';
import { DEFAULT_SETTINGS, UnresSettings } from './settings';

export type { ShouldStop } from './features/document';
export type { EarlierWording } from './features/earlierWording';

/** How far a request goes. */
export interface RequestOptions {
  /**
   * A document over `unres.limits.maxDocumentSize`: structure only, i.e. no corpus echo search,
   * no repeat check (its per-draft index) and no citation checks; outline, folding, links,
   * completion and the structure checks (numbering, punctuation, 又/还) stay.
   */
  structureOnly?: boolean;
  /** Asked between paragraphs: true means give up and return what is done. */
  shouldStop?: ShouldStop;
}

export interface LanguageServiceOptions {
  corpus: Corpus;
  logger: Logger;
  settings?: UnresSettings;
}

export interface UnresLanguageService {
  readonly corpus: Corpus;
  /** Settings in force; the server replaces them when the client's change. */
  settings: UnresSettings;
  /** The parsed draft; parsed once per (uri, version). */
  getDocument(uri: string, version: number, text: string): DraftDocument;
  /** Forgets a closed document. */
  closeDocument(uri: string): void;
  /** Outline: title, preamble, operative part (one symbol per paragraph), footnotes, closing. */
  getDocumentSymbols(doc: DraftDocument): DocumentSymbol[];
  /** Links from resolution citations and document symbols to undocs.org. */
  getDocumentLinks(doc: DraftDocument): DocumentLink[];
  getFoldingRanges(doc: DraftDocument): FoldingRange[];
  /** Paragraph-opening verbs and the next operative number. */
  getCompletionItems(doc: DraftDocument, position: Position): CompletionItem[];
  /** Earlier wording of the paragraph under the cursor, or what the corpus knows of a citation. */
  getHover(doc: DraftDocument, position: Position, opts?: RequestOptions): Hover | null;
  /**
   * The best earlier wording of the paragraph at `position` (corpus first, else an earlier
   * paragraph of the draft), for a side-by-side view; null when it has none, or the document is
   * structure-only.
   */
  getEarlierWording(doc: DraftDocument, position: Position, opts?: RequestOptions): EarlierWording | null;
  /** The edit numbering the operative paragraphs 1, 2, 3…; null when nothing changes. */
  getRenumberEdit(doc: DraftDocument): WorkspaceEdit | null;
  /** Whether `doc` is over `settings.limits.maxDocumentSize` and so gets structure features only. */
  isStructureOnly(doc: DraftDocument): boolean;
  /**
   * Findings on the draft: echoes of earlier wording, citations (dates, style, footnotes) and
   * structure (numbering, closing punctuation, 又/还).
   */
  getDiagnostics(doc: DraftDocument, opts?: RequestOptions): Diagnostic[];
  /**
   * Computes ahead, in slices between which `yieldNow` is awaited, the slow part of the next
   * getDiagnostics of `doc` (the corpus and repeat searches, the citation and structure checks),
   * which then only sorts and cuts the list. Changes no result. Stops early, at a pause, once
   * `cancelled` returns true (a newer version came in).
   */
  prepareDiagnostics(doc: DraftDocument, yieldNow: YieldNow, cancelled?: () => boolean): Promise<void>;
  /** Quick fixes for the findings that touch `range`, computed on the current text. */
  getCodeActions(doc: DraftDocument, range: Range, opts?: RequestOptions): CodeAction[];
}

/**
 * Diagnostics published per document at most: a pasted 100,000-line text would otherwise send
 * a six-figure list no editor can show usefully (they are in document order: the first ones).
 */
export const MAX_DIAGNOSTICS = 1000;

export function createLanguageService(opts: LanguageServiceOptions): UnresLanguageService {
  const parsed = new Map<string, DraftDocument>();
  /**
   * Per open document, the repeat searches of its last diagnostics, hovers and earlier-wording
   * requests, which the next run reuses where an edit left them valid.
   */
  const repeats = new Map<string, RepeatFinder>();
  /**
   * What was computed for a parsed version of a document: requests on a long draft (code actions
   * after every cursor move, outline and links after every edit) and its diagnostics reuse it
   * rather than check the whole draft each time. Findings hold while the corpus and the settings
   * are those they were computed with.
   */
  const computed = new WeakMap<DraftDocument, Computed>();
  const service: UnresLanguageService = {
    corpus: opts.corpus,
    settings: opts.settings ?? DEFAULT_SETTINGS,
    getDocument(uri, version, text) {
      const cached = parsed.get(uri);
      if (cached && cached.version === version && cached.text === text) return cached;
      const doc = parseDraft(uri, version, text);
      parsed.set(uri, doc);
      return doc;
    },
    closeDocument: (uri) => {
      parsed.delete(uri);
      repeats.delete(uri);
    },
    getDocumentSymbols: (doc) => (ofVersion(doc).symbols ??= getDocumentSymbols(doc)),
    getDocumentLinks: (doc) => (ofVersion(doc).links ??= getDocumentLinks(doc)),
    getFoldingRanges: (doc) => (ofVersion(doc).folding ??= getFoldingRanges(doc)),
    getCompletionItems: (doc, position) => getCompletionItems(doc, position, opts.corpus),
    getHover: (doc, position, ro = {}) =>
      getHover(doc, position, opts.corpus, service.settings, { echoes: !ro.structureOnly, shouldStop: ro.shouldStop, repeats: repeatFinder(doc.uri) }),
    getEarlierWording: (doc, position, ro = {}) =>
      ro.structureOnly ? null : getEarlierWording(doc, position, opts.corpus, service.settings, ro.shouldStop, repeatFinder(doc.uri)),
    getRenumberEdit,
    isStructureOnly: (doc) => doc.text.length > service.settings.limits.maxDocumentSize,
    getDiagnostics: (doc, ro = {}) => findings(doc, ro, true).slice(0, MAX_DIAGNOSTICS).map((f) => f.diagnostic),
    prepareDiagnostics: async (doc, yieldNow, cancelled = () => false) => {
      // Each check of a long draft takes up to a few hundred milliseconds: requests are answered between them.
      const c = findingsOfVersion(doc);
      await yieldNow();
      if (cancelled()) return;
      c.structure ??= structureFindings(doc);
      if (service.isStructureOnly(doc)) return;
      await yieldNow();
      if (cancelled()) return;
      c.citations ??= citationFindings(doc, opts.corpus);
      c.echoes ??= await echoFindingsSliced(doc, opts.corpus, service.settings, { yieldNow, cancelled, repeats: repeatFinder(doc.uri) });
    },
    // Echo findings carry no fixes: code actions skip their corpus searches.
    getCodeActions: (doc, range, ro = {}) => toCodeActions(doc, findings(doc, ro, false), range, ro.shouldStop),
  };
  function findings(doc: DraftDocument, ro: RequestOptions, echoes: boolean): Finding[] {
    const c = findingsOfVersion(doc);
    const structure = (c.structure ??= structureFindings(doc));
    if (ro.structureOnly) return (c.structureSorted ??= sorted(structure));
    const citations = (c.citations ??= citationFindings(doc, opts.corpus));
    // Sorted once per version: code actions on a long draft ask for them at every cursor move.
    const checks = (c.checks ??= sorted([...citations, ...structure]));
    if (!echoes) return checks;
    return sorted([...echoFindingsOf(doc, c, ro.shouldStop ?? NEVER_STOP), ...checks]);
  }
  /** The echo findings, remembered unless `shouldStop` cut them short. */
  function echoFindingsOf(doc: DraftDocument, c: VersionFindings, shouldStop: ShouldStop): Finding[] {
    if (c.echoes) return c.echoes;
    let stopped = false;
    const stop = () => (stopped ||= shouldStop());
    const found = echoFindings(doc, opts.corpus, service.settings, stop, repeatFinder(doc.uri));
    if (!stopped) c.echoes = found;
    return found;
  }
  function ofVersion(doc: DraftDocument): Computed {
    let c = computed.get(doc);
    if (!c) computed.set(doc, (c = {}));
    return c;
  }
  /** The findings computed for `doc`, emptied when the corpus or the settings changed since. */
  function findingsOfVersion(doc: DraftDocument): VersionFindings {
    const c = ofVersion(doc);
    // The corpus changes only while it is loaded (into a new index when it was cleared).
    const state = { settings: service.settings, loading: opts.corpus.loading, index: opts.corpus.echo, size: opts.corpus.size };
    const f = c.findings;
    if (f && f.settings === state.settings && f.loading === state.loading && f.index === state.index && f.size === state.size) return f;
    return (c.findings = state);
  }
  function repeatFinder(uri: string): RepeatFinder {
    let r = repeats.get(uri);
    if (!r) repeats.set(uri, (r = new RepeatFinder()));
    return r;
  }
  return service;
}

/** Results for one parsed version of a document; see `computed`. */
interface Computed {
  symbols?: DocumentSymbol[];
  links?: DocumentLink[];
  folding?: FoldingRange[];
  findings?: VersionFindings;
}

interface VersionFindings {
  /** What the findings depend on besides the text. */
  settings: UnresSettings;
  loading: boolean;
  index: EchoIndex;
  size: number;
  structure?: Finding[];
  citations?: Finding[];
  /** The structure findings by position (a structure-only document's findings). */
  structureSorted?: Finding[];
  /** The citation and structure findings, by position. */
  checks?: Finding[];
  echoes?: Finding[];
}

/** Findings by position (a stable sort: at one position, in the order given). */
function sorted(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => byPosition(a.diagnostic, b.diagnostic));
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
