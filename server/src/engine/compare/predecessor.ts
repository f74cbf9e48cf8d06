// The corpus resolution a draft updates: the same title (or, failing that, the one whose
// paragraphs the draft reuses most), from the latest session before the draft's.
//
// Agenda items are not used: their numbers change from session to session (99(p) in 2017,
// 98 (z) in 2024) and Chinese headings give no item title, so they identify nothing across years.
import { Corpus, CorpusDocument, normalizeSymbol } from '../corpus';
import { isoDate } from '../dates';
import { Resolution } from '../model';
import { dice } from './align';

export interface Predecessor {
  doc: CorpusDocument;
  /** Why this one, in Chinese and English. */
  reason: string;
}

/** Title similarity (bigram Dice) from which a retitled resolution still counts as the same. */
const SIMILAR_TITLE = 0.8;

/** Session of `A/RES/72/57`, `A/C.1/79/L.43`, `A/79/L.12`, `72/57`; undefined for other symbols. */
export function sessionOfSymbol(symbol: string | undefined): number | undefined {
  const m = /^(?:A\/(?:RES\/|C\.\d\/|INF\/)?)?(\d{1,3})\/(?:L\.)?\d/.exec(normalizeSymbol(symbol ?? ''));
  return m ? Number(m[1]) : undefined;
}

/** The draft's session: from its symbol, its title's number, or a heading `第七十九届会议`. */
export function sessionOfDraft(res: Resolution): number | undefined {
  const fromHeading = res.heading.find((h) => h.kind === 'session')?.text.match(/第([〇零一二三四五六七八九十百]+)届/);
  return sessionOfSymbol(res.symbol) ?? sessionOfSymbol(res.title?.number) ?? (fromHeading ? chineseNumber(fromHeading[1]) : undefined);
}

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 七十九 → 79, 一百零二 → 102, 十 → 10. */
export function chineseNumber(s: string): number | undefined {
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c in DIGITS) digit = DIGITS[c];
    else if (c === '十' || c === '百') {
      total += (digit || 1) * (c === '十' ? 10 : 100);
      digit = 0;
    } else return undefined;
  }
  return total + digit;
}

/** A title as compared: no whitespace, punctuation or width differences. */
function titleKey(t: string | undefined): string {
  return (t ?? '').normalize('NFKC').replace(/[\s\p{P}]+/gu, '');
}

function titleBigrams(key: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < key.length; i++) out.add(key.charCodeAt(i) * 0x10000 + key.charCodeAt(i + 1));
  return out;
}

/**
 * Per corpus document, its session and title key, computed once: a lookup goes over every
 * document of a corpus of tens of thousands.
 */
const known = new WeakMap<CorpusDocument, { session?: number; title: string }>();
function facts(d: CorpusDocument): { session?: number; title: string } {
  let f = known.get(d);
  if (!f) known.set(d, (f = { session: sessionOfSymbol(d.symbol), title: titleKey(d.title) }));
  return f;
}

/** Latest first: session, then adoption date, then symbol and file (a stable order). */
function latestFirst(a: CorpusDocument, b: CorpusDocument): number {
  return (
    (facts(b).session ?? -1) - (facts(a).session ?? -1) ||
    (b.date ? isoDate(b.date) : '').localeCompare(a.date ? isoDate(a.date) : '') ||
    a.symbol.localeCompare(b.symbol) ||
    a.key.localeCompare(b.key)
  );
}

function latest(docs: readonly CorpusDocument[]): CorpusDocument | undefined {
  return docs.reduce<CorpusDocument | undefined>((best, d) => (!best || latestFirst(d, best) < 0 ? d : best), undefined);
}

/**
 * The resolution `draft` updates. `exclude`: corpus keys that are the draft itself. `reuse`
 * (when the title finds nothing) names, for each corpus document, how many of the draft's
 * paragraphs have their best earlier wording there: the echo search, which the engine's caller owns.
 */
export function findPredecessor(
  draft: Resolution,
  corpus: Corpus,
  exclude: ReadonlySet<string>,
  reuse?: () => Map<string, number>,
): Predecessor | undefined {
  const session = sessionOfDraft(draft);
  const self = draft.symbol ? normalizeSymbol(draft.symbol) : undefined;
  const key = titleKey(draft.title?.text);
  const earlier: CorpusDocument[] = [];
  const sameTitle: CorpusDocument[] = [];
  for (const d of corpus.documents()) {
    const f = facts(d);
    if (session !== undefined && (f.session === undefined || f.session >= session)) continue;
    if (exclude.has(d.key) || normalizeSymbol(d.symbol) === self) continue;
    earlier.push(d);
    if (key && f.title === key) sameTitle.push(d);
  }
  const before = session === undefined ? '' : `，早于本草案的第 ${session} 届`;
  const beforeEn = session === undefined ? '' : `; the draft is of session ${session}`;
  const where = (d: CorpusDocument) => {
    const s = facts(d).session;
    return s === undefined ? ['', ''] : [`第 ${s} 届会议`, `session ${s}`];
  };

  if (key) {
    const same = latest(sameTitle);
    if (same) {
      const [zh, en] = where(same);
      return {
        doc: same,
        reason: `标题相同，是语料中最近一届${zh ? `（${zh}${before}）` : ''}的同名决议 / same title; the latest in the corpus${en ? ` (${en}${beforeEn})` : ''}`,
      };
    }
    const grams = titleBigrams(key);
    const similar = latest(earlier.filter((d) => facts(d).title && dice(grams, titleBigrams(facts(d).title)) >= SIMILAR_TITLE));
    if (similar) {
      const pct = Math.round(dice(grams, titleBigrams(facts(similar).title)) * 100);
      const [zh, en] = where(similar);
      return {
        doc: similar,
        reason: `标题相近（${pct}%：《${similar.title}》），是最近一届${zh ? `（${zh}${before}）` : ''} / similar title (${pct}%), the latest${en ? ` (${en}${beforeEn})` : ''}`,
      };
    }
  }
  const counts = reuse?.();
  if (counts?.size) {
    const allowed = new Set(earlier.map((d) => d.key));
    const ranked = [...counts].filter(([k]) => allowed.has(k)).sort((a, b) => b[1] - a[1] || latestFirst(corpus.get(a[0])!, corpus.get(b[0])!));
    if (ranked.length) {
      const [k, n] = ranked[0];
      const why = key ? '没有同名决议' : '草案没有标题';
      const whyEn = key ? 'no resolution has its title' : 'the draft has no title';
      return { doc: corpus.get(k)!, reason: `${why}；草案有 ${n} 段的先前措辞出自此决议，多于任何其他决议 / ${whyEn}; ${n} of the draft's paragraphs have their earlier wording there, more than anywhere else` };
    }
  }
  return undefined;
}

/** Why no predecessor was found, for a message (the caller says how to name one). */
export function noPredecessorMessage(draft: Resolution): string {
  const title = draft.title?.text;
  return title
    ? `语料中没有早于本草案、标题为《${title}》或沿用其段落的决议 / no earlier resolution in the corpus has the title 《${title}》 or the draft's wording`
    : '草案没有标题，语料中也没有其段落出自的早期决议 / the draft has no title, and no earlier resolution in the corpus has its wording';
}
