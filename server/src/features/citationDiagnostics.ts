// Citation checks: adoption dates against what the corpus knows, the house style of a citation
// (`2023 年 12 月 4 日第 78/46 号决议`), and footnotes that are referenced but missing or
// written but never referenced.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Corpus } from '../engine/corpus';
import { formatDate, sameDate } from '../engine/dates';
import { Citation, Paragraph, Span, paragraphs } from '../engine/model';
import { DraftDocument } from './document';
import { selfInCorpus } from './echo';
import { Finding, finding } from './findings';
import { SpanFilter } from './structureDiagnostics';

export const DATE_MISSING = 'citation-date-missing';
export const DATE_WRONG = 'citation-date-wrong';
export const CITATION_STYLE = 'citation-style';
export const FOOTNOTE_MISSING = 'footnote-missing';
export const FOOTNOTE_UNUSED = 'footnote-unused';

/**
 * `ready`: the corpus is loaded (its snapshot's word; a half-loaded one gives no date findings).
 * `only`: the paragraphs and footnotes reported on.
 */
export function citationFindings(doc: DraftDocument, corpus: Corpus, ready: boolean, only: SpanFilter = () => true): Finding[] {
  const excluded = selfInCorpus(doc, corpus);
  return [
    ...(ready ? dateFindings(doc, corpus, excluded, only) : []),
    ...styleFindings(doc, only),
    ...footnoteFindings(doc, only),
  ];
}

/** Resolution citations in the paragraphs (not footnotes, not the heading), in order. */
function bodyResolutionCitations(doc: DraftDocument): Citation[] {
  return paragraphs(doc.resolution).flatMap((p) => p.citations.filter((c) => c.kind === 'resolution'));
}

/**
 * A half-loaded corpus may not hold the cited resolution itself, whose date outweighs how others
 * cite it: the dates are checked once it is loaded (the server checks again then).
 * A wrong date is always reported. A missing one only at the first mention of a resolution
 * that is never cited with its date in the draft: the style gives the date once.
 */
function dateFindings(doc: DraftDocument, corpus: Corpus, excluded: ReadonlySet<string>, only: SpanFilter): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const dated = new Set(bodyResolutionCitations(doc).filter((c) => c.date).map((c) => c.symbol));
  for (const p of paragraphs(doc.resolution)) {
    for (const c of p.citations) {
      if (c.kind !== 'resolution') continue;
      const first = !seen.has(c.symbol);
      seen.add(c.symbol);
      const f = only(p) ? dateFinding(doc, c, corpus, excluded, first && !dated.has(c.symbol)) : undefined;
      if (f) out.push(f);
    }
  }
  return out;
}

/** The date finding of one citation, if any; `firstUndated`: the first mention of a resolution the draft never dates. */
function dateFinding(doc: DraftDocument, c: Citation, corpus: Corpus, excluded: ReadonlySet<string>, firstUndated: boolean): Finding | undefined {
  const known = corpus.knownDate(c.symbol, excluded);
  if (!known) return undefined;
  const witness = known.source === 'own' ? known.witnesses[0] : known.witnesses.join(', ');
  const want = formatDate(known.date);
  if (c.date && c.dateSpan && !sameDate(c.date, known.date)) {
    return finding(doc, c.dateSpan, DATE_WRONG, DiagnosticSeverity.Warning,
      `${c.symbol} 的通过日期应为 ${want}（据 ${witness}） / ${c.symbol} was adopted on ${want} (per ${witness})`,
      [{ title: `改为 ${want} / Change the date to ${want}`, edits: [{ span: c.dateSpan, newText: want }], preferred: true }],
      { symbol: c.symbol, expected: want });
  }
  if (c.date || !firstUndated || isLiteralSymbol(c)) return undefined;
  const at = c.span.start;
  // `回顾其第` → `回顾其 2016 年 12 月 5 日第`: a space between a Chinese character and a digit.
  const newText = /[\u3400-\u9fff]/.test(doc.text[at - 1] ?? '') ? ` ${want}` : want;
  return finding(doc, c.numberSpan, DATE_MISSING, DiagnosticSeverity.Warning,
    `首次引用 ${c.symbol} 应注明通过日期 ${want} / First citation of ${c.symbol}: give its adoption date, ${want}`,
    [{ title: `插入日期 ${want} / Insert the date ${want}`, edits: [{ span: { start: at, end: at }, newText }], preferred: true }],
    { symbol: c.symbol, expected: want });
}

/**
 * `第 78/46 号决议`: 第, a space, the number, a space, 号; a date as `2023 年 12 月 4 日`.
 * A symbol such as `A/RES/78/46` inside Chinese text is written as `第 78/46 号决议`.
 */
function styleFindings(doc: DraftDocument, only: SpanFilter): Finding[] {
  const out: Finding[] = [];
  for (const p of paragraphs(doc.resolution)) {
    if (!only(p)) continue;
    for (const c of p.citations) {
      if (c.kind === 'document') continue;
      if (isLiteralSymbol(c)) {
        if (inChineseText(p, c)) out.push(literalFinding(doc, c));
        continue;
      }
      const want = canonicalCitation(c);
      if (want === c.text) continue;
      const withoutDi = !/^(?:.*日)?\s*第/.test(c.text);
      const source = doc.text.slice(c.span.start, c.span.end);
      // A citation wrapped over two lines is reported, but not rewritten across the break.
      const fixes = /[\r\n]/.test(source)
        ? []
        : [{ title: `改为“${want}” / Write it as “${want}”`, edits: [{ span: withSpacesAround(doc.text, c.span, { left: withoutDi && !c.date, right: false }), newText: want }], preferred: true }];
      out.push(
        finding(doc, c.span, CITATION_STYLE, withoutDi ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
          withoutDi
            ? `引用格式应为“${want}”（缺少“第”） / Write the citation as “${want}” (“第” is missing)`
            : `引用格式应为“${want}”（空格或全角字符） / Write the citation as “${want}” (spacing or full-width characters)`,
          fixes, { expected: want }),
      );
    }
  }
  return out;
}

/** `A/RES/78/46` written as a symbol rather than as `第 78/46 号决议`. */
function isLiteralSymbol(c: Citation): boolean {
  return /^A\/(RES|DEC)\//.test(c.text);
}

/** The house form of a citation as far as its own span reaches (a list member stops at 号). */
export function canonicalCitation(c: Citation): string {
  const date = c.date ? formatDate(c.date) : '';
  const word = /决议$/.test(c.text) ? '决议' : /决定$/.test(c.text) ? '决定' : '';
  return `${date}第 ${c.number} 号${word}`;
}

function inChineseText(p: Paragraph, c: Citation): boolean {
  const t = p.body.text;
  const i = p.body.offsets.indexOf(c.span.start);
  const j = p.body.offsets.indexOf(c.span.end - 1);
  const near = `${t.slice(Math.max(0, i - 2), i)}${t.slice(j + 1, j + 3)}`;
  return /[\u3400-\u9fff]/.test(near);
}

/**
 * The span widened over the spaces that set it apart from Chinese text, which the house form
 * does not have before 第 or after 决议: `见 A/RES/78/46。` → `见第 78/46 号决议。`.
 */
function withSpacesAround(text: string, span: Span, sides: { left: boolean; right: boolean }): Span {
  const out = { ...span };
  const cjk = /[\u3400-\u9fff，；。、（）]/;
  if (sides.left) while (out.start > 1 && /[ \u3000]/.test(text[out.start - 1]) && cjk.test(text[out.start - 2])) out.start--;
  if (sides.right) while (/[ \u3000]/.test(text[out.end] ?? '') && cjk.test(text[out.end + 1] ?? '')) out.end++;
  return out;
}

/** `见 A/RES/78/46。` → `见第 78/46 号决议。`: the spaces that set the symbol apart go too. */
function literalFinding(doc: DraftDocument, c: Citation): Finding {
  const word = c.symbol.startsWith('A/DEC/') ? '决定' : '决议';
  const want = `第 ${c.number} 号${word}`;
  return finding(doc, c.span, CITATION_STYLE, DiagnosticSeverity.Warning,
    `中文行文中应写作“${want}” / In Chinese text, write “${want}” rather than ${c.symbol}`,
    [{ title: `改为“${want}” / Write it as “${want}”`, edits: [{ span: withSpacesAround(doc.text, c.span, { left: true, right: true }), newText: want }], preferred: true }],
    { expected: want });
}

function footnoteFindings(doc: DraftDocument, only: SpanFilter): Finding[] {
  const out: Finding[] = [];
  const res = doc.resolution;
  const written = new Set(res.footnotes.map((f) => f.number));
  const referenced = new Set<number>();
  for (const p of paragraphs(res)) {
    for (const r of p.footnoteRefs) {
      referenced.add(r.number);
      if (written.has(r.number) || !only(p)) continue;
      out.push(
        finding(doc, r.span, FOOTNOTE_MISSING, DiagnosticSeverity.Warning,
          `脚注 ${r.number} 不存在 / Footnote ${r.number} is referenced here but not written`, [], { number: r.number }),
      );
    }
  }
  for (const f of res.footnotes) {
    if (referenced.has(f.number) || !only(f)) continue;
    const lineEnd = doc.text.slice(f.span.start, f.span.end).search(/[\r\n]/);
    const end = lineEnd < 0 ? f.span.end : f.span.start + lineEnd;
    out.push(
      finding(doc, { start: f.span.start, end }, FOOTNOTE_UNUSED, DiagnosticSeverity.Warning,
        `脚注 ${f.number} 在正文中未被引用 / Footnote ${f.number} is never referenced in the text`, [], { number: f.number }),
    );
  }
  return out;
}
