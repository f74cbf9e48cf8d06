// Document links: every resolution citation and document symbol → its page on undocs.org.
import { DocumentLink } from 'vscode-languageserver-types';
import { undocsUrl } from '../engine/citations';
import { citationsInOrder } from '../engine/model';
import { DraftDocument, toRange } from './document';

/**
 * Links sent per document at most, the first ones in the text: a pasted 100,000-line text cites
 * 33,334 resolutions, a 5 MB answer that took longer to send and read than the 500 ms a request
 * may take (issue #14); no resolution has a thousandth of them. Said in the server's log.
 */
export const MAX_DOCUMENT_LINKS = 5000;

/** The links of the document; `cut` when it has more than MAX_DOCUMENT_LINKS (those after them have none). */
export function getDocumentLinks(doc: DraftDocument): { links: DocumentLink[]; cut: boolean } {
  const links: DocumentLink[] = [];
  // In source order, read no further than needed: a long draft's later paragraphs stay unassembled.
  for (const c of citationsInOrder(doc.resolution)) {
    // A decision has no document symbol of its own on undocs.org.
    if (c.kind === 'decision') continue;
    if (links.length === MAX_DOCUMENT_LINKS) return { links, cut: true };
    links.push({
      range: toRange(doc, c.kind === 'document' ? c.numberSpan : c.span),
      target: undocsUrl(c.symbol),
      tooltip: `${c.symbol} — 在 undocs.org 打开 / open on undocs.org`,
    });
  }
  return { links, cut: false };
}
