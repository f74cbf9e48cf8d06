// Code lenses naming each draft paragraph's counterpart in the predecessor: `= 72/57 OP5`,
// `≈ 72/57 OP22 日期更新 dates updated`, `新增 new`, and a dropped paragraph's lens on the
// paragraph that now stands where it was.
import { CodeLens } from 'vscode-languageserver-types';
import { Comparison, ComparedParagraph, shortSymbol } from '../engine/compare';
import { DraftDocument, toRange } from './document';
import { percent } from './echo';

/** The command a lens runs: VS Code's comparison view (other clients show the title only). */
export const COMPARE_COMMAND = 'unres.compareWithPredecessor';

/**
 * `named`: the predecessor was named rather than found; a lens then runs the command with its
 * file, so that the view shows the same comparison as the lenses.
 */
export function compareLenses(doc: DraftDocument, c: Comparison, named = false): CodeLens[] {
  const lenses: CodeLens[] = [];
  const lens = (range: CodeLens['range'], title: string): CodeLens => ({
    range,
    command: { title, command: COMPARE_COMMAND, ...(named ? { arguments: [c.predecessor.file] } : {}) },
  });
  const sym = shortSymbol(c.predecessor.symbol);
  // Dropped paragraphs wait for the next draft paragraph (or the last one) to carry their lens.
  let dropped: string[] = [];
  let last: ComparedParagraph | undefined;
  for (const r of c.rows) {
    if (!r.draft) {
      dropped.push(r.predecessor!.label);
      continue;
    }
    const range = toRange(doc, { start: r.draft.span.start, end: r.draft.span.start });
    if (dropped.length) lenses.push(lens(range, `删除 dropped: ${sym} ${dropped.join(', ')}`));
    dropped = [];
    lenses.push(lens(range, title(r, sym)));
    last = r;
  }
  if (dropped.length && last?.draft) {
    const end = toRange(doc, { start: last.draft.span.end, end: last.draft.span.end });
    lenses.push(lens(end, `删除 dropped: ${sym} ${dropped.join(', ')}`));
  }
  return lenses;
}

function title(r: ComparedParagraph, sym: string): string {
  const was = r.predecessor ? `${sym} ${r.predecessor.label}` : '';
  const moved = r.moved ? ' · 移动 moved' : '';
  switch (r.cls) {
    case 'unchanged':
      return `= ${was}${moved}`;
    case 'technical':
      return `≈ ${was} · 日期更新 dates updated${moved}`;
    case 'changed':
      return `~ ${was} · 措辞修改 wording changed${moved}`;
    default: {
      const e = r.echoes?.[0];
      return `+ 新增 new${e ? ` · 先前措辞 earlier: ${shortSymbol(e.symbol)} ${e.paragraph} ${percent(e.score)}` : ''}`;
    }
  }
}
