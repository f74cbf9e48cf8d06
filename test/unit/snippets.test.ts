// The snippets (snippets/unres.code-snippets, contributes.snippets): each expands, with its
// default placeholders, into text the parser reads as the parts it is for, and the skeleton of a
// new draft has no structure finding (numbering, closing punctuation, 又/还) to fix.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseDraft } from '../../server/src/features/document';
import { structureFindings } from '../../server/src/features/structureDiagnostics';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const ROOT = path.join(__dirname, '../../..');
const snippets: Record<string, Snippet> = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets/unres.code-snippets'), 'utf8'));

/**
 * The text a snippet inserts when every placeholder keeps its default: `${1:x}` → x (nested ones
 * too), `${1|a,b|}` → a, `$1` / `${1}` → what placeholder 1 holds, `$0` → nothing.
 */
function expand(body: string | string[]): string {
  let text = Array.isArray(body) ? body.join('\n') : body;
  const values = new Map<string, string>();
  // Innermost first: a default without `${` inside it.
  for (;;) {
    const next = text
      .replace(/\$\{(\d+):([^${}]*)\}/g, (_, n: string, v: string) => (values.set(n, v), v))
      .replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n: string, choices: string) => {
        const v = choices.split(',')[0];
        values.set(n, v);
        return v;
      });
    if (next === text) break;
    text = next;
  }
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => values.get((a ?? b)!) ?? '');
}

describe('snippets', () => {
  it('are contributed for the unres language', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepStrictEqual(pkg.contributes.snippets, [{ language: 'unres', path: './snippets/unres.code-snippets' }]);
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.description && s.prefix.length > 0, name);
      assert.doesNotMatch(expand(s.body), /\$/, `${name}: every placeholder expands`);
    }
  });

  it('the draft skeleton reads as heading, title, 大会，, preamble, operative part, with nothing to fix', () => {
    const text = expand(snippets['Resolution draft'].body);
    const doc = parseDraft('untitled:skeleton', 1, `${text}\n`);
    const res = doc.resolution;
    assert.deepStrictEqual(res.heading.map((h) => h.kind).filter((k) => k !== 'other'), ['session', 'agenda', 'sponsors']);
    assert.strictEqual(res.title?.text, '决议标题');
    assert.ok(res.opening, '大会，');
    assert.deepStrictEqual(res.preambular.map((p) => p.verb?.text), ['回顾其', '强调']);
    assert.deepStrictEqual(res.operative.map((p) => [p.number, p.verb?.text]), [[1, '促请'], [2, '请'], [3, '决定']]);
    // The closing paragraph names the item by the title and the session the report goes to.
    assert.match(res.operative[2].body.text, /^决定将题为“决议标题”的项目列入大会第八十一届会议临时议程。$/);
    assert.deepStrictEqual(structureFindings(doc).map((f) => f.diagnostic.message), []);
  });

  it('the closing snippet reads as the adoption date and meeting', () => {
    const text = `${expand(snippets['Resolution draft'].body)}\n\n${expand(snippets['Adopted resolution closing'].body)}\n`;
    const closing = parseDraft('untitled:closed', 1, text).resolution.closing;
    assert.deepStrictEqual(closing?.date, { year: 2025, month: 12, day: 1 });
    assert.strictEqual(closing?.meeting, 50);
  });

  it('the paragraph snippets read as a preambular and an operative paragraph', () => {
    const pp = expand(snippets['Preambular paragraph'].body);
    const op = expand(snippets['Operative paragraph'].body);
    const res = parseDraft('untitled:paras', 1, `大会，\n${pp}\n${op}\n`).resolution;
    assert.strictEqual(res.preambular.length, 1);
    assert.strictEqual(res.preambular[0].verb?.text, '回顾');
    assert.strictEqual(res.operative.length, 1);
    assert.strictEqual(res.operative[0].number, 1);
    assert.strictEqual(res.operative[0].verb?.text, '决定');
  });
});
