// The earlier wording of the paragraph at a position, as data for an editor command that shows
// it side by side with the draft (the VS Code client opens a diff editor): the best match of
// the paragraph, from the corpus first, else from an earlier paragraph of the same draft. Custom
// request `unres/earlierWording` (server/src/server.ts).
import { pathToFileURL } from 'url';
import { Position, Range } from 'vscode-languageserver-types';
import { Corpus } from '../engine/corpus';
import { LineIndex } from '../engine/lines';
import { paragraphs } from '../engine/model';
import { parseResolution } from '../engine/parse';
import { UnresSettings } from '../settings';
import type { EarlierWording } from '../../../shared/protocol';
import { DraftDocument, ShouldStop, toRange } from './document';
import { findAllEchoes, round } from './echo';
import { RepeatFinder } from '../engine/match/repeats';

export type { EarlierWording, EarlierWordingResponse } from '../../../shared/protocol';

/** Matches looked at: the best is shown, the others listed. */
const LIMIT = 5;

/** The best earlier wording of the paragraph at `position`, or null when it has none (or none is at the position). */
export function getEarlierWording(
  doc: DraftDocument,
  position: Position,
  corpus: Corpus,
  settings: UnresSettings,
  opts: { ready: boolean; shouldStop?: ShouldStop; repeats?: RepeatFinder },
): EarlierWording | null {
  const offset = doc.lines.offsetAt(position);
  const paras = paragraphs(doc.resolution);
  // The end of a paragraph's line counts as the paragraph (the cursor is often after its `；`).
  const p = paras.find((q) => q.span.start <= offset && offset <= q.span.end);
  if (!p) return null;
  const [found] = findAllEchoes(doc, corpus, settings, { ...opts, limit: LIMIT, only: p });
  if (!found) return null;
  const draftSymbol = doc.resolution.symbol ?? doc.uri;
  const all = [
    ...found.corpus.map((e) => ({ e, symbol: e.source?.symbol ?? e.match.key.doc, uri: e.source ? pathToFileURL(e.source.key).toString() : undefined, same: false })),
    ...found.draft.map((e) => ({ e, symbol: draftSymbol, uri: doc.uri, same: true })),
  ];
  if (all.length === 0) return null;
  const [best, ...rest] = all;
  return {
    symbol: best.symbol,
    paragraph: best.e.label,
    sourceText: best.e.match.sourceText,
    sourceUri: best.uri,
    sameDraft: best.same,
    draftParagraph: p.label,
    draftText: p.body.text,
    range: toRange(doc, p.span),
    score: round(best.e.match.score),
    kind: best.e.match.kind,
    others: rest.map((o) => ({ symbol: o.symbol, paragraph: o.e.label, score: round(o.e.match.score) })),
  };
}

/**
 * The range of paragraph `label` in a source text (to reveal the earlier wording in its file):
 * the paragraph whose clean text is `sourceText` if there is one, else the first with that label.
 */
export function paragraphRange(text: string, label: string, sourceText?: string): Range | undefined {
  const paras = paragraphs(parseResolution(text));
  const p = paras.find((q) => q.label === label && (sourceText === undefined || q.body.text === sourceText)) ?? paras.find((q) => q.label === label);
  if (!p) return undefined;
  const lines = new LineIndex(text);
  return { start: lines.positionAt(p.span.start), end: lines.positionAt(p.span.end) };
}
