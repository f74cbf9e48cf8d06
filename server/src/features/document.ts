// A draft as the language features see it: its text, its parsed model and its line index.
import { Range } from 'vscode-languageserver-types';
import { LineIndex } from '../engine/lines';
import { Resolution, Span } from '../engine/model';
import { parseResolution } from '../engine/parse';

export interface DraftDocument {
  uri: string;
  version: number;
  text: string;
  resolution: Resolution;
  lines: LineIndex;
}

/**
 * Asked between paragraphs of a long computation: true means give up now and return what is
 * done (the request was cancelled, or its time is up). A plain callback, so that the features
 * and the engine know nothing of LSP cancellation tokens.
 */
export type ShouldStop = () => boolean;

/** Never stops. */
export const NEVER_STOP: ShouldStop = () => false;

export function parseDraft(uri: string, version: number, text: string): DraftDocument {
  return { uri, version, text, resolution: parseResolution(text), lines: new LineIndex(text) };
}

/** Source span → LSP range (UTF-16 positions, which is what offsets into a JS string are). */
export function toRange(doc: DraftDocument, span: Span): Range {
  return { start: doc.lines.positionAt(span.start), end: doc.lines.positionAt(span.end) };
}
