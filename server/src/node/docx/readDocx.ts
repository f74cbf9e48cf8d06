// Word documents (.docx) in: the body's paragraphs with their tracked changes, and the footnotes.
//
// A .docx is a zip (read with fflate) of XML parts (read with saxes). Text is in w:t, deleted
// text in w:delText; a tracked insertion wraps runs in w:ins, a deletion in w:del (a move in
// w:moveTo / w:moveFrom, read as an insertion and a deletion); a paragraph mark inserted or
// deleted has w:ins / w:del in its w:pPr/w:rPr. Libraries that turn .docx into text (mammoth)
// drop the deleted text, which a comparison needs; so this reads the XML itself.
import { UnzipFileInfo, unzipSync } from 'fflate';
import { SaxesParser, SaxesTagPlain } from 'saxes';
import { DocumentError } from '../documentError';
import { ListCounter, ListDefinitions, ListItem, readListDefinitions } from './listNumbers';

export type RunKind = 'same' | 'ins' | 'del';

export interface DocxRun {
  kind: RunKind;
  text: string;
  /** A footnote reference (the footnote's w:id); its text is empty. */
  footnote?: string;
  /** Set as a superscript (a repeated footnote marker is often a superscript number typed). */
  superscript?: boolean;
}

export interface DocxParagraph {
  runs: DocxRun[];
  /** The paragraph mark: inserted (the paragraph is joined with the next when rejected) or deleted (when accepted). */
  mark: RunKind;
  /** Its place in a numbered list (w:numPr), whose number Word prints before it. */
  list?: ListItem;
  /** Its list before a tracked change of its properties (w:pPrChange); null: none then. */
  formerList?: ListItem | null;
}

export interface DocxContent {
  paragraphs: DocxParagraph[];
  /** Footnotes by w:id (separators left out). */
  footnotes: Map<string, DocxParagraph[]>;
  /** Whether the document has tracked insertions or deletions. */
  tracked: boolean;
  /** The numbered lists (word/numbering.xml). */
  lists: ListDefinitions;
}

/** The view of a document with changes: all accepted (the new text) or all rejected (the old). */
export type View = 'accepted' | 'rejected';

const DOCUMENT = 'word/document.xml';
const FOOTNOTES = 'word/footnotes.xml';
const NUMBERING = 'word/numbering.xml';
/** A part larger than this, unpacked, is not a resolution (and might be a zip bomb). */
const MAX_PART_BYTES = 64 * 1024 * 1024;
/** An OLE compound file: an encrypted (password-protected) .docx, or an old binary .doc. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Reads a .docx; throws a DocumentError for what is not one (or cannot be read). */
export function readDocx(bytes: Uint8Array): DocxContent {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw hasStream(bytes, 'EncryptedPackage')
      ? new DocumentError('encrypted', 'Word 文档受密码保护，无法读取 the Word document is password-protected (encrypted); save a copy without a password')
      : new DocumentError('not-docx', '这是旧版 Word 文档 (.doc)，请另存为 .docx  an old Word 97-2003 .doc file: save it as .docx');
  }
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f: UnzipFileInfo) => [DOCUMENT, FOOTNOTES, NUMBERING].includes(f.name) && f.originalSize <= MAX_PART_BYTES });
  } catch (e) {
    throw new DocumentError('not-docx', `不是有效的 Word 文档 (zip) not a valid Word document (not a zip archive: ${(e as Error).message})`);
  }
  if (!parts[DOCUMENT]) throw new DocumentError('not-docx', `不是 Word 文档：缺少 ${DOCUMENT} not a Word document (no ${DOCUMENT} in the archive, or it is too large)`);
  const body = readPart(parts[DOCUMENT], DOCUMENT);
  const notes = parts[FOOTNOTES] ? readPart(parts[FOOTNOTES], FOOTNOTES) : { paragraphs: [], notes: new Map(), tracked: false };
  return { paragraphs: body.paragraphs, footnotes: notes.notes, tracked: body.tracked || notes.tracked, lists: readListDefinitions(parts[NUMBERING]) };
}

/**
 * The paragraphs of one view, each paragraph's text with the changes of that view applied and,
 * given the lists, its list number; a paragraph whose mark the view removes is joined with the
 * next (whose mark, and so list, the joined paragraph takes). `marker` gives the text of a
 * footnote reference or a superscript run (default: none for a reference, its text for a
 * superscript).
 */
export function viewParagraphs(
  paragraphs: readonly DocxParagraph[],
  view: View,
  marker: (run: DocxRun) => string | undefined = () => undefined,
  lists?: ListDefinitions,
): string[] {
  const gone: RunKind = view === 'accepted' ? 'del' : 'ins';
  const counter = lists && new ListCounter(lists);
  const out: string[] = [];
  let pending = '';
  for (const p of paragraphs) {
    for (const r of p.runs) if (r.kind !== gone) pending += (r.footnote !== undefined || r.superscript ? marker(r) : undefined) ?? r.text;
    if (p.mark === gone) continue;
    const list = view === 'rejected' && p.formerList !== undefined ? (p.formerList ?? undefined) : p.list;
    out.push((counter?.next(list) ?? '') + pending);
    pending = '';
  }
  // The last paragraph's mark cannot be removed; a document whose marks all are ends here.
  if (pending !== '' || out.length === 0) out.push(pending);
  return out;
}

/** The body text of one view: its paragraphs, one a line, with their list numbers. */
export function docxText(content: DocxContent, view: View): string {
  return viewParagraphs(content.paragraphs, view, undefined, content.lists).join('\n');
}

interface PartContent {
  paragraphs: DocxParagraph[];
  /** In footnotes.xml: each w:footnote's paragraphs. */
  notes: Map<string, DocxParagraph[]>;
  tracked: boolean;
}

/** Reads the paragraphs of a WordprocessingML part (document or footnotes). */
function readPart(xml: Uint8Array, name: string): PartContent {
  const result: PartContent = { paragraphs: [], notes: new Map(), tracked: false };
  const open: DocxParagraph[] = [];
  /** Depth of w:ins / w:moveTo and w:del / w:moveFrom around the current run. */
  let inserted = 0;
  let deleted = 0;
  let inParagraphProps = 0;
  let inMarkProps = 0;
  /** Inside w:pPrChange: the paragraph's properties before a tracked change. */
  let inFormerProps = 0;
  /** Inside w:t or w:delText: text is taken. */
  let inText = false;
  /** Inside mc:Fallback (a copy of what mc:Choice holds) or a field code: nothing is taken. */
  let skip = 0;
  let note: string | undefined;
  let skipNote = false;
  /** The current run is set as a superscript (w:rPr/w:vertAlign). */
  let superscript = false;
  const kind = (): RunKind => (deleted > 0 ? 'del' : inserted > 0 ? 'ins' : 'same');
  const current = () => open[open.length - 1];
  const add = (run: DocxRun) => {
    const p = current();
    if (!p || skip > 0) return;
    if (superscript) run.superscript = true;
    const last = p.runs[p.runs.length - 1];
    const plain = (r: DocxRun) => r.footnote === undefined && !r.superscript;
    if (last && last.kind === run.kind && plain(last) && plain(run)) last.text += run.text;
    else p.runs.push(run);
  };

  const parser = new SaxesParser();
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const attr = (n: string) => {
      const v = tag.attributes[n];
      return typeof v === 'string' ? v : undefined;
    };
    switch (tag.name) {
      case 'mc:Fallback':
      case 'w:instrText':
      case 'w:delInstrText':
        skip++;
        break;
      case 'w:footnote':
        note = attr('w:id');
        skipNote = attr('w:type') !== undefined && attr('w:type') !== 'normal';
        break;
      case 'w:p':
        open.push({ runs: [], mark: 'same' });
        break;
      case 'w:pPr':
        inParagraphProps++;
        break;
      case 'w:r':
        superscript = false;
        break;
      case 'w:pPrChange': {
        inFormerProps++;
        const p = current();
        if (p) p.formerList = null;
        break;
      }
      case 'w:ilvl':
      case 'w:numId': {
        const p = current();
        if (!p || inParagraphProps === 0) break;
        // Inside w:pPrChange, the list before the change (which rejecting it restores).
        const item = inFormerProps > 0 ? (p.formerList ??= { numId: '0', level: 0 }) : (p.list ??= { numId: '0', level: 0 });
        if (tag.name === 'w:ilvl') item.level = Number(attr('w:val') ?? 0);
        else item.numId = attr('w:val') ?? '0';
        break;
      }
      case 'w:vertAlign':
        if (inParagraphProps === 0) superscript = attr('w:val') === 'superscript';
        break;
      case 'w:rPr':
        if (inParagraphProps > 0) inMarkProps++;
        break;
      case 'w:ins':
      case 'w:moveTo':
      case 'w:del':
      case 'w:moveFrom': {
        const isDel = tag.name === 'w:del' || tag.name === 'w:moveFrom';
        if (inMarkProps > 0) {
          const p = current();
          if (p) p.mark = isDel ? 'del' : 'ins';
        } else if (inParagraphProps === 0 && !tag.isSelfClosing) {
          // (A self-closing one marks a table row, whose runs are marked too.)
          if (isDel) deleted++;
          else inserted++;
        }
        result.tracked = true;
        break;
      }
      case 'w:t':
      case 'w:delText':
        inText = !tag.isSelfClosing;
        break;
      case 'w:tab':
        if (inParagraphProps === 0) add({ kind: kind(), text: '\t' });
        break;
      case 'w:br':
      case 'w:cr':
        // A page or column break is layout, not text.
        if (tag.name === 'w:cr' || attr('w:type') === undefined || attr('w:type') === 'textWrapping') add({ kind: kind(), text: '\n' });
        break;
      case 'w:noBreakHyphen':
        add({ kind: kind(), text: '-' });
        break;
      case 'w:footnoteReference': {
        const id = attr('w:id');
        if (id !== undefined) add({ kind: kind(), text: '', footnote: id });
        break;
      }
    }
  });
  parser.on('text', (text: string) => {
    if (inText) add({ kind: kind(), text });
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    switch (tag.name) {
      case 'mc:Fallback':
      case 'w:instrText':
      case 'w:delInstrText':
        skip--;
        break;
      case 'w:footnote':
        note = undefined;
        break;
      case 'w:p': {
        const p = open.pop();
        if (!p || skip > 0) break;
        if (note === undefined) result.paragraphs.push(p);
        else if (!skipNote) result.notes.set(note, [...(result.notes.get(note) ?? []), p]);
        break;
      }
      case 'w:pPr':
        inParagraphProps--;
        break;
      case 'w:pPrChange':
        inFormerProps--;
        break;
      case 'w:rPr':
        if (inMarkProps > 0) inMarkProps--;
        break;
      case 'w:ins':
      case 'w:moveTo':
        if (!tag.isSelfClosing && inMarkProps === 0 && inParagraphProps === 0) inserted--;
        break;
      case 'w:del':
      case 'w:moveFrom':
        if (!tag.isSelfClosing && inMarkProps === 0 && inParagraphProps === 0) deleted--;
        break;
      case 'w:t':
      case 'w:delText':
        inText = false;
        break;
    }
  });
  try {
    parser.write(new TextDecoder().decode(xml)).close();
  } catch (e) {
    throw new DocumentError('not-docx', `Word 文档已损坏 the Word document is damaged (${name}: ${(e as Error).message.split('\n')[0]})`);
  }
  return result;
}

/** Whether an OLE compound file names a stream `name` (directory entries hold names in UTF-16LE). */
function hasStream(bytes: Uint8Array, name: string): boolean {
  const utf16 = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(utf16);
}
