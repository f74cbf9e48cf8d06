// Corpus sources that are Word or PDF files: VS Code shows them as binary, so Open Source hands
// them to the program the system opens them with (Word, a PDF reader). Pure: no `vscode` import.

/** Whether the source file at `uri` is a Word or PDF document, opened outside VS Code. */
export function opensExternally(uri: string): boolean {
  return /\.(docx|pdf)$/i.test(uri.replace(/[?#].*$/, ''));
}
