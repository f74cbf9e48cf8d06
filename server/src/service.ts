// The unres language service: one documented interface over the language features, used by the
// language server, the CLI and the tests alike. Its corpus, file access and logger are passed in;
// it holds no connection and does no I/O of its own.
import { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { Corpus, CorpusSnapshot, sameSnapshot } from './engine/corpus';
import { Logger } from './engine/fileSystem';
import { DraftDocument, NEVER_STOP, ShouldStop, parseDraft } from './features/document';
import { getDocumentSymbols } from './features/documentSymbols';
import { getDocumentLinks } from './features/documentLinks';
import { getFoldingRanges } from './features/folding';
import { getCompletionItems } from './features/completion';
import { RENUMBER_FIX, SpanFilter, structureFindings } from './features/structureDiagnostics';
import { Finding, LazyFixData, intersects, toCodeActions } from './features/findings';
import { echoFindings } from './features/echo';
import { RepeatFinder } from './engine/match/repeats';
import { YieldNow } from './engine/match/echo';
import { citationFindings } from './features/citationDiagnostics';
import { getHover } from './features/hover';
import { EarlierWording, getEarlierWording } from './features/earlierWording';
import { getRenumberEdit } from './features/renumber';
import { Against, CompareFailure, comparePredecessor } from './features/compare';
import { compareLenses } from './features/compareLens';
import { Comparison } from './engine/compare';
import { DEFAULT_SETTINGS, UnresSettings } from './settings';
import { Paragraph, paragraphs } from './engine/model';
import { assembleNow } from './engine/parsed';
import { AcceptedWording, applyAccepted } from './features/accepted';
import { applySuppressions, suppressionFindings } from './features/suppressions';
import { applyRules } from './features/rules';

export type { ShouldStop } from './features/document';
export type { Finding, Fix } from './features/findings';
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
  /**
   * The client resolves code actions (`codeAction/resolve` with `edit`): a large fix (the
   * renumbering of a long operative part) is sent without its edit, which resolveCodeAction makes.
   */
  resolvesEdits?: boolean;
}

/** How computeFindings goes about it. */
export interface FindingsOptions extends RequestOptions {
  /**
   * Awaited between slices (each check, and the corpus and repeat searches every ~5 ms): a long
   * draft's first check takes seconds, and requests are answered meanwhile. Without it the
   * findings are computed in one go (the CLI, a code action's few paragraphs).
   */
  pace?: YieldNow;
  /** Only the findings that touch it (a code action's range: only its paragraphs are searched). */
  range?: Range;
}

/** What applies to one document besides its text: the folder's configuration and the accepted wording. */
export interface DocumentContext {
  /** The settings with the `.unres.json` files of the document's folders applied (node/configFiles.ts). */
  settings: UnresSettings;
  accepted?: AcceptedWording;
}

export interface LanguageServiceOptions {
  corpus: Corpus;
  logger: Logger;
  settings?: UnresSettings;
  /** The context of a document; without one (or an answer), `settings` and no accepted wording. */
  contextFor?: (uri: string) => DocumentContext | undefined;
}

export interface UnresLanguageService {
  readonly corpus: Corpus;
  /** Settings in force; the server replaces them when the client's change. A document's context may override them. */
  settings: UnresSettings;
  /** The parsed draft; parsed once per (uri, version). */
  getDocument(uri: string, version: number, text: string): DraftDocument;
  /** Forgets a closed document. */
  closeDocument(uri: string): void;
  /** Outline: title, preamble, operative part (one symbol per paragraph), footnotes, closing. */
  getDocumentSymbols(doc: DraftDocument): DocumentSymbol[];
  /** Links from resolution citations and document symbols to undocs.org (the first MAX_DOCUMENT_LINKS). */
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
  /** Whether `doc` is over maxDocumentSize(doc) characters and so gets structure features only. */
  isStructureOnly(doc: DraftDocument): boolean;
  /** The size limit in force for `doc`: `limits.maxDocumentSize` of its folder's `.unres.json`, else of the settings. */
  maxDocumentSize(doc: DraftDocument): number;
  /**
   * The findings on the draft, each with its fixes, in document order: echoes of earlier
   * wording, citations (dates, style, footnotes) and structure (numbering, closing punctuation,
   * 又/还), with the document's context applied (accepted wording, suppression comments, rule
   * severities). Each check of a version is made once while the corpus (its snapshot at the
   * start) and the document's settings stay as they were, and reused by later calls. Once
   * `shouldStop` says stop, what is not done is left out and not kept: a caller that stops for
   * a newer version drops the answer. Diagnostics, code actions, the CLI and SARIF render these.
   */
  computeFindings(doc: DraftDocument, opts?: FindingsOptions): Promise<Finding[]>;
  /**
   * Quick fixes for the findings that touch `range`, computed on the current text: each check's
   * own, and accepting the wording of an echo (with an accepted-wording file in the context) or
   * disabling a check for the paragraph.
   */
  getCodeActions(doc: DraftDocument, range: Range, opts?: RequestOptions): Promise<CodeAction[]>;
  /**
   * A code action sent without its edit (see `resolvesEdits`) with the edit, made on the current
   * text; any other action as it is.
   */
  resolveCodeAction(doc: DraftDocument, action: CodeAction): CodeAction;
  /**
   * The draft compared with the resolution it updates (found in the corpus, or `against`: a
   * symbol, a corpus file, or a document read), or why it cannot be. The document's code lenses
   * follow: a resolution named stays their predecessor until another comparison is asked for
   * (without `against`: the one found again) or the document is closed.
   */
  getComparison(doc: DraftDocument, against?: Against): Comparison | CompareFailure;
  /**
   * Per paragraph, its counterpart in the predecessor (found, or last named): none when there is
   * none, or the document is structure-only.
   */
  getCodeLenses(doc: DraftDocument): CodeLens[];
}

/**
 * Above `unres.limits.maxDocumentSize` characters a document gets structure features only (the
 * parser and the structure checks are linear). Above this fixed ceiling, whatever the setting,
 * it is not parsed at all: the server turns its features off, the CLI does not check it.
 */
export const MAX_PARSED_CHARS = 10_000_000;

/**
 * Diagnostics published per document at most: a pasted 100,000-line text would otherwise send
 * a six-figure list no editor can show usefully (they are in document order: the first ones).
 */
export const MAX_DIAGNOSTICS = 1000;

/** The findings as published diagnostics: the first MAX_DIAGNOSTICS. */
export function toDiagnostics(findings: readonly Finding[]): Diagnostic[] {
  return findings.slice(0, MAX_DIAGNOSTICS).map((f) => f.diagnostic);
}

export function createLanguageService(opts: LanguageServiceOptions): UnresLanguageService {
  const parsed = new Map<string, DraftDocument>();
  /**
   * Per open document, the repeat searches of its last diagnostics, hovers and earlier-wording
   * requests, which the next run reuses where an edit left them valid.
   */
  const repeats = new Map<string, RepeatFinder>();
  /** Per open document, the predecessor last named for it (getComparison's `against`). */
  const named = new Map<string, Against>();
  /**
   * What was computed for a parsed version of a document: requests on a long draft (code actions
   * after every cursor move, outline and links after every edit) and its diagnostics reuse it
   * rather than check the whole draft each time. Findings hold while the corpus and the
   * document's settings are those they were computed with.
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
      named.delete(uri);
    },
    getDocumentSymbols: (doc) => (ofVersion(doc).symbols ??= getDocumentSymbols(doc)),
    getDocumentLinks: (doc) => (ofVersion(doc).links ??= linksOf(doc)),
    getFoldingRanges: (doc) => (ofVersion(doc).folding ??= getFoldingRanges(doc)),
    getCompletionItems: (doc, position) => getCompletionItems(doc, position, opts.corpus),
    getHover: (doc, position, ro = {}) =>
      getHover(doc, position, opts.corpus, settingsOf(doc), { ready: ready(), echoes: !ro.structureOnly, shouldStop: ro.shouldStop, repeats: repeatFinder(doc.uri) }),
    getEarlierWording: (doc, position, ro = {}) =>
      ro.structureOnly ? null : getEarlierWording(doc, position, opts.corpus, settingsOf(doc), { ready: ready(), shouldStop: ro.shouldStop, repeats: repeatFinder(doc.uri) }),
    getRenumberEdit,
    isStructureOnly: (doc) => doc.text.length > service.maxDocumentSize(doc),
    maxDocumentSize: (doc) => settingsOf(doc).limits.maxDocumentSize,
    computeFindings: (doc, fo = {}) => findings(doc, fo),
    // Only the findings in the range: a long draft's code actions come at every cursor move.
    getCodeActions: async (doc, range, ro = {}) => toCodeActions(doc, await findings(doc, { ...ro, range }), range, ro.shouldStop, ro.resolvesEdits),
    resolveCodeAction: (doc, action) => {
      const data = action.data as Partial<LazyFixData> | undefined;
      if (data?.fix !== RENUMBER_FIX || action.edit) return action;
      return { ...action, edit: getRenumberEdit(doc) ?? { changes: { [doc.uri]: [] } } };
    },
    getComparison: (doc, against) => {
      if (against === undefined) named.delete(doc.uri);
      else named.set(doc.uri, against);
      return comparePredecessor(doc, opts.corpus, settingsOf(doc), { ready: ready(), against });
    },
    getCodeLenses: (doc) => {
      if (service.isStructureOnly(doc)) return [];
      const against = named.get(doc.uri);
      const c = comparePredecessor(doc, opts.corpus, settingsOf(doc), { ready: ready(), against });
      return 'error' in c ? [] : compareLenses(doc, c, against !== undefined);
    },
  };
  /** Whether the corpus is loaded: requests answered at once read it from a snapshot taken then. */
  function ready(): boolean {
    return opts.corpus.snapshot().ready;
  }
  /** The document's links, the cut said in the log (once per version: the links are kept for it). */
  function linksOf(doc: DraftDocument): DocumentLink[] {
    const { links, cut } = getDocumentLinks(doc);
    if (cut) {
      opts.logger.info(`unres: ${doc.uri}: 只提供前 ${links.length} 个引用的链接，其后的引用没有链接 / links for the first ${links.length} citations only: the later ones have none`);
    }
    return links;
  }
  function settingsOf(doc: DraftDocument): UnresSettings {
    return opts.contextFor?.(doc.uri)?.settings ?? service.settings;
  }
  /** computeFindings. */
  async function findings(doc: DraftDocument, fo: FindingsOptions): Promise<Finding[]> {
    const context = opts.contextFor?.(doc.uri);
    const settings = context?.settings ?? service.settings;
    const snapshot = opts.corpus.snapshot();
    const c = findingsOfVersion(doc, settings, snapshot);
    const shouldStop = fo.shouldStop ?? NEVER_STOP;
    // With `pace`, a pause before each check (each takes up to a few hundred milliseconds on a
    // long draft); true when the run is to stop there.
    const stopsAfterPause = async (pace: YieldNow) => (await pace(), shouldStop());
    // A load that started during a pause: no corpus search or dates (as while any load runs); what
    // is found is kept under the snapshot of the start, which no later call has.
    const ready = () => snapshot.ready && sameSnapshot(snapshot, opts.corpus.snapshot());
    // A code action's range (computed in one go): only its paragraphs are checked unless the
    // version's checks are done, so that one on a long draft does not wait for a whole check
    // (the check that a diagnostics run is making meanwhile, say); what it finds is not kept.
    const only = fo.range && !fo.pace ? touching(doc, fo.range) : undefined;
    // A check of the whole draft, in slices with `pace`; undefined when it was stopped.
    const whole = (check: (only: SpanFilter) => Finding[]) => inSlices(doc, check, fo.pace, shouldStop);
    let all: Finding[] = [];
    if (fo.pace && !(await assembleInSlices(doc, fo.pace, shouldStop))) return [];
    if (!(fo.pace && (await stopsAfterPause(fo.pace)))) {
      const structure = c.structure ?? (only ? structureFindings(doc, only) : (c.structure = await whole((o) => structureFindings(doc, o))));
      all = structure ?? [];
      if (structure && !fo.structureOnly && !(fo.pace && (await stopsAfterPause(fo.pace)))) {
        const r = ready();
        const citations = c.citations ?? (only ? citationFindings(doc, opts.corpus, r, only) : (c.citations = await whole((o) => citationFindings(doc, opts.corpus, r, o))));
        if (citations) all = [...(await echoesOf(doc, c, settings, ready(), fo, only)), ...citations, ...structure];
      }
    }
    if (fo.range) {
      const range = fo.range;
      all = all.filter((f) => intersects(f.diagnostic.range, range));
    }
    // The context applied, in slices with `pace` too: on a 100,000-line draft's 133,000 findings
    // it was one step of up to a second.
    const applied: Finding[] = [];
    for (let i = 0; i < all.length; i += SLICE_FINDINGS) {
      for (const f of applySuppressions(doc, applyAccepted(doc, all.slice(i, i + SLICE_FINDINGS), context?.accepted))) applied.push(f);
      if (fo.pace && all.length > SLICE_FINDINGS && (await stopsAfterPause(fo.pace))) return [];
    }
    return sorted(applyRules([...applied, ...suppressionFindings(doc)], settings.rules));
  }
  /**
   * The echo findings, remembered for the version unless cut short; with a range and none
   * remembered, those of its paragraphs only (searched unless the memo has them).
   */
  async function echoesOf(
    doc: DraftDocument,
    c: VersionFindings,
    settings: UnresSettings,
    ready: boolean,
    fo: FindingsOptions,
    only: ((p: Paragraph) => boolean) | undefined,
  ): Promise<Finding[]> {
    if (c.echoes) return c.echoes;
    const found = await echoFindings(doc, opts.corpus, settings, { ready, pace: fo.pace, shouldStop: fo.shouldStop, repeats: repeatFinder(doc.uri), only });
    if (found.complete && !only) c.echoes = found.findings;
    return found.findings;
  }
  function ofVersion(doc: DraftDocument): Computed {
    let c = computed.get(doc);
    if (!c) computed.set(doc, (c = {}));
    return c;
  }
  /** The findings computed for `doc`, emptied when the corpus or the document's settings changed since. */
  function findingsOfVersion(doc: DraftDocument, settings: UnresSettings, snapshot: CorpusSnapshot): VersionFindings {
    const c = ofVersion(doc);
    // The corpus changes only while it is loaded (into a new index when it was cleared). A
    // folder's settings are made anew at each check: compared by value.
    const state = { settings: JSON.stringify(settings), snapshot };
    const f = c.findings;
    if (f && f.settings === state.settings && sameSnapshot(f.snapshot, snapshot)) return f;
    return (c.findings = state);
  }
  function repeatFinder(uri: string): RepeatFinder {
    let r = repeats.get(uri);
    if (!r) repeats.set(uri, (r = new RepeatFinder()));
    return r;
  }
  return service;
}

/** Findings per slice of applying a document's context with `pace` (~10 ms each). */
const SLICE_FINDINGS = 10000;

/**
 * Paragraphs per slice of a structure or citation check run with `pace`: those checks take
 * ~0.2 s each in one go on a 100,000-line draft, ~10 ms per slice of this many.
 */
const SLICE_PARAGRAPHS = 5000;

/**
 * `check` over the whole draft; with `pace`, in slices of SLICE_PARAGRAPHS paragraphs, a pause
 * after each: each slice reports on the paragraphs and footnotes that start in it (between the
 * starts of its first paragraph and of the next slice's), so that together they report on each
 * once; in position order the findings are those of one run, as a finding lies in the
 * paragraph or footnote it is of. Undefined when `shouldStop` says stop at a pause.
 */
async function inSlices(doc: DraftDocument, check: (only: SpanFilter) => Finding[], pace: YieldNow | undefined, shouldStop: ShouldStop): Promise<Finding[] | undefined> {
  const starts = paragraphs(doc.resolution).map((p) => p.span.start).sort((a, b) => a - b);
  if (!pace || starts.length <= SLICE_PARAGRAPHS) return check(() => true);
  const out: Finding[] = [];
  const done = await eachSlice(starts.length, pace, shouldStop, (i, j) => {
    const from = i === 0 ? -Infinity : starts[i];
    const to = j < starts.length ? starts[j] : Infinity;
    for (const f of check((t) => t.span.start >= from && t.span.start < to)) out.push(f);
  });
  return done ? out : undefined;
}

/**
 * Assembles the draft's paragraphs in slices of SLICE_PARAGRAPHS, a pause after each. The
 * parser leaves that to each paragraph's first use (engine/parsed.ts), and the checks
 * read neighbours' verbs and earlier citations: their first slice would otherwise assemble a
 * long draft in one step (100,000 paragraphs: ~0.5 s). False when `shouldStop` says stop.
 */
async function assembleInSlices(doc: DraftDocument, pace: YieldNow, shouldStop: ShouldStop): Promise<boolean> {
  const all = paragraphs(doc.resolution);
  if (all.length <= SLICE_PARAGRAPHS) return true;
  return eachSlice(all.length, pace, shouldStop, (i, j) => {
    for (let k = i; k < j; k++) assembleNow(all[k]);
  });
}

/** `step(i, j)` for [0, n) in slices [i, j) of SLICE_PARAGRAPHS, `pace` after each; false when `shouldStop` then says stop. */
async function eachSlice(n: number, pace: YieldNow, shouldStop: ShouldStop, step: (i: number, j: number) => void): Promise<boolean> {
  for (let i = 0; i < n; i += SLICE_PARAGRAPHS) {
    step(i, Math.min(n, i + SLICE_PARAGRAPHS));
    await pace();
    if (shouldStop()) return false;
  }
  return true;
}

/** Whether a paragraph (or a footnote) touches `range`. */
function touching(doc: DraftDocument, range: Range): SpanFilter {
  const start = doc.lines.offsetAt(range.start);
  const end = doc.lines.offsetAt(range.end);
  return (p) => p.span.start <= end && p.span.end >= start;
}

/** Results for one parsed version of a document; see `computed`. */
interface Computed {
  symbols?: DocumentSymbol[];
  links?: DocumentLink[];
  folding?: FoldingRange[];
  findings?: VersionFindings;
}

interface VersionFindings {
  /** What the findings depend on besides the text (the settings as JSON). */
  settings: string;
  snapshot: CorpusSnapshot;
  structure?: Finding[];
  citations?: Finding[];
  echoes?: Finding[];
}

/**
 * Findings by position (a stable sort: at one position, in the order given). By line first with
 * a counting sort, then by character within each line: the comparison sort of a 100,000-line
 * draft's 133,000 findings was a step of a third of a second at the end of its check.
 */
function sorted(findings: Finding[]): Finding[] {
  const lineOf = (f: Finding) => f.diagnostic.range.start.line;
  let lines = 0;
  for (const f of findings) lines = Math.max(lines, lineOf(f) + 1);
  // A few findings far down a long text: the comparison sort is the cheaper.
  if (lines > 4 * findings.length) return [...findings].sort((a, b) => byPosition(a.diagnostic, b.diagnostic));
  const next = new Uint32Array(lines + 1);
  for (const f of findings) next[lineOf(f) + 1]++;
  for (let l = 1; l <= lines; l++) next[l] += next[l - 1];
  const out = new Array<Finding>(findings.length);
  for (const f of findings) out[next[lineOf(f)]++] = f;
  for (let i = 0, j = 0; i < out.length; i = j) {
    for (j = i + 1; j < out.length && lineOf(out[j]) === lineOf(out[i]); ) j++;
    if (j - i > 1) out.splice(i, j - i, ...out.slice(i, j).sort((a, b) => byPosition(a.diagnostic, b.diagnostic)));
  }
  return out;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
