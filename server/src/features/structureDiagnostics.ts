// Structure checks: operative numbering, the punctuation that closes each paragraph, the
// 又/还 convention for a verb repeated from the paragraph before, brackets left open or closed
// twice within a paragraph, and whether anything was recognised at all (recognition.ts).
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Paragraph, Span } from '../engine/model';
import { toSimplified } from '../engine/script';
import { expectedRepeatPrefix } from '../engine/verbs';
import { DraftDocument } from './document';
import { Finding, Fix, finding } from './findings';
import { recognitionFindings } from './recognition';

export const NUMBERING = 'numbering';
export const PUNCTUATION = 'punctuation';
export const VERB_PREFIX = 'verb-prefix';
export const BRACKETS = 'brackets';

/**
 * Which paragraphs (and footnotes) a check reports on, by their span: a code action's, those its
 * range touches; a slice of a long check's, those starting in it. The others are still read where
 * a finding depends on them (the number or verb of the paragraph before).
 */
export type SpanFilter = (thing: { span: Span }) => boolean;

const EVERY_PARAGRAPH: SpanFilter = () => true;

export function structureFindings(doc: DraftDocument, only = EVERY_PARAGRAPH): Finding[] {
  return [...recognitionFindings(doc), ...numberingFindings(doc, only), ...punctuationFindings(doc, only), ...verbPrefixFindings(doc, only), ...bracketFindings(doc, only)];
}

/** Reports where the numbering breaks (not every paragraph after an insertion); the fix renumbers the whole part. */
export function numberingFindings(doc: DraftDocument, only = EVERY_PARAGRAPH): Finding[] {
  const ops = doc.resolution.operative;
  // A resolution with a single operative paragraph leaves it unnumbered (`决定：恢复……。`).
  if (ops.length === 1 && ops[0].number === undefined) return [];
  const fix = renumberFix(ops);
  const out: Finding[] = [];
  ops.forEach((p, i) => {
    if (!only(p)) return;
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

/** The fix renumbering the operative part: one per document (fixes.ts resolves it lazily by this name). */
export const RENUMBER_FIX = 'renumber';

/**
 * Numbers the operative paragraphs 1, 2, 3…: edits only the numbers that differ, and adds the
 * missing ones. The edits are made when first asked for: a long draft's numbering findings all
 * share the fix, and diagnostics never need its edits (a 100,000-line draft's are 66,667).
 */
export function renumberFix(ops: Paragraph[]): Fix {
  // One per parsed version (its list of operative paragraphs): a code action on a long draft
  // asks how large it is at every cursor move.
  let fix = renumberFixes.get(ops);
  if (!fix) renumberFixes.set(ops, (fix = newRenumberFix(ops)));
  return fix;
}

const renumberFixes = new WeakMap<Paragraph[], Fix>();

function newRenumberFix(ops: Paragraph[]): Fix {
  let edits: Fix['edits'] | undefined;
  return {
    title: '重新编号执行部分 / Renumber the operative paragraphs',
    get edits() {
      return (edits ??= ops.flatMap((p, i) => {
        const want = String(i + 1);
        if (p.number === undefined) return [{ span: { start: p.span.start, end: p.span.start }, newText: `${want}. ` }];
        return p.number === i + 1 ? [] : [{ span: p.numberSpan!, newText: want }];
      }));
    },
    preferred: true,
    name: RENUMBER_FIX,
  };
}

/** The punctuation a paragraph should close with: ， in the preamble, ； in the operative part, 。 at the very end. */
export function expectedEnding(doc: DraftDocument, p: Paragraph): string {
  if (p.kind === 'preambular') return '，';
  const ops = doc.resolution.operative;
  return p === ops[ops.length - 1] ? '。' : '；';
}

export function punctuationFindings(doc: DraftDocument, only = EVERY_PARAGRAPH): Finding[] {
  const out: Finding[] = [];
  for (const p of [...doc.resolution.preambular, ...doc.resolution.operative]) {
    if (p.body.text.length === 0 || !only(p)) continue;
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
 * The fixed formulas that close a resolution (`决定继续积极处理此案。`, `决定将题为“……”的项目
 * 列入……临时议程。`): they open with 决定 whatever the paragraph before says.
 */
const CLOSING_FORMULA = /^决定(?:继续(?:积极)?(?:处理|审议)此案|将题为.{1,200}列入.{0,40}临时议程)/;

/**
 * 决定 … 又决定 … 还决定: a paragraph opening with the same verb as the one before it takes 又,
 * the next 还. Real resolutions do not always follow it, so this is information, not a warning.
 * It is the General Assembly's habit (and of the councils that follow it): a Security Council
 * resolution repeats 决定 paragraph after paragraph, and the closing formula takes no 又.
 */
export function verbPrefixFindings(doc: DraftDocument, only = EVERY_PARAGRAPH): Finding[] {
  const out: Finding[] = [];
  if (doc.resolution.organ === 'SC') return out;
  for (const part of [doc.resolution.preambular, doc.resolution.operative]) {
    let run = 0;
    part.forEach((p, i) => {
      const prevBase = part[i - 1]?.verb?.base;
      run = p.verb && prevBase === p.verb.base ? run + 1 : 0;
      if (!p.verb || run === 0 || p.verb.prefix !== '' || !only(p)) return;
      if (p.kind === 'operative' && i === part.length - 1 && CLOSING_FORMULA.test(toSimplified(p.body.text))) return;
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

/** Brackets checked for balance: each opener's family, and the family each closer closes (half- and full-width parentheses are one). */
const OPENS: Record<string, string> = { '《': '《', '（': '(', '(': '(', '〈': '〈' };
const CLOSES: Record<string, string> = { '》': '《', '）': '(', ')': '(', '〉': '〈' };
/** A sub-item label such as `a)` or `ii)` opening a clause has no opening parenthesis. */
const ITEM_LABEL = /(?:^|[\s，；：,;:])[a-zA-Z0-9ivx]{1,4}$/;

/**
 * `《行动纲领》` and `（A/CONF.192/15）` open and close within a paragraph; a bracket left open
 * (`《行动纲领，`) or closed without an opening (`行动纲领》`) is a typo real texts have.
 */
export function bracketFindings(doc: DraftDocument, only = EVERY_PARAGRAPH): Finding[] {
  const out: Finding[] = [];
  for (const p of [...doc.resolution.preambular, ...doc.resolution.operative]) {
    if (!only(p)) continue;
    const t = p.body.text;
    const open: { char: string; at: number }[] = [];
    const report = (at: number, char: string, en: string) =>
      out.push(
        finding(doc, { start: p.body.offsets[at], end: p.body.offsets[at] + 1 }, BRACKETS, DiagnosticSeverity.Warning,
          `${p.label} 中的“${char}”${en === 'unclosed' ? '没有对应的闭合括号' : '没有对应的开括号'} / ${p.label}: “${char}” is ${en === 'unclosed' ? 'never closed' : 'closed without being opened'}`,
          [], { char }),
      );
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      if (OPENS[c] !== undefined) open.push({ char: c, at: i });
      else if (CLOSES[c] !== undefined) {
        const top = open[open.length - 1];
        if (top && OPENS[top.char] === CLOSES[c]) open.pop();
        else if (!(CLOSES[c] === '(' && ITEM_LABEL.test(t.slice(Math.max(0, i - 6), i)))) report(i, c, 'unopened');
      }
    }
    for (const o of open) report(o.at, o.char, 'unclosed');
  }
  return out;
}
