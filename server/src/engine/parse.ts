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
//
// Patterns are tried on a Simplified view of the text (engine/script.ts: one unit for one, so
// offsets hold), so a Traditional copy parses as the Simplified text; clean paragraph text is
// taken from the source as written. A line flattened from several (a web or PDF copy) is cut
// into the lines it had first (engine/flattened.ts); lines in another language are left out.
import { Closing, Footnote, HeadingKind, HeadingLine, Organ, Paragraph, ParagraphKind, Resolution, Span, Title } from './model';
import { Line, splitLines } from './lines';
import { toSimplified } from './script';
import { OPENING_WORDS, splitFlattened } from './flattened';
import { sliceMapped } from './mapped';
import { matchVerb } from './verbs';
import { findCitations, resolutionSymbol } from './citations';
import { assembleText, endsClosed, isSpace } from './cleanText';
import { dateFromGroups, halfWidthDigits, numberValue } from './dates';
import { COMMENT_LINE } from './suppressions';
import { ParagraphDraft, ParagraphSource, ParsedParagraph, ParsedResolution } from './parsed';

type Layout = 'pdf' | 'blocks' | 'lines';

const URL_LINE = /^\s*(?:https?:\/\/|www\.)\S*\s*$/;
/** A running header: the resolution's symbol (group 1), perhaps its title after it. */
const PAGE_HEADER = /^\s*(A\/(?:HRC\/)?RES\/(?:ES-\d{1,2}|\d+)\/\d+|S\/RES\/\d+\s*\(\d{4}\)|E\/RES\/\d{4}\/\d+)(?:\s+\S.*)?\s*$/;
const JOB_NUMBER = /^\s*\d{2}-\d{5}\b.*$/;
const PAGE_OF = /^\s*\d{1,3}\/\d{1,3}\s*$/;
const SEPARATOR = /^\s*[_＿]{5,}\s*$/;
const SPACE_SEPARATOR = /^[ \u3000]{20,}$/;
const BARE_NUMBER = /^\s*([0-9０-９]{1,3})\s*$/;
const FOOTNOTE_WITH_TEXT = /^(\s*)([0-9]{1,3})[ \t\u3000]+(?=\S)/;
const MD_FOOTNOTE = /^\s*(?:<sup>\s*(\d{1,3})\s*<\/sup>|\[\^(\d{1,3})\]\s*[:：])\s*/;
const OPERATIVE_NUMBER = /^\s*(?:\*\*)?([0-9０-９]{1,3})\s*[.．、](?![0-9])\s*(?:\*\*)?/;
/** `大会，`, `安全理事会，`… (group 1 the body); `大会` alone as PDF extractions give it. */
const OPENING = new RegExp(`^\\s*(?:#+\\s*)?(?:\\*\\*)?(${OPENING_WORDS})(?:\\*\\*)?\\s*([，,]?)\\s*$`);
const ORGAN_OF: Record<string, Organ> = { 大会: 'GA', 安全理事会: 'SC', 人权理事会: 'HRC', 经济及社会理事会: 'ECOSOC', 经社理事会: 'ECOSOC' };
/**
 * An adoption line: a date (groups 1–3, digits or old-style numerals `一九六六年十一月二十九日`),
 * a meeting (group 4: `第 43 次全体会议`, `第一四八一次全体会议`, `第 4872 次会议一致通过。`), or both.
 */
const CLOSING_LINE = new RegExp(
  '^\\s*(?:([0-9０-９]{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,4})\\s*日)?' +
    '\\s*(?:(?:大会|安全理事会|人权理事会|理事会)?\\s*第\\s*([0-9０-９]{1,5}|[〇零一二三四五六七八九十百千]{1,8})\\s*次(?:全体)?会议(?:[^，；。,;]{0,40}?通过)?)?\\s*[。.]?\\s*$',
);
/**
 * A title line: the number (group 1: `72/57`, `ES-11/1`, `2004/23`, `2758 (XXVI)`) and the
 * title (group 3); or a Security Council's `第 1540 (2004) 号决议` (group 2: its number).
 */
const TITLE = /^(?:((?:ES-|S-)?[0-9]{1,4}\/[0-9]{1,4}|[0-9]{1,4}\s*[(（][IVXL]{1,8}[)）])\s*[.．]\s*(?=\S)|第\s*([0-9]{1,4}\s*[(（]\s*[0-9]{4}\s*[)）])\s*号决议\s*$)(.*)$/;
/** The adoption under a title: date (groups 1–3) and meeting (group 4), as CLOSING_LINE writes them. */
const ADOPTED_AT = /(?<![0-9０-９])([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日\s*\S{0,10}第\s*([0-9０-９]{1,5})\s*次(?:全体)?会议(?:[^，；。,;]{0,40}?)通过/;
/** The symbol of a resolution or a draft in a heading line: `A/RES/ES-11/1`, `S/RES/1540 (2004)`, `A/C.1/79/L.43`. */
const OWN_SYMBOL = /(?<![A-Za-z0-9/.])(A\/(?:HRC\/)?RES\/(?:ES-\d{1,2}|\d{1,4})\/\d{1,4}|S\/RES\/\d{1,4}\s?\(\d{4}\)|E\/RES\/\d{4}\/\d{1,4}|A\/(?:(?:C\.\d\/|HRC\/)?\d{1,3}|ES-\d{1,2})\/L\.\d{1,4}(?:\/Rev\.\d{1,2})?)(?![A-Za-z0-9])/;
/** First characters of an adoption line that is prose (startsWithProse): old-style numerals, a body's name. */
const PROSE_CLOSING_START = /^\s*[〇零一二三四五六七八九大安人理]/;
/** `注：`/`注:`: the footnotes of a web copy follow (group 1: the first of them, on the same line). */
const NOTES_HEADING = /^(\s*注\s*[：:]\s*)(.*)$/;
/** A footnote in a `注：` section: `1 见…`, `1. 见…`, `1、见…`. */
const NOTE_ITEM = /^(\s*)([0-9]{1,3})(?:\s*[.．、)）]\s*|[ \t\u3000]+)(?=\S)/;
/** Characters that make a line Chinese: CJK ideographs, CJK and full-width punctuation. */
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
/**
 * Two words of letters: `Recalling its resolution`, `Distr.: General`, not `A/79/408` or `Corr.2`.
 * A word is tried from its first letter only: tried from every letter, a long run of letters
 * with no second word (`A/aaaa…`) took quadratic time (48,000 letters: 4 s).
 */
const WORDS = /(?<!\p{L})\p{L}{2,}[^\p{L}]+\p{L}{2}/u;
const SUBPARAGRAPH = /^\s*(?:\(|（)?[a-z](?:\)|）)/;
const INDENTED = /^[ \t\u3000]/;

/** The line patterns not tried on a line that startsWithProse (exported for a test). */
export const NOT_PROSE: readonly RegExp[] = [
  URL_LINE, PAGE_HEADER, JOB_NUMBER, PAGE_OF, SEPARATOR, SPACE_SEPARATOR, BARE_NUMBER,
  MD_FOOTNOTE, OPERATIVE_NUMBER, SUBPARAGRAPH, /^\s*$/, COMMENT_LINE,
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

interface FootnoteDraft {
  number: number;
  numberSpan: Span;
  pieces: Span[];
  bodyStart?: number;
}

export function parseResolution(source: string): Resolution {
  return new Parser(source).parse();
}

/** A line in another language than Chinese: no CJK character, and words of letters. */
export function isForeignLine(t: string): boolean {
  return !CHINESE.test(t) && WORDS.test(t);
}

class Parser {
  /** The source with Traditional characters made Simplified, unit for unit: patterns are tried on it. */
  private readonly view: string;
  private readonly lines: Line[];
  private readonly layout: Layout;
  private region: 'heading' | 'body' | 'closing' = 'heading';
  private headingLines: { line: Line; kind: HeadingKind | 'title'; text: string; number?: string; numberInText?: boolean }[] = [];
  private opening?: Span;
  private paras: ParagraphDraft[] = [];
  private notes: FootnoteDraft[] = [];
  private closing: Closing = {};
  private organ?: Organ;
  private foreignLines = 0;
  private inFootnotes = false;
  /** In a `注：` section, where footnotes may be numbered `1.` as well. */
  private inNotes = false;
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
  /** The line being read was cut out of a flattened one. */
  private cut = false;

  constructor(private readonly source: string) {
    this.view = toSimplified(source);
    this.lines = splitFlattened(splitLines(this.view));
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
    this.cut = line.cut === true;
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
    const header = this.region !== 'heading' && !prose ? PAGE_HEADER.exec(t) : null;
    if (header || (this.region !== 'heading' && !prose && (JOB_NUMBER.test(t) || PAGE_OF.test(t)))) {
      this.pageHeaderSymbol ??= header?.[1];
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
    this.inNotes = false;
    if (!prose && isForeignLine(t)) {
      this.foreignLines++;
      return;
    }
    if (prose && this.region !== 'heading' && this.readNotesHeading(line)) return;

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

  /** `注：` opens a footnote section, perhaps with its first footnote on the same line. */
  private readNotesHeading(line: Line): boolean {
    const notes = line.text.charCodeAt(0) === 0x6ce8 || /^\s/.test(line.text) ? NOTES_HEADING.exec(line.text) : null;
    if (!notes) return false;
    this.inFootnotes = true;
    this.inNotes = true;
    this.blankBefore = false;
    const at = notes[1].length;
    if (notes[2].trim()) this.readFootnoteLine({ start: line.start + at, end: line.end, text: line.text.slice(at) });
    return true;
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
    const withText = (this.inNotes ? NOTE_ITEM : FOOTNOTE_WITH_TEXT).exec(t);
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
    const opening = OPENING.exec(t);
    // The General Assembly's may stand without its comma; another body's name alone is a page header.
    if (opening && (opening[2] || opening[1] === '大会')) {
      const s = line.start + t.indexOf(opening[1]);
      this.opening = { start: s, end: line.start + t.trimEnd().length };
      this.organ = ORGAN_OF[opening[1]];
      this.region = 'body';
      return;
    }
    const plain = stripHeadingMarks(t);
    const written = stripHeadingMarks(this.source.slice(line.start, line.end));
    const title = TITLE.exec(plain);
    if (title) {
      const text = title[3] ? written.slice(written.length - title[3].length).trim() : written;
      const number = (title[1] ?? title[2]).replace(/\s*[(（]\s*/, ' (').replace(/\s*[)）]$/, ')');
      this.headingLines.push({ line, kind: 'title', text, number, numberInText: title[2] !== undefined });
      return;
    }
    // No `大会，`: the body starts at the first paragraph-like line.
    if (OPERATIVE_NUMBER.test(t) || (matchVerb(plain) && !/决议草案\s*$/.test(plain))) {
      this.region = 'body';
      this.readBodyLine(line);
      return;
    }
    this.headingLines.push({ line, kind: headingKind(plain), text: written });
  }

  private readBodyLine(line: Line): void {
    const t = line.text;
    const prose = this.prose;
    // An adoption line follows a closed paragraph: `第 24 次会议` on a line of its own inside a
    // paragraph is a line break of a PDF, not the closing.
    const adoption = this.paras.length > 0 && (!prose || PROSE_CLOSING_START.test(t)) && isClosingLine(t);
    if (adoption && endsClosed(this.paragraphTail(this.paras[this.paras.length - 1]))) {
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
    // Cut out of a flattened line, it starts a paragraph as a typed line does, whatever the layout.
    switch (this.cut ? 'lines' : this.layout) {
      case 'pdf':
        return closed && INDENTED.test(t) && (verb || !afterMarker);
      case 'blocks':
        return (closed && (this.blankBefore || verb)) || (!closed && verb && this.blankBefore);
      case 'lines':
        return closed || verb;
    }
  }

  private readClosingLine(line: Line): void {
    const c = CLOSING_LINE.exec(line.text);
    if (!c) return;
    const date = c[1] ? dateFromGroups(c[1], c[2], c[3]) : undefined;
    if (date && !this.closing.date) {
      this.closing.date = date;
      this.closing.dateSpan = trimmedSpan(line, 0);
    }
    const meeting = c[4] ? numberValue(c[4]) : NaN;
    if (Number.isInteger(meeting) && this.closing.meeting === undefined) {
      this.closing.meeting = meeting;
      this.closing.meetingSpan = trimmedSpan(line, 0);
    }
  }

  /**
   * A Security Council resolution says when it was adopted under its title (`2004 年 4 月 28 日
   * 安全理事会第 4956 次会议通过`): that is its closing, unless one follows the text.
   */
  private adoptionInHeading(line: Line): void {
    const date = ADOPTED_AT.exec(line.text);
    if (!date || this.closing.date) return;
    const parsed = dateFromGroups(date[1], date[2], date[3]);
    if (!parsed) return;
    const span = trimmedSpan(line, 0);
    this.closing.date = parsed;
    this.closing.dateSpan = span;
    if (this.closing.meeting === undefined) {
      this.closing.meeting = numberValue(date[4]);
      this.closing.meetingSpan = span;
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

    const heading = this.buildHeading();
    this.singleOperative();
    const counters = { preambular: 0, operative: 0 };
    const from: ParagraphSource = { source: this.source, view: this.view, footnoteNumbers, organ: heading.organ };
    const all: Paragraph[] = this.paras.map((d) => new ParsedParagraph(d, ++counters[d.kind], from));
    return new ParsedResolution({
      source: this.source,
      organ: heading.organ,
      heading: heading.lines,
      title: heading.title,
      opening: this.opening,
      preambular: all.filter((p) => p.kind === 'preambular'),
      operative: all.filter((p) => p.kind === 'operative'),
      footnotes,
      closing: this.closing.date || this.closing.meeting !== undefined ? this.closing : undefined,
      symbol: heading.symbol ?? this.pageHeaderSymbol,
      foreignLines: this.foreignLines,
    });
  }

  /**
   * A resolution with one operative paragraph leaves it unnumbered (`决定：恢复……。`): with no
   * numbered paragraph, a last paragraph that closes the text with `。` or whose verb a colon
   * follows is operative.
   */
  private singleOperative(): void {
    const last = this.paras[this.paras.length - 1];
    if (!last || this.inOperative) return;
    const text = this.view.slice(last.pieces[0].start, last.pieces[last.pieces.length - 1].end).trim();
    const verb = matchVerb(text.replace(/^\*\*/, ''));
    const colon = verb !== undefined && /^(?:\*\*)?[：:]/.test(text.replace(/^\*\*/, '').slice(verb.length));
    if (colon || /[。.](?:\s*(?:<sup>\s*\d+\s*<\/sup>|\[\^\d+\]|[0-9]{1,2}))?$/.test(text)) last.kind = 'operative';
  }

  private buildHeading(): { lines: HeadingLine[]; title?: Title; symbol?: string; organ: Organ } {
    const lines: HeadingLine[] = [];
    let title: Title | undefined;
    let headingSymbol: string | undefined;
    for (const h of this.headingLines) {
      const span = trimmedSpan(h.line, 0);
      if (h.kind === 'title') {
        title = { number: h.number, text: h.text, span: textSpan(this.source, h.text, span), ...(h.numberInText ? { numberInText: true } : {}) };
        continue;
      }
      const text = h.kind === 'symbol' ? h.text.replace(/^联合国\s*/, '') : h.text;
      lines.push({ kind: h.kind, text, span, citations: [] });
      if (h.kind === 'symbol') headingSymbol ??= text;
      if (h.kind === 'adopted' || h.kind === 'other') this.adoptionInHeading(h.line);
    }
    // A heading flattened onto one line (`联合国 A/C.1/79/L.43 大会 Distr.: Limited …`) still names the document.
    for (const h of this.headingLines) {
      if (headingSymbol || h.kind !== 'other') continue;
      headingSymbol = OWN_SYMBOL.exec(toSimplified(h.text))?.[1].replace(/\s*\(/, ' (');
    }
    const organ = this.organ ?? organOfHeading(headingSymbol, title?.number, this.headingLines.map((h) => h.text));
    for (const l of lines) {
      l.citations = findCitations(sliceMapped(this.source, l.span.start, l.span.end), { organ }).filter((c) => l.kind !== 'symbol' || c.symbol !== l.text);
    }
    const symbol = title?.number ? resolutionSymbol(title.number, organ) : headingSymbol;
    if (!title) {
      // A draft's title stands alone: the last heading line that is not metadata.
      const i = findLastIndex(lines, (l) => l.kind === 'other');
      if (i >= 0) {
        const l = lines.splice(i, 1)[0];
        title = { text: l.text, span: textSpan(this.source, l.text, l.span), ...(l.citations.length ? { citations: l.citations } : {}) };
      }
    }
    return { lines, title, symbol, organ };
  }
}

function isClosingLine(t: string): boolean {
  const c = CLOSING_LINE.exec(t);
  return c !== null && (c[1] !== undefined || c[4] !== undefined);
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
  if (/^(?:大会|人权理事会|经济及社会理事会)?第.{1,6}届(?:(?:紧急)?特别|实质性|常会)?会议(?:续会)?$/.test(t)) return 'session';
  if (/^议程项目/.test(t)) return 'agenda';
  if (/(?:大会|理事会)决议$|通过的决议$|会议通过$/.test(t)) return 'adopted';
  if (/^[\[［].*[\]］]$/.test(t)) return 'report';
  if (/决议草案$/.test(t)) return 'sponsors';
  if (/^(?:联合国\s*)?[A-Z]{1,4}\/[A-Za-z0-9.\/-]+(?: ?\([0-9]{4}\))?$/.test(t)) return 'symbol';
  return 'other';
}

/** The body of a document without an opening that says it, from its heading. */
function organOfHeading(symbol: string | undefined, titleNumber: string | undefined, texts: string[]): Organ {
  if (symbol?.startsWith('S/') || (titleNumber && /\([0-9]{4}\)$/.test(titleNumber))) return 'SC';
  if (symbol?.startsWith('A/HRC/')) return 'HRC';
  if (symbol?.startsWith('E/') || (titleNumber && /^[0-9]{4}\//.test(titleNumber))) return 'ECOSOC';
  if (symbol) return 'GA';
  const named = texts.map((t) => /安全理事会|人权理事会|经济及社会理事会/.exec(toSimplified(t))?.[0]).find((n) => n !== undefined);
  return named ? ORGAN_OF[named] : 'GA';
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
