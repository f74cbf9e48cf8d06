// Accepted wording: paragraphs a drafter carries over on purpose, listed in a plain file of the
// workspace (`.unres/accepted.txt`, node/configFiles.ts finds it) that is reviewed like any other
// change. An accepted paragraph gives no `echo` or `repeat` finding until its text changes.
//
// The file: one entry a line, `SOURCE<TAB>TEXT`, sorted (code-unit order, the same everywhere),
// so that accepting a paragraph adds one line of a diff. TEXT is the paragraph's clean text
// (without its operative number, footnote markers or Markdown) with white space collapsed; SOURCE
// (`A/RES/72/57 PP4`) says where the wording was taken from, for the reviewer. Lines starting
// with `#` and blank lines are comments. A line without a tab is a TEXT alone.
import { OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { Paragraph } from '../engine/model';
import { DraftDocument } from './document';
import { ECHO, REPEAT } from './echo';
import { Finding, Fix, paragraphLocator } from './findings';

export interface AcceptedWording {
  /** The TEXTs of the accepted paragraphs (acceptedText). */
  texts: ReadonlySet<string>;
  /** Where the quick fix records a paragraph, and the file's text now (undefined: not created yet). Without it, no quick fix. */
  file?: { uri: string; text?: string };
}

export const ACCEPTED_HEADER =
  '# unres: 已接受的措辞 accepted wording — 每行一段 one paragraph a line: SOURCE<TAB>TEXT; these paragraphs give no echo/repeat finding until their text changes.';

export const ACCEPT_TITLE = '接受此措辞 / Accept this wording';

/** A paragraph's TEXT in the list: its clean text with white space collapsed. */
export function acceptedText(p: Paragraph): string {
  return collapse(p.body.text);
}

function collapse(s: string): string {
  return s.replace(/[\s\u3000]+/g, ' ').trim();
}

/** The TEXTs listed in an accepted-wording file. */
export function readAcceptedList(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const tab = line.indexOf('\t');
    const t = collapse(tab < 0 ? line : line.slice(tab + 1));
    if (t) out.add(t);
  }
  return out;
}

/**
 * The findings without the echoes and repeats of accepted paragraphs; the other echoes and
 * repeats get the quick fix that accepts their paragraph.
 */
export function applyAccepted(doc: DraftDocument, findings: Finding[], accepted: AcceptedWording | undefined): Finding[] {
  if (!accepted) return findings;
  const paragraphOf = paragraphLocator(doc);
  const editor = accepted.file && editorOf(accepted.file);
  const out: Finding[] = [];
  for (const f of findings) {
    const code = f.diagnostic.code;
    const p = code === ECHO || code === REPEAT ? paragraphOf(f) : undefined;
    if (!p) {
      out.push(f);
      continue;
    }
    const text = acceptedText(p);
    if (accepted.texts.has(text)) continue;
    const edit = editor?.(`${source(doc, f)}\t${text}`);
    out.push(edit ? { ...f, fixes: [...f.fixes, acceptFix(edit)] } : f);
  }
  return out;
}

function acceptFix(workspaceEdit: WorkspaceEdit): Fix {
  return { title: ACCEPT_TITLE, edits: [], workspaceEdit };
}

/** `A/RES/72/57 PP4`, or for a repeat `draft.unres PP2` (the draft's file name, not its URI). */
function source(doc: DraftDocument, f: Finding): string {
  const best = (f.diagnostic.data as { matches?: { symbol: string; paragraph: string }[] } | undefined)?.matches?.[0];
  if (!best) return '?';
  const symbol = best.symbol === doc.uri ? fileName(doc.uri) : best.symbol;
  return collapse(`${symbol} ${best.paragraph}`);
}

/** The last segment of a URI's path, decoded (as it is when it is not valid percent-encoding). */
function fileName(uri: string): string {
  const name = uri.replace(/[?#].*$/, '').replace(/^.*\//, '');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The last file's editor: the file is read again only when its text changes, not at every check of every draft. */
let lastEditor: { uri: string; text?: string; editor: (entry: string) => WorkspaceEdit | undefined } | undefined;

function editorOf(file: { uri: string; text?: string }): (entry: string) => WorkspaceEdit | undefined {
  if (lastEditor?.uri !== file.uri || lastEditor.text !== file.text) lastEditor = { ...file, editor: acceptedListEditor(file) };
  return lastEditor.editor;
}

/**
 * A function giving the edit that adds an entry at its sorted place in the file (created, with
 * its header, if need be): one inserted line; undefined when the file has that line already.
 * The file is read once, for all the entries of a check (a draft may have hundreds of echoes).
 */
export function acceptedListEditor(file: { uri: string; text?: string }): (entry: string) => WorkspaceEdit | undefined {
  const textDocument: OptionalVersionedTextDocumentIdentifier = { uri: file.uri, version: null };
  if (file.text === undefined || file.text === '') {
    const exists = file.text !== undefined;
    return (entry) => {
      const insert = TextDocumentEdit.create(textDocument, [{ range: at(0, 0), newText: `${ACCEPTED_HEADER}\n${entry}\n` }]);
      return { documentChanges: exists ? [insert] : [{ kind: 'create', uri: file.uri, options: { ignoreIfExists: true } }, insert] };
    };
  }
  const lines = file.text.split(/\r\n|\r|\n/);
  const present = new Set(lines);
  const eol = /\r\n?|\n/.exec(file.text)?.[0] ?? '\n';
  // The entries' line numbers, in file order (sorted, unless edited by hand).
  const entries: number[] = [];
  lines.forEach((l, i) => {
    if (!/^\s*(#|$)/.test(l)) entries.push(i);
  });
  const last = lines.length - 1;
  return (entry) => {
    if (present.has(entry)) return undefined;
    // Before the first entry that sorts after it (binary search), else after the last line.
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[entries[mid]] < entry) lo = mid + 1;
      else hi = mid;
    }
    if (lo < entries.length) return edit(textDocument, at(entries[lo], 0), `${entry}${eol}`);
    // The last line, when the file does not end with a line break: the entry goes after it.
    return lines[last] === '' ? edit(textDocument, at(last, 0), `${entry}${eol}`) : edit(textDocument, at(last, lines[last].length), `${eol}${entry}`);
  };
}

function edit(textDocument: OptionalVersionedTextDocumentIdentifier, range: ReturnType<typeof at>, newText: string): WorkspaceEdit {
  return { documentChanges: [TextDocumentEdit.create(textDocument, [{ range, newText }])] };
}

function at(line: number, character: number) {
  return { start: { line, character }, end: { line, character } };
}
