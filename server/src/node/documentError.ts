// Why a Word or PDF file gives no text: a clear message (Chinese and English) for the user, and
// a kind the caller may act on (a corpus load skips the file, the CLI goes on with the next).

export type DocumentProblem =
  /** Not a .docx (not a zip, no document part, an old .doc) or damaged. */
  | 'not-docx'
  /** Not a PDF, or damaged. */
  | 'not-pdf'
  /** Protected by a password. */
  | 'encrypted'
  /** A PDF with no text layer (a scan). */
  | 'no-text'
  /** Neither a document nor text (binary, or in no encoding a draft comes in). */
  | 'not-text';

export class DocumentError extends Error {
  constructor(
    readonly problem: DocumentProblem,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}
