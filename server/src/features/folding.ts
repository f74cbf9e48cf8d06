// Folding: each part (preamble, operative part, footnotes) and each paragraph wrapped over lines.
import { FoldingRange } from 'vscode-languageserver-types';
import { Span } from '../engine/model';
import { DraftDocument } from './document';

export function getFoldingRanges(doc: DraftDocument): FoldingRange[] {
  const res = doc.resolution;
  const spans: Span[] = [];
  const whole = (list: { span: Span }[], from?: Span) =>
    list.length ? spans.push({ start: (from ?? list[0].span).start, end: list[list.length - 1].span.end }) : 0;
  whole(res.preambular, res.opening);
  whole(res.operative);
  // Footnotes sit at the foot of each page, between paragraphs: fold each run of consecutive
  // notes, never from the first note of the document to the last (that would hide paragraphs).
  const starts = [...res.preambular, ...res.operative].map((p) => p.span.start).sort((a, b) => a - b);
  let run: { span: Span }[] = [];
  let next = 0;
  for (const f of res.footnotes) {
    const prev = run[run.length - 1];
    while (prev && next < starts.length && starts[next] < prev.span.end) next++;
    if (prev && next < starts.length && starts[next] < f.span.start) {
      whole(run);
      run = [];
    }
    run.push(f);
  }
  whole(run);
  for (const p of [...res.preambular, ...res.operative, ...res.footnotes]) spans.push(p.span);
  const seen = new Set<string>();
  const out: FoldingRange[] = [];
  for (const s of spans) {
    const startLine = doc.lines.positionAt(s.start).line;
    const endLine = doc.lines.positionAt(s.end).line;
    const key = `${startLine}:${endLine}`;
    if (endLine > startLine && !seen.has(key)) {
      seen.add(key);
      out.push({ startLine, endLine });
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
