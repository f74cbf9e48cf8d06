// The word-level difference between two versions of a paragraph, for Chinese.
//
// Text is cut into tokens, then jsdiff (`diff`, Myers' O(ND) algorithm) diffs the token
// sequences. Chinese has no spaces between words; what a token is was decided by measurement on
// the seed chain (bench/segmenters.mjs, bench/RESULTS.md "Compare with Predecessor"): the words
// of ICU's dictionary segmenter (`Intl.Segmenter`, built into Node and VS Code, nothing to ship)
// give 10 % fewer hunks and 40 % fewer stray one-character islands than single characters, within
// 2 % of jieba, which would add 14–16 MB to the package.
// Numbers, symbols and dates' digits stay whole tokens either way, so `第 71/48 号` → `第 78/46 号`
// reads as one replaced number, not as scattered digits.
import { diffArrays } from 'diff';

import type { DiffOpName, DiffRun } from '../../../../shared/comparison';

export type { DiffRun } from '../../../../shared/comparison';

/** Text → tokens whose concatenation is the text. */
export type Tokenizer = (text: string) => string[];

/**
 * Runs that stay whole whatever the segmenter: Latin letters and digits with inner `/` `.` `-`
 * (`A/RES/78/46`, `78/46`, `2023`, `A/CONF.192/15`), runs of whitespace, and Chinese runs, which
 * are cut further. Anything else (punctuation) is a token of its own.
 */
const RUN = /[A-Za-z0-9０-９]+(?:[./\-][A-Za-z0-9０-９]+)*|\s+|[\u3400-\u9fff\uf900-\ufaff]+|[\s\S]/gu;
const CHINESE = /^[\u3400-\u9fff\uf900-\ufaff]/;

function tokenizeWith(cutChinese: (run: string) => Iterable<string>): Tokenizer {
  return (text) => {
    const out: string[] = [];
    for (const m of text.matchAll(RUN)) {
      if (CHINESE.test(m[0])) for (const w of cutChinese(m[0])) out.push(w);
      else out.push(m[0]);
    }
    return out;
  };
}

/** Chinese runs cut into single characters. */
export const charTokens: Tokenizer = tokenizeWith((run) => Array.from(run));

let words: Intl.Segmenter | undefined;
/** Chinese runs cut into words by ICU's dictionary (Intl.Segmenter, `zh`, granularity word). */
export const wordTokens: Tokenizer = tokenizeWith(function* (run) {
  words ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of words.segment(run)) yield s.segment;
});

/** Token edits beyond which a paragraph is shown as replaced whole (a resolution paragraph: tens). */
const MAX_EDIT = 2000;

/**
 * The edit script turning `from` (the predecessor's text) into `to` (the draft's): equal, delete
 * and insert runs, a delete before the insert that replaces it, adjacent runs of one kind joined.
 * The equal and delete runs spell `from`; the equal and insert runs spell `to`.
 */
export function wordDiff(from: string, to: string, tokenize: Tokenizer = wordTokens): DiffRun[] {
  if (from === to) return from ? [{ op: 'equal', text: from }] : [];
  const runs: DiffRun[] = [];
  // Within a hunk (the changes between two equal runs), deletions first.
  let dels = '';
  let ins = '';
  const flush = () => {
    if (dels) push(runs, 'delete', dels);
    if (ins) push(runs, 'insert', ins);
    dels = ins = '';
  };
  const a = tokenize(from);
  const b = tokenize(to);
  // Two long texts with little in common (a pasted page) would cost Myers' algorithm O(N·D):
  // past MAX_EDIT token edits the paragraph is shown replaced whole.
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT }) ?? [
    { value: a, removed: true, added: false, count: a.length },
    { value: b, removed: false, added: true, count: b.length },
  ];
  for (const c of changes) {
    const text = c.value.join('');
    if (c.removed) dels += text;
    else if (c.added) ins += text;
    else {
      flush();
      push(runs, 'equal', text);
    }
  }
  flush();
  return runs;
}

function push(runs: DiffRun[], op: DiffOpName, text: string): void {
  const last = runs[runs.length - 1];
  if (last?.op === op) last.text += text;
  else runs.push({ op, text });
}

/** The predecessor's text (`'from'`) or the draft's (`'to'`) spelt by an edit script. */
export function sideOf(runs: readonly DiffRun[], side: 'from' | 'to'): string {
  const skip = side === 'from' ? 'insert' : 'delete';
  return runs.filter((r) => r.op !== skip).map((r) => r.text).join('');
}

/** Hunks: maximal stretches of deletions and insertions between equal runs. */
export function hunkCount(runs: readonly DiffRun[]): number {
  let n = 0;
  for (let i = 0; i < runs.length; i++) if (runs[i].op !== 'equal' && (i === 0 || runs[i - 1].op === 'equal')) n++;
  return n;
}
