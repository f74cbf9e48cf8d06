// A comparison as a Word document with tracked changes: the predecessor's text with the draft's
// changes as real revisions (w:ins / w:del, author and date set), which Word and LibreOffice
// show as changes to accept or reject. This is the form the General Assembly asks for when a
// draft updates an earlier resolution ("all new text and changes to the old text clearly
// indicated" with track changes).
//
// Written with the `docx` package (InsertedTextRun, DeletedTextRun, inserted/deleted paragraph
// marks). Chinese text is set in SimSun (宋体); the font table also says that it is a GB2312
// font with the alternative name 宋体, so that Word picks another Chinese font where SimSun is
// missing (LibreOffice falls back through fontconfig).
import { AlignmentType, DeletedTextRun, Document, InsertedTextRun, Packer, Paragraph, ParagraphChild, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { TrackedDocument } from '../../engine/compare/tracked';

/**
 * The predecessor's paragraphs with the draft's changes (engine/compare/tracked.ts makes one of a
 * comparison). A paragraph whose runs are all `ins` (and not empty) is a new paragraph, one whose
 * runs are all `del` a dropped one; their paragraph marks are changed too, so that rejecting
 * (accepting) all changes removes them whole. Accepting all changes gives the paragraphs without
 * their `del` runs, dropped ones left out; rejecting all gives them without their `ins` runs, new
 * ones left out.
 */
export type { TrackedDocument };

export type TrackedRun = TrackedDocument['paragraphs'][number]['runs'][number];

/** The font of the Chinese text, and of Latin letters and digits. */
export const CHINESE_FONT = 'SimSun';
export const CHINESE_FONT_ALT = '宋体';
export const LATIN_FONT = 'Times New Roman';

/** Whether a paragraph is in the text once all changes are accepted, and once all are rejected. */
interface Survival {
  accepted: boolean;
  rejected: boolean;
}

function survival(runs: readonly TrackedRun[]): Survival {
  const texts = runs.filter((r) => r.text.length > 0);
  const only = (kind: TrackedRun['kind']) => texts.length > 0 && texts.every((r) => r.kind === kind);
  return { accepted: !only('del'), rejected: !only('ins') };
}

/** The text of `doc` with all its changes accepted, or all rejected: its paragraphs, one a line. */
export function trackedText(doc: Pick<TrackedDocument, 'paragraphs'>, view: 'accepted' | 'rejected'): string {
  const gone = view === 'accepted' ? 'del' : 'ins';
  return doc.paragraphs
    .filter((p) => survival(p.runs)[view])
    .map((p) => p.runs.filter((r) => r.kind !== gone).map((r) => r.text).join(''))
    .join('\n');
}

type Mark = { ins?: boolean; del?: boolean };

/**
 * The change of each paragraph mark. A mark ends its paragraph; removing it joins the paragraph
 * with the next. A new (dropped) paragraph's own mark is inserted (deleted), so that it comes and
 * goes whole, except after the last paragraph that stays in both views: there is no next
 * paragraph to join there, and the mark before each new (dropped) paragraph is the one that
 * comes and goes with it, as Word does when one types a paragraph at the end of a document.
 */
function markChanges(views: readonly Survival[]): Mark[] {
  const stable = (v: Survival) => v.accepted && v.rejected;
  let lastStable = views.length - 1;
  while (lastStable >= 0 && !stable(views[lastStable])) lastStable--;
  const marks: Mark[] = views.map(() => ({}));
  views.forEach((v, j) => {
    if (stable(v)) return;
    const mark: Mark = v.accepted ? { ins: true } : { del: true };
    if (j < lastStable) marks[j] = mark;
    else if (j > 0) marks[j - 1] = mark;
  });
  return marks;
}

/**
 * A document with both new and dropped paragraphs but none that stays (every paragraph
 * replaced) would need a mark that is in neither view, inserted and deleted, which LibreOffice
 * reads as only one of the two: its first dropped and first new paragraphs are made one changed
 * paragraph instead, which gives the same two texts.
 */
function withStableParagraph(paragraphs: TrackedDocument['paragraphs']): TrackedDocument['paragraphs'] {
  const views = paragraphs.map((p) => survival(p.runs));
  if (views.some((v) => v.accepted && v.rejected)) return paragraphs;
  const dropped = views.findIndex((v) => !v.accepted);
  const added = views.findIndex((v) => !v.rejected);
  if (dropped < 0 || added < 0) return paragraphs;
  const merged = { runs: [...paragraphs[dropped].runs, ...paragraphs[added].runs] };
  const first = Math.min(dropped, added);
  return paragraphs.flatMap((p, i) => (i === first ? [merged] : i === dropped || i === added ? [] : [p]));
}

/** The .docx bytes of `doc`. */
export async function writeTrackedDocx(doc: TrackedDocument): Promise<Uint8Array> {
  const date = doc.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  let id = 1;
  const change = () => ({ id: id++, author: doc.author, date });
  const source = withStableParagraph(doc.paragraphs);
  const marks = markChanges(source.map((p) => survival(p.runs)));
  const paragraphs = source.map((p, i) => {
    const children: ParagraphChild[] = [];
    for (const r of p.runs) {
      if (r.text.length === 0) continue;
      for (const [n, line] of r.text.split('\n').entries()) {
        // A line break inside a run (a soft return) is a w:br, not a new paragraph.
        const text = { text: line, break: n > 0 ? 1 : undefined };
        if (r.kind === 'same') children.push(new TextRun(text));
        else if (r.kind === 'ins') children.push(new InsertedTextRun({ ...text, ...change() }));
        else children.push(new DeletedTextRun({ ...text, ...change() }));
      }
    }
    const { ins, del } = marks[i];
    return new Paragraph({
      children,
      alignment: AlignmentType.JUSTIFIED,
      run: ins ? { insertion: change() } : del ? { deletion: change() } : undefined,
    });
  });
  const document = new Document({
    title: doc.title,
    creator: doc.author,
    features: { trackRevisions: true },
    styles: {
      default: {
        document: {
          run: {
            font: { eastAsia: CHINESE_FONT, ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT },
            size: 24,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { after: 120, line: 360 } },
        },
      },
    },
    sections: [{ children: paragraphs }],
  });
  return withChineseFontFallback(await Packer.toBuffer(document));
}

/**
 * Adds SimSun to the font table with its Chinese name and character set (GB2312), which is how
 * Word finds a replacement Chinese font on a machine without it.
 */
function withChineseFontFallback(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const name = 'word/fontTable.xml';
  const table = files[name] ? strFromU8(files[name]) : undefined;
  if (!table || table.includes(`w:name="${CHINESE_FONT}"`)) return bytes;
  const entry =
    `<w:font w:name="${CHINESE_FONT}"><w:altName w:val="${CHINESE_FONT_ALT}"/><w:panose1 w:val="02010600030101010101"/>` +
    `<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`;
  // The table docx writes is empty: `<w:fonts …/>`.
  const opened = table.replace(/\/>\s*$/, '></w:fonts>');
  files[name] = strToU8(opened.replace(/<\/w:fonts>\s*$/, `${entry}</w:fonts>`));
  return zipSync(files);
}
