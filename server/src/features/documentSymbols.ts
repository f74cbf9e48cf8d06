// Outline: title, preamble and operative part with one symbol per paragraph, footnotes, closing.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { Paragraph, Span } from '../engine/model';
import { DraftDocument, toRange } from './document';

/** How much of a paragraph's text names it in the outline. */
const NAME_CHARS = 24;

/**
 * Paragraphs listed per part; the rest are one entry. A pasted 100,000-line text would otherwise
 * get an outline of 21 MB (seconds to send and read, and no editor shows it usefully), as
 * diagnostics are capped at MAX_DIAGNOSTICS.
 */
const MAX_PARAGRAPH_SYMBOLS = 5000;

export function getDocumentSymbols(doc: DraftDocument): DocumentSymbol[] {
  const res = doc.resolution;
  const out: DocumentSymbol[] = [];
  if (res.title) {
    const name = res.title.number && !res.title.numberInText ? `${res.title.number}. ${res.title.text}` : res.title.text;
    out.push(symbol(doc, name, SymbolKind.File, res.title.span, res.title.span, res.symbol));
  }
  const part = (name: string, paras: Paragraph[], from?: Span) => {
    if (paras.length === 0) return;
    const last = paras[paras.length - 1].span;
    const range = { start: (from ?? paras[0].span).start, end: last.end };
    const s = symbol(doc, `${name} (${paras.length})`, SymbolKind.Namespace, range, from ?? paras[0].span);
    s.children = paras.slice(0, MAX_PARAGRAPH_SYMBOLS).map((p) => paragraphSymbol(doc, p));
    if (paras.length > MAX_PARAGRAPH_SYMBOLS) {
      const rest = paras.length - MAX_PARAGRAPH_SYMBOLS;
      const more = { start: paras[MAX_PARAGRAPH_SYMBOLS].span.start, end: last.end };
      s.children.push(symbol(doc, `… 另有 ${rest} 段 ${rest} more paragraphs`, SymbolKind.Field, more, { start: more.start, end: more.start }));
    }
    out.push(s);
  };
  part('序言部分 Preamble', res.preambular, res.opening);
  part('执行部分 Operative', res.operative);
  if (res.footnotes.length) {
    const notes = res.footnotes.map((f) =>
      symbol(doc, `脚注 ${f.number} ${shorten(f.body.text)}`, SymbolKind.Constant, f.span, f.span),
    );
    const range = { start: res.footnotes[0].span.start, end: res.footnotes[res.footnotes.length - 1].span.end };
    // Footnotes printed at the foot of each page sit between paragraphs: a group around them all
    // would overlap the two parts, so they are listed one by one instead.
    const interleaved = [...res.preambular, ...res.operative].some((p) => p.span.start > range.start && p.span.start < range.end);
    if (interleaved) out.push(...notes);
    else {
      const s = symbol(doc, `脚注 Footnotes (${notes.length})`, SymbolKind.Namespace, range, res.footnotes[0].span);
      s.children = notes;
      out.push(s);
    }
  }
  const c = res.closing;
  const closingSpans = [c?.dateSpan, c?.meetingSpan].filter((s): s is Span => s !== undefined);
  if (closingSpans.length) {
    const range = { start: closingSpans[0].start, end: closingSpans[closingSpans.length - 1].end };
    const name = closingSpans.map((s) => doc.text.slice(s.start, s.end)).join(' ');
    out.push(symbol(doc, name, SymbolKind.Event, range, closingSpans[0]));
  }
  return out;
}

function paragraphSymbol(doc: DraftDocument, p: Paragraph): DocumentSymbol {
  const selection = p.verb?.span ?? p.numberSpan ?? { start: p.span.start, end: p.span.start };
  return symbol(doc, `${p.label} ${shorten(p.body.text)}`, SymbolKind.Field, p.span, selection);
}

function symbol(doc: DraftDocument, name: string, kind: SymbolKind, range: Span, selection: Span, detail?: string): DocumentSymbol {
  return {
    name: name.trim() || '…',
    detail,
    kind,
    range: toRange(doc, range),
    selectionRange: toRange(doc, selection),
  };
}

/** The start of a text for an outline name, cut at a character boundary (never inside a surrogate pair). */
export function shorten(text: string, max = NAME_CHARS): string {
  // Code points are read only as far as the name goes: a paragraph may be megabytes long.
  const chars: string[] = [];
  for (const c of text) {
    if (chars.length === max) return chars.join('') + '…';
    chars.push(c);
  }
  return text;
}
