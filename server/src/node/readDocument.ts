// The text of a draft or corpus file, whatever it is: plain text (decode.ts), a Word document
// (.docx: docx/readDocx.ts) or a PDF (pdf/readPdf.ts). The kind is told by the file's first
// bytes, else by its extension, so that a PDF saved as `.txt` or a `.docx` without its
// extension is still read as what it is.
import { promises as fsp } from 'fs';
import { decodeText } from '../engine/decode';
import { DocumentError } from './documentError';
import { DocxContent, DocxParagraph, DocxRun, View, readDocx, viewParagraphs } from './docx/readDocx';
import { readPdf } from './pdf/readPdf';

export type DocumentKind = 'text' | 'docx' | 'pdf';

export interface DocumentText {
  text: string;
  kind: DocumentKind;
  /** A .docx with tracked changes: `text` is its text with the changes accepted. */
  tracked?: boolean;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** What a file is, by its first bytes, else by its extension. */
export function documentKind(path: string, bytes: Uint8Array): DocumentKind {
  // A PDF starts with its header (the standard allows junk before it; text that quotes one does too).
  if (/^\s*%PDF-/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 64)))) return 'pdf';
  const lower = path.toLowerCase();
  if (lower.endsWith('.pdf')) return 'pdf';
  if (lower.endsWith('.docx') || lower.endsWith('.docm')) return 'docx';
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b) && new TextDecoder('latin1').decode(bytes).includes('word/document.xml')) return 'docx';
  // An encrypted .docx (an OLE file) named otherwise: readDocx says what it is.
  if (OLE_MAGIC.every((b, i) => bytes[i] === b) && (lower.endsWith('.doc') || lower.endsWith('.dotx'))) return 'docx';
  return 'text';
}

/**
 * The text of a file's bytes; throws a DocumentError (its message in Chinese and English) for a
 * document that cannot be read: not what its name says, password-protected, a PDF without text,
 * a binary or undecodable file.
 */
export async function documentText(path: string, bytes: Uint8Array, view: View = 'accepted'): Promise<DocumentText> {
  const kind = documentKind(path, bytes);
  if (kind === 'pdf') return { kind, text: await readPdf(bytes) };
  if (kind === 'docx') {
    const content = readDocx(bytes);
    return { kind, text: docxDraftText(content, view), tracked: content.tracked };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    throw new DocumentError(
      'not-text',
      decoded.reason === 'binary'
        ? '不是文本文件 not a text file (binary)'
        : '不是文本文件 not a text file (neither UTF-8, UTF-16 nor GB18030)',
    );
  }
  return { kind, text: decoded.text };
}

/** `documentText` of the file at `path` (a read error is thrown as Node's, with its `code`). */
export async function readDocumentText(path: string, view: View = 'accepted'): Promise<DocumentText> {
  return documentText(path, await fsp.readFile(path), view);
}

/**
 * A Word document as a draft typed in the editor: one paragraph a line (white space around it
 * and empty paragraphs left out: Word indents with spaces and spaces paragraphs with empty
 * ones), footnote references as `[^1]` (and superscript numbers, as a footnote referred to
 * again is often marked), and the footnotes after the body as `[^1]: text`, numbered in the
 * order they are referred to, as Word numbers them.
 */
function docxDraftText(content: DocxContent, view: View): string {
  const numbers = new Map<string, number>();
  const marker = (run: DocxRun) => {
    // A superscript number typed: a second reference to a footnote, by the number it is printed with.
    if (run.footnote === undefined) return /^\d{1,3}$/.test(run.text.trim()) ? `[^${run.text.trim()}]` : undefined;
    if (!content.footnotes.has(run.footnote)) return '';
    if (!numbers.has(run.footnote)) numbers.set(run.footnote, numbers.size + 1);
    return `[^${numbers.get(run.footnote)}]`;
  };
  const lines = (paragraphs: readonly DocxParagraph[], lists?: DocxContent['lists']) =>
    viewParagraphs(paragraphs, view, marker, lists)
      .map((p) => p.replace(/\n/g, ' ').trim())
      .filter((p) => p.length > 0);
  const body = lines(content.paragraphs, content.lists);
  const notes = [...numbers].map(([id, n]) => `[^${n}]: ${lines(content.footnotes.get(id) ?? []).join(' ')}`);
  return [...body, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n') + '\n';
}

/** FileSystem.documentText: the text of a Word or PDF document, undefined for a file the engine decodes as text. */
export async function wordOrPdfText(path: string, bytes: Uint8Array): Promise<string | undefined> {
  return documentKind(path, bytes) === 'text' ? undefined : (await documentText(path, bytes)).text;
}
