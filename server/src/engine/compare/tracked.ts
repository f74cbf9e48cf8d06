// A comparison as the document the General Assembly asks for: the predecessor's text with the
// draft's changes as tracked insertions and deletions (written as Word by the docx writer).
import { Comparison, ComparedParagraph, interleave } from './index';
import { DiffRun } from './wordDiff';

/** The shape the docx writer takes (server/src/node/docx/trackedDocx.ts writes it). */
export interface TrackedDocument {
  title?: string;
  author: string;
  date: Date;
  paragraphs: Array<{ runs: Array<{ kind: 'same' | 'ins' | 'del'; text: string }> }>;
}

type Run = TrackedDocument['paragraphs'][number]['runs'][number];

const KIND = { equal: 'same', insert: 'ins', delete: 'del' } as const;

/**
 * Paragraphs in the order the revision reads: the draft's, with each paragraph of the predecessor
 * that the draft dropped or moved deleted where it stood. A moved paragraph is therefore deleted
 * at its old place and inserted, whole, at its new one, so that accepting every change gives the
 * draft's paragraphs and rejecting every change the predecessor's. An operative paragraph opens
 * with its number (`5. `), renumbering being a change too.
 */
export function comparisonToTracked(c: Comparison, meta: { author: string; date: Date }): TrackedDocument {
  const draftItems = c.rows
    .filter((r) => r.draft)
    .map((r) => ({ anchor: r.moved || !r.predecessor ? undefined : r.predecessor.index, row: r.moved ? whole(r, 'ins') : paired(r) }));
  const predOnly = c.rows.filter((r) => r.cls === 'dropped' || r.moved).map((r) => ({ at: r.predecessor!.index, row: whole(r, 'del') }));
  return {
    title: c.draft.title ?? c.predecessor.title,
    author: meta.author,
    date: meta.date,
    paragraphs: interleave(draftItems, predOnly).map((runs) => ({ runs })),
  };
}

/** A paragraph as printed: `5. ` before an operative paragraph's text. */
export function numberPrefix(label: string | undefined): string {
  const m = /^OP(\d+)$/.exec(label ?? '');
  return m ? `${m[1]}. ` : '';
}

/** The printed paragraph of one side of a row. */
export function printedText(r: ComparedParagraph, side: 'draft' | 'predecessor'): string {
  const p = r[side];
  return p ? numberPrefix(p.label) + p.text : '';
}

function whole(r: ComparedParagraph, kind: 'ins' | 'del'): Run[] {
  const text = printedText(r, kind === 'ins' ? 'draft' : 'predecessor');
  return text ? [{ kind, text }] : [];
}

function paired(r: ComparedParagraph): Run[] {
  const before = numberPrefix(r.predecessor?.label);
  const after = numberPrefix(r.draft?.label);
  const number: DiffRun[] =
    before === after ? [{ op: 'equal', text: before }] : [{ op: 'delete', text: before }, { op: 'insert', text: after }];
  return [...number, ...r.diff].filter((d) => d.text).map((d) => ({ kind: KIND[d.op], text: d.text }));
}

/** The text of a tracked paragraph once every change is accepted (`accept`) or rejected. */
export function resolveTracked(runs: readonly Run[], accept: boolean): string {
  const drop = accept ? 'del' : 'ins';
  return runs.filter((r) => r.kind !== drop).map((r) => r.text).join('');
}
