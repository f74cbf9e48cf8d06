// Echoes: draft paragraphs that carry over or revise earlier wording, from the corpus (`echo`)
// or from an earlier paragraph of the same draft (`repeat`).
import { fileURLToPath } from 'url';
import { Corpus, CorpusDocument } from '../engine/corpus';
import { EchoMatch, YieldNow } from '../engine/match/echo';
import { pacer } from '../engine/match/slices';
import { Paragraph, paragraphs } from '../engine/model';
import { isoDate } from '../engine/dates';
import { chineseLabel } from '../../../shared/comparison';
import { SEVERITY, UnresSettings } from '../settings';
import { DraftDocument, NEVER_STOP, ShouldStop } from './document';
import { Finding, finding } from './findings';
import { RepeatFinder } from '../engine/match/repeats';

export const ECHO = 'echo';
export const REPEAT = 'repeat';

/** One earlier wording of a draft paragraph. */
export interface Echo {
  match: EchoMatch;
  /** The corpus document, or undefined for an earlier paragraph of the draft. */
  source?: CorpusDocument;
  /** `PP4`, `OP3`. */
  label: string;
}

export interface ParagraphEchoes {
  paragraph: Paragraph;
  corpus: Echo[];
  draft: Echo[];
  /** The draft's earlier paragraphs were not searched: a long draft's check is still indexing them. */
  draftPending?: boolean;
}

/**
 * Paragraphs of a draft above which a search of some of them (a hover, a code action) does not
 * index them all in one step for their repeats (100,000 paragraphs: ~0.6 s): it leaves the
 * repeats out until the draft's check, which indexes them in slices, has done so.
 */
export const MAX_PARAGRAPHS_INDEXED_AT_ONCE = 5000;

/** What findAllEchoes searches, and how. */
export interface EchoSearchOptions {
  /** Whether the corpus is loaded (its snapshot's word); without, only the draft is searched. */
  ready: boolean;
  /** Matches per paragraph (default 5). */
  limit?: number;
  /** One paragraph, or those for which it says yes; default every paragraph. */
  only?: Paragraph | ((p: Paragraph) => boolean);
  /**
   * Asked before each paragraph's searches: once it says stop, the paragraphs left are not
   * searched and are missing from the answer.
   */
  shouldStop?: ShouldStop;
  /**
   * Kept by the caller for a document between versions: paragraphs an edit did not affect
   * reuse their repeat search; a new one searches every paragraph.
   */
  repeats?: RepeatFinder;
}

/** Echoes of every paragraph of the draft in order, or of those `only` names. */
export function findAllEchoes(doc: DraftDocument, corpus: Corpus, settings: UnresSettings, opts: EchoSearchOptions): ParagraphEchoes[] {
  const { ready, limit = 5, only, shouldStop = NEVER_STOP, repeats = new RepeatFinder() } = opts;
  const out: ParagraphEchoes[] = [];
  for (const e of eachParagraphEchoes(doc, corpus, settings, { limit, repeats, only, ready })) {
    if (shouldStop()) break;
    out.push(e());
  }
  return out;
}

/**
 * findAllEchoes one paragraph at a time: each item searches its paragraph when called, so that
 * a caller may stop, or pause, between paragraphs.
 */
function* eachParagraphEchoes(
  doc: DraftDocument,
  corpus: Corpus,
  settings: UnresSettings,
  { limit, repeats, only, ready }: { limit: number; repeats: RepeatFinder; only?: Paragraph | ((p: Paragraph) => boolean); ready: boolean },
): Generator<() => ParagraphEchoes> {
  const search = ready ? corpusSearch(doc, corpus, settings, limit) : () => [];
  const paras = paragraphs(doc.resolution);
  const pending = only !== undefined && paras.length > MAX_PARAGRAPHS_INDEXED_AT_ONCE && !repeats.indexed(paras);
  const own = pending ? undefined : repeats.run(paras, { limit, threshold: settings.echo.threshold });
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (only && (typeof only === 'function' ? !only(p) : p !== only)) continue;
    yield () => ({
      paragraph: p,
      corpus: search(p).map((m) => {
        const source = corpus.get(m.key.doc);
        return { match: m, source, label: source?.paragraphs[Number(m.key.paragraph)]?.label ?? m.key.paragraph };
      }),
      draft: own?.matches(i).map((m) => ({ match: m, label: paras[Number(m.key.paragraph)].label })) ?? [],
      ...(pending ? { draftPending: true } : {}),
    });
  }
}

/**
 * The corpus search made for a paragraph of `doc`; only once the corpus is loaded (the server
 * then checks the open drafts again).
 */
function corpusSearch(doc: DraftDocument, corpus: Corpus, settings: UnresSettings, limit: number): (p: Paragraph) => EchoMatch[] {
  const excluded = selfInCorpus(doc, corpus);
  // An adopted text (one with its closing date) can only echo what came before it.
  const adopted = doc.resolution.closing?.date;
  const later = (key: string) => {
    const date = adopted && corpus.get(key)?.date;
    return !!date && isoDate(date) > isoDate(adopted);
  };
  return (p) =>
    corpus.echo
      .findEchoes(p.body.text, {
        verbPrefixLength: p.verb?.prefix.length,
        threshold: settings.echo.threshold,
        limit,
        exclude: (d) => excluded.has(d) || later(d),
      })
      .sort(bySourceTies(corpus));
}

/**
 * Best first; equal scores (a paragraph carried over unchanged through several years) go to the
 * latest resolution, the one a drafter is revising, then by file and paragraph: the same order
 * whichever order the corpus files were read in (the CLI and the editor name the same source).
 */
function bySourceTies(corpus: Corpus): (a: EchoMatch, b: EchoMatch) => number {
  const adopted = (m: EchoMatch) => {
    const date = corpus.get(m.key.doc)?.date;
    return date ? isoDate(date) : '';
  };
  return (a, b) =>
    b.score - a.score ||
    adopted(b).localeCompare(adopted(a)) ||
    (a.key.doc < b.key.doc ? -1 : a.key.doc > b.key.doc ? 1 : 0) ||
    Number(a.key.paragraph) - Number(b.key.paragraph);
}

export interface EchoFindingsOptions {
  /** Whether the corpus is loaded (its snapshot's word); without, only repeats are searched. */
  ready: boolean;
  /**
   * Awaited between slices of ~5 ms: the first diagnostics of a long draft (opened, pasted, or
   * after a corpus load) search every paragraph in the corpus and in the draft, hundreds of
   * milliseconds on a corpus of tens of thousands of resolutions (seconds for a draft of 100,000
   * lines), during which no request would be answered. Without it the search runs in one go.
   */
  pace?: YieldNow;
  /** Asked before each paragraph (and at every pause): once it says stop, the paragraphs left are not searched. */
  shouldStop?: ShouldStop;
  /** The document's RepeatFinder, kept between versions (see findAllEchoes). */
  repeats?: RepeatFinder;
  /** Only the paragraphs it accepts (a range's, for code actions); else all. */
  only?: (p: Paragraph) => boolean;
}

/**
 * Echo and repeat findings; `complete` is false when `shouldStop` said stop before the last
 * paragraph (those not reached have none).
 */
export async function echoFindings(
  doc: DraftDocument,
  corpus: Corpus,
  settings: UnresSettings,
  opts: EchoFindingsOptions,
): Promise<{ findings: Finding[]; complete: boolean }> {
  const shouldStop = opts.shouldStop ?? NEVER_STOP;
  const repeats = opts.repeats ?? new RepeatFinder();
  const paras = paragraphs(doc.resolution);
  // Short slices: a request that comes in waits for the slice running and, its answer being
  // written at the next pause (vscode-jsonrpc writes from a setImmediate), for one more.
  const pace = opts.pace ? pacer(opts.pace, INTERACTIVE_SLICE_MS) : undefined;
  if (opts.pace) {
    // Hover and quick fixes ask for paragraphs again: their searches stay remembered, with room
    // for the other open drafts' too.
    corpus.echo.rememberAtLeast(paras.length + 1024);
    // The index of the draft's own paragraphs, for the repeat searches, made in slices too.
    await repeats.run(paras, { limit: ECHO_LIMIT, threshold: settings.echo.threshold }).prepare(opts.pace);
  }
  const findings: Finding[] = [];
  for (const e of eachParagraphEchoes(doc, corpus, settings, { limit: ECHO_LIMIT, repeats, only: opts.only, ready: opts.ready })) {
    if (shouldStop()) return { findings, complete: false };
    addFindings(findings, doc, e(), settings);
    if (pace) await pace();
  }
  // A paced run may have been told to stop during the last pause.
  return { findings, complete: !(pace && shouldStop()) };
}

/** Work between two pauses of a paced echoFindings, in milliseconds. */
const INTERACTIVE_SLICE_MS = 5;

/** Matches kept per paragraph for diagnostics. */
const ECHO_LIMIT = 5;

/** The echo finding and the repeat finding of a paragraph, those it has. */
function addFindings(out: Finding[], doc: DraftDocument, e: ParagraphEchoes, settings: UnresSettings): void {
  if (e.corpus.length) {
    const f = toFinding(doc, e.paragraph, e.corpus, ECHO, settings);
    if (f) out.push(f);
  }
  if (e.draft.length) {
    const f = toFinding(doc, e.paragraph, e.draft, REPEAT, settings);
    if (f) out.push(f);
  }
}

function toFinding(doc: DraftDocument, p: Paragraph, echoes: Echo[], code: string, settings: UnresSettings): Finding | undefined {
  const best = echoes[0];
  const severity = best.match.kind === 'verbatim' ? settings.echo.verbatimSeverity : settings.echo.changedSeverity;
  if (severity === 'off') return undefined;
  const symbol = (e: Echo) => e.source?.symbol ?? doc.resolution.symbol ?? doc.uri;
  const matches = echoes.map((e) => ({ symbol: symbol(e), paragraph: e.label, score: round(e.match.score) }));
  return finding(doc, p.span, code, SEVERITY[severity], echoMessage(best, code === REPEAT ? undefined : symbol(best)), [], { matches });
}

/** `与 A/RES/72/57 序言部分第 4 段相同 97%` and its English. */
export function echoMessage(e: Echo, symbol: string | undefined): string {
  const pct = percent(e.match.score);
  const where = symbol ? `${symbol} ${chineseLabel(e.label)}` : `本草案${chineseLabel(e.label)}`;
  const whereEn = symbol ? `${symbol} ${e.label}` : `${e.label} of this draft`;
  switch (e.match.kind) {
    case 'verbatim':
      return `与 ${where}相同 ${pct} / Same as ${whereEn} (${pct})`;
    case 'revised':
      return `改写自 ${where}，相同 ${pct} / Revised from ${whereEn} (${pct} the same)`;
    case 'partial':
      return `部分沿用 ${where}，相同 ${pct} / Reuses part of ${whereEn} (${pct})`;
  }
}


/** Corpus documents that are the draft itself: the same file, or the same resolution symbol. */
export function selfInCorpus(doc: DraftDocument, corpus: Corpus): Set<string> {
  const keys = new Set<string>();
  if (doc.uri.startsWith('file:')) {
    try {
      const p = fileURLToPath(doc.uri);
      if (corpus.get(p)) keys.add(p);
    } catch {
      // not a local file: nothing to exclude by path
    }
  }
  if (doc.resolution.symbol) for (const d of corpus.allBySymbol(doc.resolution.symbol)) keys.add(d.key);
  return keys;
}

/** A score as the messages and the hover show it: the same number as `data.matches[].score`. */
export function percent(score: number): string {
  return `${Math.round(round(score) * 100)}%`;
}

/** Two decimals: the percentage the message shows, so that both read the same. */
export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
