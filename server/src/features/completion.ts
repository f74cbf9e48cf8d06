// Completion of the verbs that open paragraphs, and of the next operative number.
//
// Verbs are ranked by how often they open paragraphs of that kind in the corpus. Where the
// previous paragraph opened with the same verb, the 又/还 form the convention asks for comes first.
import { CompletionItem, CompletionItemKind, InsertTextFormat, Position } from 'vscode-languageserver-types';
import { Corpus } from '../engine/corpus';
import { Paragraph, ParagraphKind } from '../engine/model';
import { OPERATIVE_VERBS, PREAMBULAR_VERBS, VERB_PREFIXES, baseOf, expectedRepeatPrefix, matchVerb } from '../engine/verbs';
import { DraftDocument } from './document';

/** What is typed so far of a verb: the Chinese characters (U+4E00–U+9FFF) just before the cursor. */
function partialVerb(before: string): string {
  // A scan back from the end rather than /[\u4e00-\u9fff]*$/, which retries from every start of a
  // run and is quadratic on a long line of Chinese text that does not end at the cursor.
  let i = before.length;
  while (i > 0) {
    const c = before.charCodeAt(i - 1);
    if (c < 0x4e00 || c > 0x9fff) break;
    i--;
  }
  return before.slice(i);
}
const OPERATIVE_START = /^\s*(?:\*\*)?[0-9０-９]{1,3}\s*[.．、]\s*(?:\*\*)?$/;

export function getCompletionItems(doc: DraftDocument, position: Position, corpus: Corpus): CompletionItem[] {
  const offset = doc.lines.offsetAt(position);
  const lineStart = doc.lines.offsetAt({ line: position.line, character: 0 });
  const before = doc.text.slice(lineStart, offset);
  const partial = partialVerb(before);
  const lead = before.slice(0, before.length - partial.length);
  const previous = paragraphsBefore(doc, lineStart);
  const replace = { start: doc.lines.positionAt(offset - partial.length), end: position };

  if (OPERATIVE_START.test(lead)) return verbItems('operative', previous, corpus, replace);
  if (!/^\s*(?:\*\*)?$/.test(lead)) return [];
  if (!doc.resolution.opening && previous.length === 0 && doc.resolution.title === undefined) {
    return verbItems('preambular', previous, corpus, replace);
  }
  if (!isInBody(doc, lineStart)) return [];
  const items: CompletionItem[] = [];
  const lastOperative = [...previous].reverse().find((p) => p.kind === 'operative');
  if (!lastOperative) items.push(...verbItems('preambular', previous, corpus, replace));
  if (partial === '' && (lastOperative || previous.length > 0)) {
    items.push(numberItem((lastOperative?.number ?? 0) + 1, replace, lastOperative !== undefined));
  }
  return items;
}

/** Paragraphs that start on a line before the cursor's line, in order. */
function paragraphsBefore(doc: DraftDocument, lineStart: number): Paragraph[] {
  const res = doc.resolution;
  return [...res.preambular, ...res.operative].filter((p) => p.span.start < lineStart);
}

/** After `大会，` (or the first paragraph) and before the closing date. */
function isInBody(doc: DraftDocument, offset: number): boolean {
  const res = doc.resolution;
  const start = res.opening?.end ?? res.preambular[0]?.span.start ?? res.operative[0]?.span.start ?? 0;
  const end = res.closing?.dateSpan?.start ?? res.closing?.meetingSpan?.start ?? Infinity;
  return offset >= start && offset <= end;
}

interface Replace {
  start: Position;
  end: Position;
}

function verbItems(kind: ParagraphKind, previous: Paragraph[], corpus: Corpus, range: Replace): CompletionItem[] {
  const counts = corpus.verbCounts(kind);
  // Frequency of a verb counts all its prefixed forms: 又强调 is a use of 强调.
  const byVerb = new Map<string, number>();
  for (const v of kind === 'operative' ? OPERATIVE_VERBS : PREAMBULAR_VERBS) byVerb.set(v, 0);
  for (const [written, n] of counts) {
    const m = matchVerb(written, true);
    const verb = m ? m.verb : written;
    byVerb.set(verb, (byVerb.get(verb) ?? 0) + n);
  }
  const repeat = repeatSuggestion(kind, previous);
  const items: CompletionItem[] = [];
  const ranked = [...byVerb.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'));
  if (repeat) {
    items.push({
      label: repeat.form,
      kind: CompletionItemKind.Keyword,
      detail: `${repeat.prefix === '又' ? '又' : '还'} + ${repeat.base} — 前段已用“${repeat.previous}” / the previous paragraph opens with ${repeat.previous}`,
      sortText: '0000',
      preselect: true,
      textEdit: { range, newText: repeat.form },
      filterText: repeat.form,
    });
  }
  ranked.forEach(([verb, n], i) => {
    if (repeat && verb === repeat.form) return;
    items.push({
      label: verb,
      kind: CompletionItemKind.Keyword,
      detail: `${kind === 'operative' ? '执行部分动词 operative verb' : '序言部分动词 preambular verb'} · 语料 ${n} 次 / ${n}× in corpus`,
      sortText: String(i + 1).padStart(4, '0'),
      textEdit: { range, newText: verb },
      filterText: verb,
    });
  });
  return items;
}

/** The 又/还 form due when the paragraphs just before open with the same verb. */
function repeatSuggestion(kind: ParagraphKind, previous: Paragraph[]) {
  const same = previous.filter((p) => p.kind === kind);
  const last = same[same.length - 1];
  if (!last?.verb) return undefined;
  const base = last.verb.base;
  let run = 0;
  for (let i = same.length - 1; i >= 0 && same[i].verb?.base === base; i--) run++;
  const prefix = expectedRepeatPrefix(run);
  if (!prefix || !VERB_PREFIXES.includes(prefix)) return undefined;
  const written = last.verb.text.slice(last.verb.prefix.length);
  return { form: prefix + written, prefix, base: baseOf(written), previous: last.verb.text };
}

function numberItem(n: number, range: Replace, preselect: boolean): CompletionItem {
  return {
    label: `${n}. `,
    kind: CompletionItemKind.Snippet,
    detail: `执行部分第 ${n} 段 / operative paragraph ${n}`,
    sortText: preselect ? '0000' : '9999',
    preselect,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range, newText: `${n}. ` },
    filterText: String(n),
  };
}
