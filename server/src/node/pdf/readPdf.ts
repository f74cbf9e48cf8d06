// PDF in: the text of a PDF (resolutions as the Official Document System prints them) laid out
// as the parser reads PDF extractions: one line of text per printed line, a paragraph's first
// line indented, page headers and footers where they stand, superscript footnote markers set
// apart (`，1 `), and the footnotes of a page after a `__________` line.
//
// pdf.js (`pdfjs-dist`, legacy build for Node) gives the page's text items with their
// positions; lines are rebuilt from them. It needs its character maps (CMaps) for PDFs whose
// Chinese fonts use a predefined encoding (UniGB-UCS2-H…): they are read from disk, never
// fetched — beside the bundle (dist/pdfjs/, copied by scripts/build.mjs) or in node_modules.
import { existsSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DocumentError } from '../documentError';

/** The part of pdf.js used here. */
interface PdfjsModule {
  getDocument(params: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: Array<PdfItem | object> }>; cleanup(): void }>;
  destroy(): Promise<void>;
}
interface PdfItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

interface Located {
  /** pdf.mjs (with pdf.worker.mjs beside it). */
  module: string;
  /** The folder of the bcmap files, ending in a separator. */
  cmaps: string;
}

/** pdf.js beside the bundle (dist/pdfjs/), else in the node_modules of a folder above this one. */
function locatePdfjs(): Located | undefined {
  const bundled = path.join(__dirname, 'pdfjs');
  if (existsSync(path.join(bundled, 'pdf.mjs'))) return { module: path.join(bundled, 'pdf.mjs'), cmaps: path.join(bundled, 'cmaps') + path.sep };
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'node_modules', 'pdfjs-dist');
    if (existsSync(path.join(pkg, 'legacy', 'build', 'pdf.mjs'))) {
      return { module: path.join(pkg, 'legacy', 'build', 'pdf.mjs'), cmaps: path.join(pkg, 'cmaps') + path.sep };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

let loaded: Promise<{ pdfjs: PdfjsModule; cmaps: string }> | undefined;

function loadPdfjs(): Promise<{ pdfjs: PdfjsModule; cmaps: string }> {
  loaded ??= (async () => {
    const where = locatePdfjs();
    if (!where) throw new DocumentError('not-pdf', '找不到 PDF 阅读组件 pdf.js is missing (pdfjs-dist): PDF files cannot be read');
    // pdf.js takes what only rendering needs (DOMMatrix, Path2D…) from the optional
    // @napi-rs/canvas, which the packaged extension does not ship, warning on the console when
    // it cannot, and makes one DOMMatrix as it loads. Text extraction needs none of it: a
    // stand-in DOMMatrix for the load, and no warnings.
    const g = globalThis as { DOMMatrix?: unknown };
    const standIn = g.DOMMatrix === undefined ? class DOMMatrix {} : undefined;
    if (standIn) g.DOMMatrix = standIn;
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const pdfjs = (await import(pathToFileURL(where.module).href)) as PdfjsModule;
      return { pdfjs, cmaps: where.cmaps };
    } catch (e) {
      throw new DocumentError('not-pdf', `无法加载 PDF 阅读组件 cannot load pdf.js (${where.module}): ${(e as Error).message}`);
    } finally {
      console.warn = warn;
      if (standIn && g.DOMMatrix === standIn) delete g.DOMMatrix;
    }
  })();
  return loaded;
}

/** The reads of this thread, one after the other. */
let queue: Promise<unknown> = Promise.resolve();

/** The text of a PDF; throws a DocumentError for a PDF that has none, is protected or is not a PDF. */
export function readPdf(bytes: Uint8Array): Promise<string> {
  // pdf.js without a worker thread (as in Node) parses on this thread anyway, and documents
  // opened at once by a corpus load's read-ahead fail at random (`Invalid page request`).
  const read = queue.then(() => extractText(bytes));
  queue = read.catch(() => undefined);
  return read;
}

async function extractText(bytes: Uint8Array): Promise<string> {
  const { pdfjs, cmaps } = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdf.js takes the buffer over (transfers it): a copy, so that the caller's bytes stay.
    data: new Uint8Array(bytes),
    cMapUrl: cmaps,
    cMapPacked: true,
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new DocumentError('encrypted', 'PDF 受密码保护，无法读取 the PDF is password-protected; save a copy without a password');
    throw new DocumentError('not-pdf', `不是有效的 PDF 文件 not a valid PDF file (${(e as Error).message})`);
  }
  try {
    const pages: Line[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageLines(content.items.filter((i): i is PdfItem => 'str' in i && 'transform' in i)));
      page.cleanup();
    }
    const text = layOut(pages);
    if (!/\S/.test(text)) {
      throw new DocumentError('no-text', 'PDF 中没有文字（可能是扫描图像），请先进行文字识别 (OCR)  the PDF has no text (a scanned image?): run text recognition (OCR) on it first');
    }
    return text;
  } finally {
    await doc.destroy();
  }
}

interface Glyphs {
  text: string;
  x: number;
  /** The baseline. */
  y: number;
  width: number;
  size: number;
}

interface Line {
  items: Glyphs[];
  /** The baseline and font size of the line's largest text. */
  y: number;
  size: number;
  x: number;
}

/** Text items grouped into printed lines, top to bottom, each line's items left to right. */
function pageLines(items: PdfItem[]): Line[] {
  const glyphs: Glyphs[] = items
    .filter((i) => i.str.length > 0)
    .map((i) => ({ text: i.str, x: i.transform[4], y: i.transform[5], width: i.width, size: Math.hypot(i.transform[2], i.transform[3]) || i.height }))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const g of glyphs) {
    const line = lines.find((l) => sameLine(l, g));
    if (!line) {
      lines.push({ items: [g], y: g.y, size: g.size, x: g.x });
      continue;
    }
    line.items.push(g);
    if (g.size > line.size && g.text.trim()) {
      line.y = g.y;
      line.size = g.size;
    }
  }
  for (const l of lines) {
    l.items.sort((a, b) => a.x - b.x);
    l.x = (l.items.find((i) => i.text.trim()) ?? l.items[0]).x;
  }
  return lines.filter((l) => l.items.some((i) => i.text.trim())).sort((a, b) => b.y - a.y);
}

/**
 * Whether text at `g` is on the line `l`: a baseline within 0.3 em, or a superscript (a footnote
 * marker: smaller type, raised up to ~0.6 em of the line's type) above it, or the line's text
 * below a superscript that opened it.
 */
function sameLine(l: Line, g: Glyphs): boolean {
  const [small, big] = l.size < g.size ? [l, g] : [g, l];
  if (small.size >= 0.8 * big.size) return Math.abs(l.y - g.y) <= 0.3 * big.size;
  const raised = small.y - big.y;
  return raised >= -0.1 * big.size && raised <= 0.6 * big.size;
}

/** The text of a line: items joined, a space where the gap between two is wide, superscripts set apart. */
function lineText(line: Line): string {
  let out = '';
  let end = -Infinity;
  for (const g of line.items) {
    const superscript = g.size < 0.8 * line.size && g.y > line.y + 0.15 * line.size;
    const gap = g.x - end;
    if (superscript) {
      // `，1 `, but `2005 3 ` rather than `20053`.
      const before = out.trimEnd();
      out = `${before}${/[0-9A-Za-z]$/.test(before) ? ' ' : ''}${g.text.trim()} `;
    }
    else if (out && gap > 0.25 * line.size && !/\s$/.test(out) && !/^\s/.test(g.text)) out += ` ${g.text}`;
    else out += g.text;
    end = g.x + g.width;
  }
  return out.trimEnd();
}

const SEPARATOR = '__________';
const FOOTNOTE_START = /^\s*\d{1,3}\s/;

/** The body text's type size: the size most of the text is set in. */
function bodySize(lines: Line[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) for (const i of l.items) chars.set(Math.round(i.size * 2) / 2, (chars.get(Math.round(i.size * 2) / 2) ?? 0) + i.text.trim().length);
  let best = 12;
  for (const [size, n] of chars) if (n > (chars.get(best) ?? 0)) best = size;
  return best;
}

/**
 * Pages of lines → text. The left margin is where the leftmost line in the body's type starts
 * (a continuation line; on a page of one-line paragraphs there is none, so it is taken over the
 * whole document); a line starting right of it is indented by one space per em. Lines at the
 * foot of a page in a smaller type than the body, from the first that opens with a number, are
 * footnotes: a separator line goes before them (the PDF draws it as a rule, not as text).
 */
function layOut(pages: Line[][]): string {
  const all = pages.flat();
  const body = bodySize(all);
  const isBody = (l: Line) => Math.abs(l.size - body) < 0.5;
  const margin = Math.min(...all.filter(isBody).map((l) => l.x));
  const out: string[] = [];
  for (const lines of pages) {
    const left = Number.isFinite(margin) ? margin : Math.min(...lines.map((l) => l.x));
    const texts = lines.map((l) => {
      const ems = (l.x - left) / body;
      const indent = ems < 0.4 ? 0 : Math.min(40, Math.max(1, Math.round(ems)));
      return ' '.repeat(indent) + lineText(l);
    });
    const notes = footnoteStart(lines, texts, body);
    if (notes !== undefined && !texts.some((t) => /^\s*[_＿]{5,}\s*$/.test(t))) texts.splice(notes, 0, SEPARATOR);
    out.push(...texts);
  }
  return out.join('\n') + '\n';
}

/** The index of the page's first footnote line: the run of small-type lines at the foot, from the first that opens with a number. */
function footnoteStart(lines: Line[], texts: string[], body: number): number | undefined {
  let start = lines.length;
  while (start > 0 && lines[start - 1].size < 0.92 * body) start--;
  for (let i = start; i < lines.length; i++) if (FOOTNOTE_START.test(texts[i])) return i;
  return undefined;
}
