// A resolution as the Official Document System prints it, made as a Word document for the tests
// to read back, or to have LibreOffice print to PDF: heading lines, a centred title, paragraphs
// whose first line is indented two characters, operative numbers, footnotes at the foot of the
// page, a running header with the symbol and the title and a footer with the job number and
// `page/pages`, on A4 pages with lines of about 35 characters, as the Chinese resolutions have.
import {
  AlignmentType,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  ParagraphChild,
  TextRun,
} from 'docx';
import { Paragraph as ResolutionParagraph, Resolution, paragraphs } from '../../server/src/engine/model';

const FONT = { eastAsia: 'SimSun', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
/** Twips of a 12-point character: the first-line indent is two of them. */
const EM = 240;

/** The body of a paragraph with its footnote references where they stood. */
function bodyRuns(p: ResolutionParagraph, note: (n: number) => ParagraphChild): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  let from = 0;
  for (const ref of p.footnoteRefs) {
    // The reference follows the last body unit that comes before it in the source.
    let at = p.body.offsets.findIndex((o) => o >= ref.span.start);
    if (at < 0) at = p.body.text.length;
    runs.push(new TextRun(p.body.text.slice(from, at)), note(ref.number));
    from = at;
  }
  runs.push(new TextRun(p.body.text.slice(from)));
  return runs;
}

export interface ResolutionDocxOptions {
  /** The job number in the footer (`24-22639`). */
  job?: string;
  /** Page width in twips (default A4). */
  pageWidth?: number;
}

/** `res` (parsed from a seed) as a .docx. */
export async function resolutionDocx(res: Resolution, opts: ResolutionDocxOptions = {}): Promise<Uint8Array> {
  const notes: Record<number, { children: Paragraph[] }> = {};
  // A footnote referred to again is marked with its number as a superscript, as the UN's documents do.
  const note = (n: number): ParagraphChild => {
    if (notes[n]) return new TextRun({ text: String(n), superScript: true });
    const text = res.footnotes.find((f) => f.number === n)?.body.text ?? '';
    notes[n] = { children: [new Paragraph({ children: [new TextRun({ text, size: 20 })] })] };
    return new FootnoteReferenceRun(n);
  };
  const indent = { firstLine: 2 * EM };
  const children: Paragraph[] = [];
  for (const h of res.heading) children.push(new Paragraph({ children: [new TextRun(h.text)] }));
  if (res.title) {
    const title = res.title.number ? `${res.title.number}. ${res.title.text}` : res.title.text;
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true })] }));
  }
  children.push(new Paragraph({ indent, children: [new TextRun('大会，')] }));
  for (const p of paragraphs(res)) {
    const number = p.number !== undefined ? [new TextRun(`${p.number}. `)] : [];
    children.push(new Paragraph({ indent, alignment: AlignmentType.JUSTIFIED, children: [...number, ...bodyRuns(p, note)] }));
  }
  for (const span of [res.closing?.dateSpan, res.closing?.meetingSpan]) {
    if (span) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(res.source.slice(span.start, span.end))] }));
  }
  const symbol = res.symbol ?? '';
  const header = `${symbol} ${res.title?.text ?? ''}`.trim();
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: 24 }, paragraph: { spacing: { after: 120 } } } } },
    footnotes: notes,
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: opts.pageWidth ?? 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1700, right: 1700 } },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: symbol, size: 18 })] })] }),
          default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: header, size: 18 })] })] }),
        },
        footers: {
          first: pageFooter(opts.job),
          default: pageFooter(opts.job),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function pageFooter(job = '24-22639'): Footer {
  const page = new TextRun({ children: [PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES], size: 16 });
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `${job}    `, size: 16 }), page] })] });
}
