// Compare with Predecessor: the draft against the corpus resolution it updates (or one named),
// with the echo search's earlier wordings for its new paragraphs. Used by `unres/compare`, the
// code lenses and `unres compare`.
import { Corpus, CorpusDocument, normalizeSymbol } from '../engine/corpus';
import { isoDate } from '../engine/dates';
import { Comparison, DraftParagraph, EchoRef, compareParagraphs, draftParagraphs } from '../engine/compare';
import { Predecessor, findPredecessor, noPredecessorMessage } from '../engine/compare/predecessor';
import { UnresSettings } from '../settings';
import type { CompareResponse } from '../../../shared/protocol';
import { DraftDocument, toRange } from './document';
import { round, selfInCorpus } from './echo';

/**
 * Paragraph pairs weighed at most: every draft paragraph is measured against every paragraph of
 * the predecessor. Resolutions have tens of paragraphs; 500 × 500 is a pasted book.
 */
const MAX_PAIRS = 250_000;

/** Paragraphs whose earlier wordings tell an untitled draft's predecessor: a resolution's worth, whatever the draft's length. */
const REUSE_SAMPLE = 100;

/** Earlier wordings listed per new paragraph. */
const ECHOES_PER_NEW = 3;

/**
 * What to compare with: a corpus resolution's symbol (`A/RES/72/57`, `72/57`) or corpus file
 * path, or a document already read (`unres compare --against FILE` of a file outside the corpus).
 */
export type Against = string | CorpusDocument;

/** Why there is no comparison; `noPredecessor` when naming one (--against) would give one. */
export interface CompareFailure {
  error: string;
  noPredecessor?: boolean;
}

/** `ready`: the corpus is loaded (its snapshot's word); `against`: the predecessor named, if any. */
export function comparePredecessor(doc: DraftDocument, corpus: Corpus, settings: UnresSettings, { ready, against }: { ready: boolean; against?: Against }): Comparison | CompareFailure {
  if (!ready) return { error: '语料索引中，完成后再比较 / the corpus is being indexed: compare once it is ready' };
  const self = selfInCorpus(doc, corpus);
  const res = doc.resolution;
  const paras = draftParagraphs(res);
  if (paras.length === 0) return { error: '草案中没有段落 / the draft has no paragraphs to compare' };
  const exclude = earlierOnly(doc, corpus, self);
  const predecessor = against === undefined ? findPredecessor(res, corpus, self, () => reuseCounts(paras, corpus, settings, exclude)) : named(against, corpus);
  if (!predecessor) return { error: noPredecessorMessage(res), noPredecessor: true };
  if ('error' in predecessor) return predecessor;
  const pairs = paras.length * predecessor.doc.paragraphs.length;
  if (pairs > MAX_PAIRS) {
    return {
      error: `段落太多，无法比较（${paras.length} × ${predecessor.doc.paragraphs.length}）/ too many paragraphs to compare (${paras.length} × ${predecessor.doc.paragraphs.length}; at most ${MAX_PAIRS.toLocaleString('en')} pairs)`,
    };
  }
  return compareParagraphs({ symbol: res.symbol, title: res.title?.text, paragraphs: paras }, predecessor, {
    echoes: (p) => echoesOf(p, corpus, settings, exclude),
  });
}

function named(against: Against, corpus: Corpus): Predecessor | { error: string } {
  if (typeof against !== 'string') return { doc: against, reason: `按指定 as named (${against.key})` };
  const wanted = against.trim();
  const symbol = /^\d{1,3}\/\d/.test(wanted) ? `A/RES/${wanted}` : wanted;
  const doc = corpus.allBySymbol(symbol)[0] ?? corpus.get(wanted);
  if (!doc) {
    return { error: `语料中没有 ${wanted}（请给出决议文号，如 A/RES/72/57 或 72/57，或语料中的文件） / ${wanted} is not in the corpus (give a resolution symbol such as A/RES/72/57 or 72/57, or a corpus file)` };
  }
  return { doc, reason: `按指定 as named (${normalizeSymbol(symbol) === normalizeSymbol(doc.symbol) ? doc.symbol : doc.key})` };
}

/** Corpus documents a search leaves out: the draft itself and, for an adopted text, later ones. */
function earlierOnly(doc: DraftDocument, corpus: Corpus, self: ReadonlySet<string>): (key: string) => boolean {
  const adopted = doc.resolution.closing?.date;
  return (key) => {
    const date = adopted && corpus.get(key)?.date;
    return self.has(key) || (!!date && isoDate(date) > isoDate(adopted));
  };
}

/** Earlier wordings of a new paragraph in the corpus. */
function echoesOf(p: DraftParagraph, corpus: Corpus, settings: UnresSettings, exclude: (key: string) => boolean): EchoRef[] {
  return corpus.echo
    .findEchoes(p.text, { verbPrefixLength: p.verbPrefixLength, threshold: settings.echo.threshold, limit: ECHOES_PER_NEW, exclude })
    .map((m) => {
      const source = corpus.get(m.key.doc);
      return { symbol: source?.symbol ?? m.key.doc, file: m.key.doc, paragraph: source?.paragraphs[Number(m.key.paragraph)]?.label ?? m.key.paragraph, score: round(m.score) };
    });
}

/**
 * For each corpus document, how many draft paragraphs (of the first REUSE_SAMPLE) have their best
 * earlier wording there.
 */
function reuseCounts(paras: readonly DraftParagraph[], corpus: Corpus, settings: UnresSettings, exclude: (key: string) => boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of paras.slice(0, REUSE_SAMPLE)) {
    const best = corpus.echo.findEchoes(p.text, { verbPrefixLength: p.verbPrefixLength, threshold: settings.echo.threshold, limit: 1, exclude })[0];
    if (best) counts.set(best.key.doc, (counts.get(best.key.doc) ?? 0) + 1);
  }
  return counts;
}


export function toCompareResponse(doc: DraftDocument, c: Comparison): CompareResponse {
  return { ...c, rows: c.rows.map((r) => (r.draft ? { ...r, draft: { ...r.draft, range: toRange(doc, r.draft.span) } } : { ...r, draft: undefined })) };
}
