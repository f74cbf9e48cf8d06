// A draft compared with the resolution it updates, as plain data: what server/src/engine/compare
// makes, unres/compare sends (shared/protocol.ts) and the CLI and the VS Code view show. Pure,
// no import: the client reads it too.

/** How a paragraph changed. */
export type ParagraphClass = 'unchanged' | 'technical' | 'changed' | 'new' | 'dropped';

export type DiffOpName = 'equal' | 'insert' | 'delete';

/** A run of the edit script from the predecessor's text to the draft's. */
export interface DiffRun {
  op: DiffOpName;
  text: string;
}

/** A paragraph of the draft, as compared. */
export interface DraftParagraph {
  /** `PP3`, `OP5`. */
  label: string;
  /** The clean text (no operative number, footnote markers or line breaks). */
  text: string;
  /** Where it is in the draft's source. */
  span: { start: number; end: number };
  /** Length of its verb's 又/还 prefix (for the echo search). */
  verbPrefixLength?: number;
}

/** Where else a new paragraph's wording is found (the echo search). */
export interface EchoRef {
  symbol: string;
  file: string;
  paragraph: string;
  score: number;
}

export interface ComparedParagraph {
  cls: ParagraphClass;
  /** Absent for a dropped paragraph. `index`: position among the draft's paragraphs. */
  draft?: DraftParagraph & { index: number };
  /** Absent for a new paragraph. `index`: position among the predecessor's paragraphs. */
  predecessor?: { label: string; text: string; index: number };
  /**
   * From the predecessor's text to the draft's: its equal and delete runs spell the
   * predecessor's text, its equal and insert runs the draft's (one insert for a new paragraph,
   * one delete for a dropped one).
   */
  diff: DiffRun[];
  /** A paragraph taken from another place in the predecessor. */
  moved?: boolean;
  /** For a new paragraph: earlier wordings elsewhere in the corpus, best first. */
  echoes?: EchoRef[];
}

export interface ComparisonSummary {
  unchanged: number;
  technical: number;
  changed: number;
  new: number;
  dropped: number;
  /** Paired paragraphs (of any class) in another order than in the predecessor. */
  moved: number;
  draftParagraphs: number;
  predecessorParagraphs: number;
}

export interface Comparison {
  draft: { symbol?: string; title?: string };
  predecessor: { symbol: string; file: string; title?: string; reason: string };
  /**
   * The draft's paragraphs in order, a dropped one where it stood in the predecessor (after the
   * paragraphs that came before it there). A moved paragraph is at its place in the draft.
   */
  rows: ComparedParagraph[];
  summary: ComparisonSummary;
  /** Only technical updates: no paragraph changed, new, dropped or moved. */
  technicalUpdate: boolean;
}

/** `A/RES/72/57` → `72/57`, for short labels. */
export function shortSymbol(symbol: string): string {
  return symbol.replace(/^A\/RES\//i, '');
}

/** PP4 → 序言部分第 4 段, OP3 → 执行部分第 3 段. */
export function chineseLabel(label: string): string {
  const m = /^(PP|OP)(\d+)$/.exec(label);
  if (!m) return label;
  return `${m[1] === 'PP' ? '序言部分' : '执行部分'}第 ${m[2]} 段`;
}
