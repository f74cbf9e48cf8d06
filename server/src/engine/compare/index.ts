// A draft compared with the resolution it updates, paragraph by paragraph: plain data for the
// CLI, the language server's `unres/compare` and code lenses, and the tracked-changes document.
import { CorpusDocument } from '../corpus';
import { Resolution, paragraphs } from '../model';
import { alignParagraphs } from './align';
import { classifyPair } from './classify';
import { Tokenizer, wordDiff } from './wordDiff';
import type { ComparedParagraph, Comparison, ComparisonSummary, DraftParagraph, EchoRef, ParagraphClass } from '../../../../shared/comparison';

// The comparison's plain data is shared with the client.
export type { ComparedParagraph, Comparison, ComparisonSummary, DiffRun, DraftParagraph, EchoRef, ParagraphClass } from '../../../../shared/comparison';
export { shortSymbol } from '../../../../shared/comparison';

export interface CompareOptions {
  /** How Chinese text is cut for the word diff (default: words; see wordDiff.ts). */
  tokenize?: Tokenizer;
  /** Earlier wordings of a new paragraph (the echo search; none when absent). */
  echoes?: (p: DraftParagraph) => EchoRef[];
}

/** The paragraphs of a parsed draft as compared. */
export function draftParagraphs(res: Resolution): DraftParagraph[] {
  return paragraphs(res).map((p) => ({ label: p.label, text: p.body.text, span: p.span, verbPrefixLength: p.verb?.prefix.length }));
}

export function compareParagraphs(
  draft: { symbol?: string; title?: string; paragraphs: readonly DraftParagraph[] },
  predecessor: { doc: CorpusDocument; reason: string },
  opts: CompareOptions = {},
): Comparison {
  const before = predecessor.doc.paragraphs;
  const pairs = alignParagraphs(
    draft.paragraphs.map((p) => p.text),
    before.map((p) => p.text),
  );
  const partner = new Map(pairs.map((a) => [a.draft, a]));
  const paired = new Set(pairs.map((a) => a.predecessor));
  const pred = (j: number) => ({ label: before[j].label, text: before[j].text, index: j });

  const draftRows = draft.paragraphs.map((p, i): { anchor?: number; row: ComparedParagraph } => {
    const a = partner.get(i);
    const d = { ...p, index: i };
    if (!a) return { row: { cls: 'new', draft: d, diff: p.text ? [{ op: 'insert', text: p.text }] : [], echoes: opts.echoes?.(p) ?? [] } };
    const from = before[a.predecessor].text;
    const row: ComparedParagraph = { cls: classifyPair(from, p.text), draft: d, predecessor: pred(a.predecessor), diff: wordDiff(from, p.text, opts.tokenize) };
    if (a.moved) row.moved = true;
    return { anchor: a.moved ? undefined : a.predecessor, row };
  });
  const dropped = before
    .map((_, j) => j)
    .filter((j) => !paired.has(j))
    .map((j) => ({ at: j, row: { cls: 'dropped', predecessor: pred(j), diff: before[j].text ? [{ op: 'delete', text: before[j].text }] : [] } as ComparedParagraph }));
  const rows = interleave(draftRows, dropped);

  const count = (cls: ParagraphClass) => rows.filter((r) => r.cls === cls).length;
  const summary: ComparisonSummary = {
    unchanged: count('unchanged'),
    technical: count('technical'),
    changed: count('changed'),
    new: count('new'),
    dropped: count('dropped'),
    moved: rows.filter((r) => r.moved).length,
    draftParagraphs: draft.paragraphs.length,
    predecessorParagraphs: before.length,
  };
  return {
    draft: { symbol: draft.symbol, title: draft.title },
    predecessor: { symbol: predecessor.doc.symbol, file: predecessor.doc.key, title: predecessor.doc.title, reason: predecessor.reason },
    rows,
    summary,
    technicalUpdate: summary.changed + summary.new + summary.dropped + summary.moved === 0,
  };
}

/**
 * One sequence of the draft's items (in draft order; an `anchor` is the predecessor index of an
 * item paired in order) and predecessor-only items (at their predecessor index): each of the
 * latter goes into the gap between anchors where it stood in the predecessor, before the
 * gap's draft-only items (deletions first, as a revision reads).
 */
export function interleave<T>(draftItems: readonly { anchor?: number; row: T }[], predOnly: readonly { at: number; row: T }[]): T[] {
  const out: T[] = [];
  const waiting = [...predOnly].sort((a, b) => a.at - b.at);
  let w = 0;
  // For each draft item, the predecessor index of the next anchor from it on.
  const next: number[] = [];
  for (let i = draftItems.length - 1, n = Infinity; i >= 0; i--) next[i] = n = draftItems[i].anchor ?? n;
  draftItems.forEach((d, i) => {
    while (w < waiting.length && waiting[w].at < next[i]) out.push(waiting[w++].row);
    out.push(d.row);
  });
  while (w < waiting.length) out.push(waiting[w++].row);
  return out;
}
