// Hover: on a citation, what the corpus knows of the cited document; on a paragraph, its
// earlier wordings with what changed (deleted text struck through in 〔〕, inserted text in bold).
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { pathToFileURL } from 'url';
import { Corpus } from '../engine/corpus';
import { formatDate } from '../engine/dates';
import { undocsUrl } from '../engine/citations';
import { Citation, citationAt, paragraphs } from '../engine/model';
import { UnresSettings } from '../settings';
import { DraftDocument, ShouldStop, toRange } from './document';
import { EchoMatch } from '../engine/match/echo';
import { Echo, findAllEchoes, percent, selfInCorpus } from './echo';
import { chineseLabel } from '../../../shared/comparison';
import { RepeatFinder } from '../engine/match/repeats';

/** Earlier wordings shown per hover. */
const MAX_SHOWN = 3;

/**
 * `ready`: the corpus is loaded (its snapshot's word). `echoes: false` (a document over the size
 * limit) answers citations only. `shouldStop` is asked before the paragraph's corpus search.
 * `repeats`, the document's RepeatFinder for hovers (limit MAX_SHOWN), spares each hover on a
 * long draft an index of all its paragraphs.
 */
export function getHover(
  doc: DraftDocument,
  position: Position,
  corpus: Corpus,
  settings: UnresSettings,
  opts: { ready: boolean; echoes?: boolean; shouldStop?: ShouldStop; repeats?: RepeatFinder },
): Hover | null {
  const offset = doc.lines.offsetAt(position);
  const cite = citationAt(doc.resolution, offset);
  if (cite) return citationHover(doc, cite, corpus, opts.ready);
  if (opts.echoes === false) return null;
  const paras = paragraphs(doc.resolution);
  const p = paras.find((q) => q.span.start <= offset && offset < q.span.end);
  if (!p) return null;
  const [echoes] = findAllEchoes(doc, corpus, settings, { ready: opts.ready, limit: MAX_SHOWN, only: p, shouldStop: opts.shouldStop, repeats: opts.repeats });
  if (!echoes) return null;
  const shown = [...echoes.corpus, ...echoes.draft].slice(0, MAX_SHOWN);
  const waiting = [...(opts.ready ? [] : [INDEXING]), ...(echoes.draftPending ? [DRAFT_INDEXING] : [])];
  if (shown.length === 0) return waiting.length ? { contents: { kind: MarkupKind.Markdown, value: waiting.join('\n\n') }, range: toRange(doc, p.span) } : null;
  const sections = shown.map((e) => echoSection(e, p.body.text));
  if (echoes.draftPending) sections.push(DRAFT_INDEXING);
  if (shown.some((e) => e.match.diff.some((op) => op.op !== 'equal'))) sections.push(DIFF_KEY);
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: toRange(doc, p.span) };
}

function citationHover(doc: DraftDocument, c: Citation, corpus: Corpus, ready: boolean): Hover {
  // Decisions have no document of their own (they are printed in the session's Official Records).
  const link = c.kind === 'decision' ? '' : ` · [undocs.org](${undocsUrl(c.symbol)})`;
  const lines = [`**${escape(c.symbol)}**${link}`];
  const known = corpus.bySymbol(c.symbol);
  if (known?.title) lines.push(`《${escape(known.title)}》`);
  if (c.kind === 'resolution') {
    const date = corpus.knownDate(c.symbol, selfInCorpus(doc, corpus));
    if (date) {
      const who = date.source === 'own' ? '决议本身 the resolution itself' : `引用于 cited in ${date.witnesses.slice(0, 3).join(', ')}`;
      lines.push(`通过日期 adopted ${formatDate(date.date)}（${who}）`);
    } else if (!ready) lines.push('语料索引中，稍后显示其通过日期 / the corpus is being indexed: its adoption date shows once it is ready');
    else lines.push('语料中没有其通过日期 / the corpus does not know its adoption date');
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: toRange(doc, c.span) };
}

function echoSection(e: Echo, draftText: string): string {
  const m = e.match;
  const pct = percent(m.score);
  const kind = { verbatim: '相同 same', revised: '改写 revised', partial: '部分沿用 partly reused' }[m.kind];
  let head: string;
  if (e.source) {
    const year = e.source.date ? ` (${e.source.date.year})` : '';
    const file = pathToFileURL(e.source.key).toString();
    head =
      `**${escape(e.source.symbol)}**${year} ${chineseLabel(e.label)} ${e.label} — ${kind} ${pct}` +
      ` · [undocs.org](${undocsUrl(e.source.symbol)}) · [打开 open](${file})`;
  } else {
    head = `**本草案 this draft** ${chineseLabel(e.label)} ${e.label} — ${kind} ${pct}`;
  }
  return `${head}\n\n${renderDiff(e.match, draftText)}`;
}

/** A paragraph's hover while the corpus is loaded, when the draft has no earlier wording of it either. */
const INDEXING = '*语料索引中，完成后显示此段在语料中的先前措辞 — the corpus is being indexed; earlier wordings of this paragraph show once it is ready*';
const DRAFT_INDEXING = '*本草案篇幅很长，检查完成后显示本草案中的相同措辞 — this long draft is being checked; repeats of its own paragraphs show once that is done*';

/** How to read the changes, under the earlier wordings. */
const DIFF_KEY = '*〔〕内划线的为删去的文字，粗体的为新增的文字 — struck through in 〔〕: deleted; bold: inserted*';

/**
 * The earlier wording with the draft's changes: ~~〔deleted〕~~ earlier text, **inserted** draft
 * text. The brackets are there because a strike-through line runs exactly along the middle
 * stroke of many Chinese characters (主, 要, 工…), so struck-through Chinese alone reads as plain.
 * Text outside the compared part (the verb prefix, the closing punctuation) is shown as it is.
 */
export function renderDiff(m: EchoMatch, draftText: string): string {
  const src = m.sourceText;
  if (m.diff.length === 0) return escape(src);
  let out = escape(src.slice(0, m.diff[0].source[0]));
  for (const op of m.diff) {
    const before = src.slice(op.source[0], op.source[1]);
    const after = draftText.slice(op.draft[0], op.draft[1]);
    if (op.op === 'equal') out += escape(before);
    else {
      if (before) out += `~~〔${escape(before)}〕~~`;
      if (after) out += `**${escape(after)}**`;
    }
  }
  return out + escape(src.slice(m.diff[m.diff.length - 1].source[1]));
}

/** Escapes Markdown so that corpus text shows as text. */
function escape(s: string): string {
  return s.replace(/[\\`*_{}\[\]<>()#+\-!|~]/g, (c) => `\\${c}`);
}
