// Parser: text of a resolution or a draft → Resolution model.
//
// It reads the text line by line. Three layouts are told apart, because the same line break
// means different things in each:
//  - 'pdf': text extracted from a PDF. Every line is hard-wrapped, often with blank lines
//    between; a paragraph opens with an indented line; page headers/footers, bare footnote
//    markers, footnote blocks after a `____` (or all-space) line and URL lines are mixed in.
//  - 'blocks': Markdown-like, paragraphs separated by blank lines.
//  - 'lines': a draft as typed, one paragraph per line (possibly half-typed).
// Whatever the layout, a paragraph that has not reached its closing punctuation (，；。) goes on
// across line breaks and footnote blocks: A/RES/72/57 PP7 continues after its footnotes.
import { Citation, Closing, Footnote, FootnoteRef, HeadingKind, HeadingLine, Paragraph, ParagraphKind, Resolution, Span, Title } from './model';
import { Line, splitLines } from './lines';
import { MappedBuilder, mapSpan } from './mapped';
import { matchVerb } from './verbs';
import { findCitations } from './citations';
import { assembleText, endsClosed, isClosingPunct, isSpace } from './cleanText';
import { dateFromGroups, halfWidthDigits } from './dates';
import { COMMENT_LINE } from './suppressions';

type Layout = 'pdf' | 'blocks' | 'lines';

const URL_LINE = /^\s*(?:https?:\/\/|www\.)\S*\s*$/;
const PAGE_HEADER = /^\s*A\/RES\/\d+\/\d+(?:\s+\S.*)?\s*$/;
const JOB_NUMBER = /^\s*\d{2}-\d{5}\b.*$/;
const PAGE_OF = /^\s*\d{1,3}\/\d{1,3}\s*$/;
const SEPARATOR = /^\s*[_＿]{5,}\s*$/;
const SPACE_SEPARATOR = /^[ \u3000]{20,}$/;
const BARE_NUMBER = /^\s*([0-9０-９]{1,3})\s*$/;
const FOOTNOTE_WITH_TEXT = /^(\s*)([0-9]{1,3})[ \t\u3000]+(?=\S)/;
const MD_FOOTNOTE = /^\s*(?:<sup>\s*(\d{1,3})\s*<\/sup>|\[\^(\d{1,3})\]\s*[:：])\s*/;
const OPERATIVE_NUMBER = /^\s*(?:\*\*)?([0-9０-９]{1,3})\s*[.．、](?![0-9])\s*(?:\*\*)?/;
const OPENING = /^\s*(?:#+\s*)?(?:\*\*)?大会(?:\*\*)?\s*[，,]?\s*$/;
const CLOSING_DATE = /^\s*([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日\s*$/;
const CLOSING_MEETING = /^\s*第\s*([0-9０-９]{1,4})\s*次全体会议\s*$/;
const SUBPARAGRAPH = /^\s*(?:\(|（)?[a-z](?:\)|）)/;
const INDENTED = /^[ \t\u3000]/;

/** The line patterns not tried on a line that startsWithProse (exported for a test). */
export const NOT_PROSE: readonly RegExp[] = [
  URL_LINE, PAGE_HEADER, JOB_NUMBER, PAGE_OF, SEPARATOR, SPACE_SEPARATOR, BARE_NUMBER,
  MD_FOOTNOTE, OPERATIVE_NUMBER, CLOSING_DATE, CLOSING_MEETING, SUBPARAGRAPH, /^\s*$/, COMMENT_LINE,
];

/**
 * Whether the line's first character that is not white space (`\s`) is a CJK ideograph other
 * than 第: most lines of a resolution are, and none of the line patterns above but OPENING
 * (大会) and INDENTED can match such a line, so they are not tried on it.
 */
export function startsWithProse(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isSpace(c)) continue;
    return c >= 0x4e00 && c <= 0x9fff && c !== 0x7b2c;
  }
  return false;
}

interface ParagraphDraft {
  kind: ParagraphKind;
  pieces: Span[];
  number?: number;
  numberSpan?: Span;
  bareRefs: FootnoteRef[];
  /** Source offset where the body starts (after the operative number). */
  bodyStart: number;
}

interface FootnoteDraft {
  number: number;
  numberSpan: Span;
  pieces: Span[];
  bodyStart?: number;
}

export function parseResolution(source: string): Resolution {
  return new Parser(source).parse();
}

class Parser {
  private readonly lines: Line[];
  private readonly layout: Layout;
  private region: 'heading' | 'body' | 'closing' = 'heading';
  private headingLines: { line: Line; kind: HeadingKind | 'title'; text: string; number?: string }[] = [];
  private opening?: Span;
  private paras: ParagraphDraft[] = [];
  private notes: FootnoteDraft[] = [];
  private closing: Closing = {};
  private inFootnotes = false;
  private blankBefore = false;
  private afterMarker = false;
  private afterPageHeader = false;
  private pageHeaderSymbol?: string;
  /** The printed number of the last operative paragraph so far. */
  private lastNumber = 0;
  /** Once a numbered paragraph is seen, the paragraphs that follow are operative. */
  private inOperative = false;
  /** startsWithProse(the line being read). */
  private prose = false;

  constructor(private readonly source: string) {
    this.lines = splitLines(source);
    this.layout = detectLayout(this.lines);
  }

  parse(): Resolution {
    for (const line of this.lines) this.readLine(line);
    return this.finish();
  }

  private readLine(line: Line): void {
    const t = line.text;
    const prose = (this.prose = startsWithProse(t));
    // `<!-- unres-disable-next-paragraph echo -->` (engine/suppressions.ts) and any other
    // comment line: not text of the resolution, and no break in a paragraph either.
    if (!prose && COMMENT_LINE.test(t)) return;
    if (!prose && (SEPARATOR.test(t) || (this.layout === 'pdf' && SPACE_SEPARATOR.test(t)))) {
      this.inFootnotes = true;
      return;
    }
    if (!prose && /^\s*$/.test(t)) {
      this.blankBefore = true;
      return;
    }
    if (!prose && URL_LINE.test(t)) {
      this.inFootnotes = false;
      return;
    }
    if (this.region !== 'heading' && !prose && (PAGE_HEADER.test(t) || JOB_NUMBER.test(t) || PAGE_OF.test(t))) {
      this.pageHeaderSymbol ??= t.trim().split(/\s+/)[0].startsWith('A/RES/') ? t.trim().split(/\s+/)[0] : undefined;
      this.inFootnotes = false;
      this.afterPageHeader = true;
      this.blankBefore = true;
      return;
    }
    const wasAfterHeader = this.afterPageHeader;
    this.afterPageHeader = false;
    if (wasAfterHeader && !prose && BARE_NUMBER.test(t)) return; // page number under a running header

    if (this.inFootnotes && this.readFootnoteLine(line)) {
      this.blankBefore = false;
      return;
    }
    this.inFootnotes = false;

    const md = prose ? null : MD_FOOTNOTE.exec(t);
    if (md && this.region !== 'heading' && this.isLineStartFootnote(t, md)) {
      const number = Number(md[1] ?? md[2]);
      const numStart = line.start + t.indexOf(md[1] ?? md[2]);
      this.notes.push({
        number,
        numberSpan: { start: numStart, end: numStart + String(md[1] ?? md[2]).length },
        pieces: [{ start: line.start + md[0].length, end: line.start + t.trimEnd().length }],
        bodyStart: line.start + md[0].length,
      });
      this.blankBefore = false;
      return;
    }

    if (this.region === 'heading') this.readHeadingLine(line);
    else if (this.region === 'body') this.readBodyLine(line);
    else this.readClosingLine(line);
    this.blankBefore = false;
  }

  /** Markdown footnote definitions: `<sup>1</sup> text` at the start of a line, not inside a paragraph. */
  private isLineStartFootnote(t: string, md: RegExpExecArray): boolean {
    if (md[2]) return true;
    const rest = t.slice(md[0].length);
    return rest.length > 0 && !matchVerb(rest.replace(/^\*\*/, ''));
  }

  /** Returns false when the line is not part of the footnote block (the body resumes). */
  private readFootnoteLine(line: Line): boolean {
    const t = line.text;
    const current = this.notes[this.notes.length - 1];
    if (current && current.pieces.length === 0 && !BARE_NUMBER.test(t)) {
      // The text of a footnote whose number stood on a line of its own.
      current.pieces.push(trimmedSpan(line, 0));
      current.bodyStart = current.pieces[0].start;
      return true;
    }
    const open = current !== undefined && !footnoteClosed(this.source, current);
    const bare = BARE_NUMBER.exec(t);
    if (bare) {
      const n = Number(halfWidthDigits(bare[1]));
      const s = line.start + t.indexOf(bare[1]);
      this.notes.push({ number: n, numberSpan: { start: s, end: s + bare[1].length }, pieces: [] });
      return true;
    }
    const withText = FOOTNOTE_WITH_TEXT.exec(t);
    if (withText && (withText[1].length > 0 || !open)) {
      const s = line.start + withText[1].length;
      this.notes.push({
        number: Number(withText[2]),
        numberSpan: { start: s, end: s + withText[2].length },
        pieces: [trimmedSpan(line, withText[0].length)],
        bodyStart: line.start + withText[0].length,
      });
      return true;
    }
    if (open && !OPERATIVE_NUMBER.test(t)) {
      current.pieces.push(trimmedSpan(line, 0));
      return true;
    }
    return false;
  }

  private readHeadingLine(line: Line): void {
    const t = line.text;
    if (OPENING.test(t)) {
      const s = line.start + t.indexOf('大会');
      this.opening = { start: s, end: line.start + t.trimEnd().length };
      this.region = 'body';
      return;
    }
    const plain = stripHeadingMarks(t);
    const title = /^([0-9]{1,3}\/[0-9]{1,4})\s*[.．]\s*(\S.*)$/.exec(plain);
    if (title) {
      this.headingLines.push({ line, kind: 'title', text: title[2].trim(), number: title[1] });
      return;
    }
    // No `大会，`: the body starts at the first paragraph-like line.
    if (OPERATIVE_NUMBER.test(t) || (matchVerb(plain) && !/决议草案\s*$/.test(plain))) {
      this.region = 'body';
      this.readBodyLine(line);
      return;
    }
    this.headingLines.push({ line, kind: headingKind(plain), text: plain });
  }

  private readBodyLine(line: Line): void {
    const t = line.text;
    const prose = this.prose;
    if (this.paras.length > 0 && !prose && (CLOSING_DATE.test(t) || CLOSING_MEETING.test(t))) {
      this.region = 'closing';
      this.readClosingLine(line);
      return;
    }
    const bare = prose ? null : BARE_NUMBER.exec(t);
    const last = this.paras[this.paras.length - 1];
    if (bare && last) {
      // A footnote marker on a line of its own, as PDF extraction leaves it.
      const s = line.start + t.indexOf(bare[1]);
      last.bareRefs.push({ number: Number(halfWidthDigits(bare[1])), span: { start: s, end: s + bare[1].length } });
      this.afterMarker = true;
      return;
    }
    const afterMarker = this.afterMarker;
    this.afterMarker = false;
    const closed = last === undefined || endsClosed(this.paragraphTail(last));
    const num = prose ? null : OPERATIVE_NUMBER.exec(t);
    if (num) {
      const n = Number(halfWidthDigits(num[1]));
      const expected = this.lastNumber + 1;
      if (closed || n === expected || this.layout !== 'pdf') {
        const s = line.start + t.indexOf(num[1]);
        this.paras.push({
          kind: 'operative',
          pieces: [trimmedSpan(line, 0)],
          number: n,
          numberSpan: { start: s, end: s + num[1].length },
          bareRefs: [],
          bodyStart: line.start + num[0].length,
        });
        this.lastNumber = n;
        this.inOperative = true;
        return;
      }
    }
    if (last && !this.startsParagraph(t, closed, afterMarker)) {
      last.pieces.push(trimmedSpan(line, 0));
      return;
    }
    const kind: ParagraphKind = this.inOperative ? 'operative' : 'preambular';
    const span = trimmedSpan(line, 0);
    this.paras.push({ kind, pieces: [span], bareRefs: [], bodyStart: span.start });
  }

  private startsParagraph(t: string, closed: boolean, afterMarker: boolean): boolean {
    const plain = t.trim().replace(/^\*\*/, '');
    if (!this.prose && SUBPARAGRAPH.test(plain)) return false;
    const verb = matchVerb(plain) !== undefined;
    switch (this.layout) {
      case 'pdf':
        return closed && INDENTED.test(t) && (verb || !afterMarker);
      case 'blocks':
        return (closed && (this.blankBefore || verb)) || (!closed && verb && this.blankBefore);
      case 'lines':
        return closed || verb;
    }
  }

  private readClosingLine(line: Line): void {
    const date = CLOSING_DATE.exec(line.text);
    if (date) {
      const parsed = dateFromGroups(date[1], date[2], date[3]);
      if (parsed) {
        this.closing.date = parsed;
        this.closing.dateSpan = trimmedSpan(line, 0);
      }
      return;
    }
    const meeting = CLOSING_MEETING.exec(line.text);
    if (meeting) {
      this.closing.meeting = Number(halfWidthDigits(meeting[1]));
      this.closing.meetingSpan = trimmedSpan(line, 0);
    }
  }

  private paragraphTail(p: ParagraphDraft): string {
    const lastPiece = p.pieces[p.pieces.length - 1];
    return this.source.slice(lastPiece.start, lastPiece.end);
  }

  private finish(): Resolution {
    const footnoteNumbers = new Set(this.notes.map((n) => n.number));
    const footnotes: Footnote[] = this.notes
      .filter((n) => n.pieces.length > 0)
      .map((n) => {
        const pieces = n.pieces.slice();
        const body = assembleText(this.source, pieces, n.bodyStart ?? pieces[0].start, new Set(), []);
        return {
          number: n.number,
          span: { start: n.numberSpan.start, end: pieces[pieces.length - 1].end },
          body,
          citations: findCitations(body),
        };
      });

    const counters = { preambular: 0, operative: 0 };
    const all: Paragraph[] = this.paras.map((d) => this.buildParagraph(d, ++counters[d.kind], footnoteNumbers));
    const heading = this.buildHeading();
    const res: Resolution = {
      source: this.source,
      heading: heading.lines,
      title: heading.title,
      opening: this.opening,
      preambular: all.filter((p) => p.kind === 'preambular'),
      operative: all.filter((p) => p.kind === 'operative'),
      footnotes,
      closing: this.closing.date || this.closing.meeting !== undefined ? this.closing : undefined,
      symbol: heading.symbol ?? this.pageHeaderSymbol,
      citations: [],
    };
    const cites: Citation[] = [
      ...heading.citations,
      ...all.flatMap((p) => p.citations),
      ...footnotes.flatMap((f) => f.citations),
    ];
    res.citations = cites.sort((a, b) => a.span.start - b.span.start);
    return res;
  }

  private buildParagraph(d: ParagraphDraft, index: number, footnoteNumbers: Set<number>): Paragraph {
    const refs: FootnoteRef[] = [...d.bareRefs];
    const body = assembleText(this.source, d.pieces, d.bodyStart, footnoteNumbers, refs);
    refs.sort((a, b) => a.span.start - b.span.start);
    const vm = matchVerb(body.text);
    const lastChar = body.text[body.text.length - 1];
    const first = d.pieces[0];
    const lastPiece = d.pieces[d.pieces.length - 1];
    return {
      kind: d.kind,
      index,
      number: d.number,
      numberSpan: d.numberSpan,
      label: d.kind === 'preambular' ? `PP${index}` : `OP${d.number ?? index}`,
      span: { start: first.start, end: Math.max(lastPiece.end, ...refs.map((r) => r.span.end)) },
      pieces: d.pieces,
      body,
      verb: vm && {
        text: body.text.slice(0, vm.length),
        base: vm.base,
        prefix: vm.prefix,
        span: mapSpan(body, 0, vm.length),
      },
      ending: lastChar && isClosingPunct(lastChar) ? { char: lastChar, offset: body.offsets[body.text.length - 1] } : undefined,
      footnoteRefs: refs,
      citations: findCitations(body),
    };
  }

  private buildHeading(): { lines: HeadingLine[]; title?: Title; symbol?: string; citations: Citation[] } {
    const lines: HeadingLine[] = [];
    let title: Title | undefined;
    let symbol: string | undefined;
    const citations: Citation[] = [];
    for (const h of this.headingLines) {
      const span = trimmedSpan(h.line, 0);
      if (h.kind === 'title') {
        title = { number: h.number, text: h.text, span: textSpan(this.source, h.text, span) };
        symbol = `A/RES/${h.number}`;
        continue;
      }
      lines.push({ kind: h.kind, text: h.text, span });
      if (h.kind === 'symbol') symbol ??= h.text;
      const b = new MappedBuilder();
      b.copy(this.source, span.start, span.end);
      citations.push(...findCitations(b.build()).filter((c) => h.kind !== 'symbol' || c.symbol !== h.text));
    }
    if (!title) {
      // A draft's title stands alone: the last heading line that is not metadata.
      const i = findLastIndex(lines, (l) => l.kind === 'other');
      if (i >= 0) {
        const l = lines.splice(i, 1)[0];
        title = { text: l.text, span: textSpan(this.source, l.text, l.span) };
      }
    }
    return { lines, title, symbol, citations };
  }
}

function detectLayout(lines: Line[]): Layout {
  let nonBlank = 0;
  let indented = 0;
  let blank = 0;
  for (const l of lines) {
    if (/^\s*$/.test(l.text)) {
      blank++;
      continue;
    }
    nonBlank++;
    if (/^[ \u3000]\S/.test(l.text) || /^ {2}\S/.test(l.text)) indented++;
  }
  if (nonBlank > 0 && indented / nonBlank >= 0.3) return 'pdf';
  if (nonBlank > 0 && blank / nonBlank >= 0.5) return 'blocks';
  return 'lines';
}

function headingKind(t: string): HeadingKind {
  if (/^第.{1,6}届会议$/.test(t)) return 'session';
  if (/^议程项目/.test(t)) return 'agenda';
  if (/大会决议$/.test(t)) return 'adopted';
  if (/^[\[［].*[\]］]$/.test(t)) return 'report';
  if (/决议草案$/.test(t)) return 'sponsors';
  if (/^[A-Z]{1,4}\/[A-Za-z0-9.\/]+$/.test(t)) return 'symbol';
  return 'other';
}

function stripHeadingMarks(t: string): string {
  return t.trim().replace(/^#+\s*/, '').replace(/\*\*/g, '').trim();
}

/** The span of a line without its leading `skip` units and surrounding white space. */
function trimmedSpan(line: Line, skip: number): Span {
  const t = line.text;
  let s = skip;
  let e = t.length;
  while (s < e && /\s/.test(t[s])) s++;
  while (e > s && /\s/.test(t[e - 1])) e--;
  return { start: line.start + s, end: line.start + e };
}

function footnoteClosed(source: string, note: FootnoteDraft): boolean {
  const last = note.pieces[note.pieces.length - 1];
  if (!last) return false;
  return /[。.]\s*$/.test(source.slice(last.start, last.end));
}

/**
 * Where `text` (a heading line without its Markdown marks) stands in the line `line`; the whole
 * line when the marks were inside it (`小**武器**`), so that the span is never -1.
 */
function textSpan(source: string, text: string, line: Span): Span {
  const at = source.indexOf(text, line.start);
  return at >= 0 && at + text.length <= line.end ? { start: at, end: at + text.length } : line;
}

function findLastIndex<T>(xs: T[], pred: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i])) return i;
  return -1;
}
