// Document links: every resolution citation and document symbol → its page on undocs.org.
import { DocumentLink } from 'vscode-languageserver-types';
import { undocsUrl } from '../engine/citations';
import { DraftDocument, toRange } from './document';

export function getDocumentLinks(doc: DraftDocument): DocumentLink[] {
  return doc.resolution.citations
    // A decision has no document symbol of its own on undocs.org.
    .filter((c) => c.kind !== 'decision')
    .map((c) => ({
      range: toRange(doc, c.kind === 'document' ? c.numberSpan : c.span),
      target: undocsUrl(c.symbol),
      tooltip: `${c.symbol} — 在 undocs.org 打开 / open on undocs.org`,
    }));
}
