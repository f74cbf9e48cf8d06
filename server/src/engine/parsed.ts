// What the parser gives: a paragraph whose position is known at once and whose clean text (and
// what is read from it: verb, closing punctuation, footnote markers, citations) is assembled on
// first use, and a resolution whose list of every citation is made on first use. A 100,000-
// paragraph draft is parsed in a third of the time the assembly of every paragraph takes, so
// that its outline does not wait for it; its checks assemble the paragraphs in slices, between
// which requests are answered.
import { Citation, Closing, Footnote, FootnoteRef, HeadingLine, MappedText, Organ, Paragraph, ParagraphKind, Resolution, Span, Title, Verb, citationsInOrder } from './model';
import { assembleText, closesAt } from './cleanText';
import { findCitations } from './citations';
import { mapSpan } from './mapped';
import { matchVerb } from './verbs';
import { toSimplified } from './script';

/** What every paragraph of one parse shares for its assembly. */
export interface ParagraphSource {
  source: string;
  /** The source's Simplified form (engine/script.ts), where markers and verbs are looked for. */
  view: string;
  /** The document's footnote numbers: a number glued to the text is a marker only if one exists. */
  footnoteNumbers: Set<number>;
  organ: Organ;
}

/** A paragraph before assembly: what the parser collected line by line. */
export interface ParagraphDraft {
  kind: ParagraphKind;
  pieces: Span[];
  number?: number;
  numberSpan?: Span;
  bareRefs: FootnoteRef[];
  /** Source offset where the body starts (after the operative number). */
  bodyStart: number;
}

/** What a paragraph reads from its clean text, made at once. */
type Assembled = Pick<Paragraph, 'body' | 'verb' | 'ending' | 'footnoteRefs' | 'citations'>;

export class ParsedParagraph implements Paragraph {
  readonly kind: ParagraphKind;
  readonly index: number;
  readonly number?: number;
  readonly numberSpan?: Span;
  readonly label: string;
  readonly span: Span;
  readonly pieces: Span[];
  // Private fields: not own properties, so a paragraph compares (assert.deepStrictEqual) and
  // copies as its public fields whether or not it has been assembled.
  readonly #draft: ParagraphDraft;
  readonly #from: ParagraphSource;
  #assembled?: Assembled;

  constructor(draft: ParagraphDraft, index: number, from: ParagraphSource) {
    this.#draft = draft;
    this.#from = from;
    this.kind = draft.kind;
    this.index = index;
    this.number = draft.number;
    this.numberSpan = draft.numberSpan;
    this.label = draft.kind === 'preambular' ? `PP${index}` : `OP${draft.number ?? index}`;
    this.pieces = draft.pieces;
    // Markers glued to the text lie inside the pieces: only a marker on a line of its own (a
    // PDF's) may end the paragraph after its last piece.
    let end = draft.pieces[draft.pieces.length - 1].end;
    for (const r of draft.bareRefs) end = Math.max(end, r.span.end);
    this.span = { start: draft.pieces[0].start, end };
  }

  get body(): MappedText {
    return this.assembled().body;
  }

  get verb(): Verb | undefined {
    return this.assembled().verb;
  }

  get ending(): { char: string; offset: number } | undefined {
    return this.assembled().ending;
  }

  get footnoteRefs(): FootnoteRef[] {
    return this.assembled().footnoteRefs;
  }

  get citations(): Citation[] {
    return this.assembled().citations;
  }

  /** The clean text and what is read from it, assembled now if not yet. */
  assembled(): Assembled {
    return (this.#assembled ??= assemble(this.#draft, this.#from));
  }
}

/**
 * Assembles a paragraph's clean text now rather than at first use (nothing to do for one
 * assembled already, or one not made by the parser): a long draft's checks do it in slices.
 */
export function assembleNow(p: Paragraph): void {
  if (p instanceof ParsedParagraph) p.assembled();
}

function assemble(d: ParagraphDraft, from: ParagraphSource): Assembled {
  const refs: FootnoteRef[] = [...d.bareRefs];
  const body = assembleText(from.source, d.pieces, d.bodyStart, from.footnoteNumbers, refs, from.view);
  refs.sort((a, b) => a.span.start - b.span.start);
  // Verbs are matched on the Simplified form (回顧 is 回顾; 還 is the prefix 还).
  const vm = matchVerb(toSimplified(body.text.slice(0, 16)));
  const lastChar = body.text[body.text.length - 1];
  return {
    body,
    verb: vm && { text: body.text.slice(0, vm.length), base: vm.base, prefix: vm.prefix, span: mapSpan(body, 0, vm.length) },
    ending: lastChar && closesAt(body.text, body.text.length - 1) ? { char: lastChar, offset: body.offsets[body.text.length - 1] } : undefined,
    footnoteRefs: refs,
    citations: findCitations(body, { organ: from.organ }),
  };
}

/**
 * A resolution as parsed. A class: an object literal with a getter in its place made parsing a
 * corpus collect garbage 7× as long (each parse's objects outlived the young generation).
 */
export class ParsedResolution implements Resolution {
  readonly source: string;
  readonly organ: Organ;
  readonly heading: HeadingLine[];
  readonly title?: Title;
  readonly opening?: Span;
  readonly preambular: Paragraph[];
  readonly operative: Paragraph[];
  readonly footnotes: Footnote[];
  readonly closing?: Closing;
  readonly symbol?: string;
  readonly foreignLines: number;
  #citations?: Citation[];

  constructor(parts: Omit<Resolution, 'citations'>) {
    this.source = parts.source;
    this.organ = parts.organ;
    this.heading = parts.heading;
    this.title = parts.title;
    this.opening = parts.opening;
    this.preambular = parts.preambular;
    this.operative = parts.operative;
    this.footnotes = parts.footnotes;
    this.closing = parts.closing;
    this.symbol = parts.symbol;
    this.foreignLines = parts.foreignLines;
  }

  /** Read from every paragraph, which assembles them all: not before somebody asks. */
  get citations(): Citation[] {
    return (this.#citations ??= [...citationsInOrder(this)]);
  }
}
