// The resolution model: what the parser makes of a text. Data, no LSP types; the parser's
// paragraphs assemble their text on first use (parsed.ts), which a reader does not see.
//
// Every offset is a UTF-16 code-unit offset into the source text (a JS string index),
// which is also what LSP positions count. Ends are exclusive.

export interface Span {
  start: number;
  end: number;
}

/**
 * A cleaned piece of text (line breaks, Markdown emphasis and footnote markers removed)
 * with, for each of its UTF-16 units, the source offset it came from, so that anything
 * found in the clean text can be mapped back to a source range.
 */
export interface MappedText {
  text: string;
  /** offsets[i] = source offset of text[i]; offsets.length === text.length */
  offsets: number[];
}

export interface AdoptionDate {
  year: number;
  month: number;
  day: number;
}

export type CitationKind = 'resolution' | 'decision' | 'document';

export interface Citation {
  kind: CitationKind;
  /**
   * Canonical document symbol: `A/RES/78/46`, `A/RES/56/24 V`... for resolutions,
   * `A/DEC/60/519` for decisions, the symbol itself (`A/CONF.192/15`) for documents.
   */
  symbol: string;
  /** Session/number as cited, e.g. `78/46`, `56/24 V`, `60/519`; for documents the symbol. */
  number: string;
  /** The whole citation, e.g. `2023 年 12 月 4 日第 78/46 号决议` or just `A/79/77`. */
  span: Span;
  /** The number itself (`78/46`, `56/24 V`) or the document symbol. */
  numberSpan: Span;
  /** Adoption date written with the citation, if any. */
  date?: AdoptionDate;
  dateSpan?: Span;
  /**
   * Which of several resolutions cited together this is (`第 56/24 V 号、第 57/72 号和第 60/81 号决议`):
   * the group span covers the whole list; all members share it.
   */
  groupSpan?: Span;
  /** The citation as it reads in the clean text (line breaks and markers removed). */
  text: string;
}

export type ParagraphKind = 'preambular' | 'operative';

export interface Verb {
  /** As written, e.g. `又强调`, `满意地注意到`. */
  text: string;
  /** Without the 又/还/并/继续/再次 prefix, e.g. `强调`. */
  base: string;
  /** The prefix, '' when none. */
  prefix: string;
  span: Span;
}

export interface FootnoteRef {
  number: number;
  span: Span;
}

export interface Paragraph {
  kind: ParagraphKind;
  /** 1-based position within its part (PP n / the n-th operative paragraph). */
  index: number;
  /** The printed operative number, when there is one. */
  number?: number;
  numberSpan?: Span;
  /** `PP4`, `OP3` (operative label uses the printed number when there is one). */
  label: string;
  /** From the first to the last character of the paragraph in the source (may enclose a footnote block). */
  span: Span;
  /** The source pieces that make the paragraph (a footnote block can split it). */
  pieces: Span[];
  /** Clean text, without the operative number, markers, Markdown or line breaks. */
  body: MappedText;
  verb?: Verb;
  /** The closing punctuation (`，`, `；`, `。`, or half-width), if the paragraph ends with one. */
  ending?: { char: string; offset: number };
  footnoteRefs: FootnoteRef[];
  citations: Citation[];
}

export interface Footnote {
  number: number;
  span: Span;
  body: MappedText;
  citations: Citation[];
}

export type HeadingKind = 'session' | 'agenda' | 'adopted' | 'report' | 'sponsors' | 'symbol' | 'other';

export interface HeadingLine {
  kind: HeadingKind;
  text: string;
  span: Span;
  /** The documents the line cites (a `symbol` line's own symbol is not one). */
  citations: Citation[];
}

export interface Title {
  /** `72/57` when the title line carries the resolution number. */
  number?: string;
  /** The number is part of the title's text: a Security Council's `第 1540 (2004) 号决议`. */
  numberInText?: boolean;
  text: string;
  span: Span;
  /** What a draft's title (a heading line, not a resolution's numbered title) cites. */
  citations?: Citation[];
}

export interface Closing {
  date?: AdoptionDate;
  dateSpan?: Span;
  meeting?: number;
  meetingSpan?: Span;
}

/**
 * The body whose resolution this is: the General Assembly (its emergency special sessions too),
 * the Security Council, the Human Rights Council, the Economic and Social Council.
 */
export type Organ = 'GA' | 'SC' | 'HRC' | 'ECOSOC';

export interface Resolution {
  source: string;
  /** From the opening (`安全理事会，`), else the heading's symbol (`A/HRC/…`); `GA` when neither says. */
  organ: Organ;
  heading: HeadingLine[];
  title?: Title;
  /** `大会，`, `安全理事会，`… */
  opening?: Span;
  preambular: Paragraph[];
  operative: Paragraph[];
  footnotes: Footnote[];
  closing?: Closing;
  /**
   * The body's symbol from the title number (`A/RES/72/57`, `A/RES/ES-11/1`, `A/HRC/RES/35/3`,
   * `E/RES/2004/23`, `S/RES/1540 (2004)`, `A/RES/2758 (XXVI)`), or a draft symbol such as
   * `A/C.1/79/L.43` from the heading.
   */
  symbol?: string;
  /** Lines left out as another language than Chinese (`Recalling its resolution…`, `Distr.: General`). */
  foreignLines: number;
  /**
   * Every citation in the document, in source order (paragraphs, footnotes, heading). Reading it
   * assembles every paragraph: citationsInOrder and citationAt read only as far as they need.
   */
  citations: Citation[];
}

export function paragraphs(res: Resolution): Paragraph[] {
  return [...res.preambular, ...res.operative];
}

/** What cites: a heading line, a paragraph, a footnote; its citations lie within its span. */
interface Citing {
  span: Span;
  citations: Citation[];
}

function citingParts(res: Resolution): Citing[] {
  // Each list is in source order already: the sort only merges them.
  const title = res.title?.citations?.length ? [{ span: res.title.span, citations: res.title.citations }] : [];
  return [...title, ...res.heading, ...res.preambular, ...res.operative, ...res.footnotes].sort((a, b) => a.span.start - b.span.start);
}

/**
 * The document's citations in source order, the paragraphs read (and assembled) only as far as
 * the caller iterates. A footnote block may stand inside a paragraph (a PDF's page foot), so a
 * citation waits until no later part can start before it.
 */
export function* citationsInOrder(res: Resolution): Generator<Citation, void, undefined> {
  const waiting: Citation[] = [];
  for (const part of citingParts(res)) {
    // Every citation still to come starts at or after part.span.start.
    while (waiting.length && waiting[0].span.start < part.span.start) yield waiting.shift()!;
    if (part.citations.length === 0) continue;
    waiting.push(...part.citations);
    waiting.sort((a, b) => a.span.start - b.span.start);
  }
  yield* waiting;
}

/** The citation at source offset `offset`, read from the parts there only. */
export function citationAt(res: Resolution, offset: number): Citation | undefined {
  for (const part of citingParts(res)) {
    if (part.span.start > offset) break;
    if (offset >= part.span.end) continue;
    const c = part.citations.find((c) => c.span.start <= offset && offset < c.span.end);
    if (c) return c;
  }
  return undefined;
}
