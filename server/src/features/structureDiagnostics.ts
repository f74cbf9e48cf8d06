// Structure checks: operative numbering, the punctuation that closes each paragraph, and the
// 又/还 convention for a verb repeated from the paragraph before.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Paragraph } from '../engine/model';
import { expectedRepeatPrefix } from '../engine/verbs';
import { DraftDocument } from './document';
import { Finding, Fix, finding } from './findings';

export const NUMBERING = 'numbering';
export const PUNCTUATION = 'punctuation';
export const VERB_PREFIX = 'verb-prefix';

export function structureFindings(doc: DraftDocument): Finding[] {
  return [...numberingFindings(doc), ...punctuationFindings(doc), ...verbPrefixFindings(doc)];
}

/** Reports where the numbering breaks (not every paragraph after an insertion); the fix renumbers the whole part. */
export function numberingFindings(doc: DraftDocument): Finding[] {
  const ops = doc.resolution.operative;
  const fix = renumberFix(ops);
  const out: Finding[] = [];
  ops.forEach((p, i) => {
    const prev = ops[i - 1];
    const expected = prev?.number !== undefined ? prev.number + 1 : i + 1;
    if (p.number === undefined) {
      out.push(
        finding(doc, { start: p.span.start, end: p.verb?.span.end ?? p.span.start }, NUMBERING, DiagnosticSeverity.Warning,
          `执行部分段落缺少编号 / Operative paragraph without a number`, [fix], { expected: i + 1 }),
      );
      return;
    }
    if (p.number === expected) return;
    const message =
      prev?.number === p.number
        ? `编号 ${p.number} 重复 / Operative number ${p.number} is repeated`
        : `编号 ${p.number} 不连续，应为 ${expected} / Operative number ${p.number} breaks the sequence; expected ${expected}`;
    out.push(finding(doc, p.numberSpan!, NUMBERING, DiagnosticSeverity.Warning, message, [fix], { expected }));
  });
  return out;
}

/** Numbers the operative paragraphs 1, 2, 3…: edits only the numbers that differ, and adds the missing ones. */
export function renumberFix(ops: Paragraph[]): Fix {
  const edits = ops.flatMap((p, i) => {
    const want = String(i + 1);
    if (p.number === undefined) return [{ span: { start: p.span.start, end: p.span.start }, newText: `${want}. ` }];
    return p.number === i + 1 ? [] : [{ span: p.numberSpan!, newText: want }];
  });
  return { title: '重新编号执行部分 / Renumber the operative paragraphs', edits, preferred: true };
}

/** The punctuation a paragraph should close with: ， in the preamble, ； in the operative part, 。 at the very end. */
export function expectedEnding(doc: DraftDocument, p: Paragraph): string {
  if (p.kind === 'preambular') return '，';
  const ops = doc.resolution.operative;
  return p === ops[ops.length - 1] ? '。' : '；';
}

export function punctuationFindings(doc: DraftDocument): Finding[] {
  const out: Finding[] = [];
  for (const p of [...doc.resolution.preambular, ...doc.resolution.operative]) {
    if (p.body.text.length === 0) continue;
    const want = expectedEnding(doc, p);
    if (!p.ending) {
      const after = p.body.offsets[p.body.text.length - 1] + 1;
      // The last character, both halves of a surrogate pair (𠀋), not half of one.
      const pair = after >= 2 && /[\uDC00-\uDFFF]/.test(doc.text[after - 1]) && /[\uD800-\uDBFF]/.test(doc.text[after - 2]);
      out.push(
        finding(doc, { start: after - (pair ? 2 : 1), end: after }, PUNCTUATION, DiagnosticSeverity.Warning,
          `${p.label} 段末缺少“${want}” / ${p.label} should end with “${want}”`,
          [{ title: `补上“${want}” / Add “${want}”`, edits: [{ span: { start: after, end: after }, newText: want }], preferred: true }],
          { expected: want }),
      );
    } else if (p.ending.char !== want) {
      const span = { start: p.ending.offset, end: p.ending.offset + 1 };
      out.push(
        finding(doc, span, PUNCTUATION, DiagnosticSeverity.Warning,
          `${p.label} 段末应为“${want}”而非“${p.ending.char}” / ${p.label} should end with “${want}”, not “${p.ending.char}”`,
          [{ title: `改为“${want}” / Change to “${want}”`, edits: [{ span, newText: want }], preferred: true }],
          { expected: want }),
      );
    }
  }
  return out;
}

/**
 * 决定 … 又决定 … 还决定: a paragraph opening with the same verb as the one before it takes 又,
 * the next 还. Real resolutions do not always follow it, so this is information, not a warning.
 */
export function verbPrefixFindings(doc: DraftDocument): Finding[] {
  const out: Finding[] = [];
  for (const part of [doc.resolution.preambular, doc.resolution.operative]) {
    let run = 0;
    part.forEach((p, i) => {
      const prevBase = part[i - 1]?.verb?.base;
      run = p.verb && prevBase === p.verb.base ? run + 1 : 0;
      if (!p.verb || run === 0 || p.verb.prefix !== '') return;
      const prefix = expectedRepeatPrefix(run);
      const at = p.verb.span.start;
      out.push(
        finding(doc, p.verb.span, VERB_PREFIX, DiagnosticSeverity.Information,
          `前段已用“${part[i - 1].verb!.text}”，按惯例此处用“${prefix}${p.verb.text}” / The paragraph before opens with the same verb: write “${prefix}${p.verb.text}”`,
          [{ title: `加上“${prefix}” → ${prefix}${p.verb.text} / Add “${prefix}”`, edits: [{ span: { start: at, end: at }, newText: prefix }], preferred: true }],
          { prefix }),
      );
    });
  }
  return out;
}
