// The TextMate grammar run by the engine VS Code runs it with (vscode-textmate on Oniguruma,
// compiled to WebAssembly): the scopes a user sees as colours on the lines of drafts and seeds,
// line after line with the rule stack carried over, as in the editor. test/unit/grammar.test.ts
// checks the single rules with JavaScript's RegExp; this checks what Oniguruma makes of them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { paragraphs } from '../../server/src/engine/model';
import { parseResolution } from '../../server/src/engine/parse';
import { assertLinear } from '../timing';

const ROOT = path.join(__dirname, '../../..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/unres.tmLanguage.json');

let grammar: textmate.IGrammar;

/** The scopes of each UTF-16 unit of each line of `text`. */
function tokenize(text: string): string[][][] {
  let stack = textmate.INITIAL;
  return text.split(/\r\n|\r|\n/).map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    const units: string[][] = [];
    for (const t of r.tokens) for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) units[i] = t.scopes;
    return units;
  });
}

/** The scopes of the first occurrence of `needle` in a one-line text, which must be one token. */
function scopesOf(line: string, needle: string): string[] {
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${line}`);
  const units = tokenize(line)[0];
  for (let i = at + 1; i < at + needle.length; i++) assert.deepStrictEqual(units[i], units[at], `${needle} is one token in ${line}`);
  return units[at];
}

const has = (scopes: string[], scope: string) => scopes.some((s) => s === scope);

/** Each seed tokenized whole, with the scopes at a source offset and the line that holds it. */
function tokenizedSeeds(): { name: string; text: string; at: (offset: number) => { scopes: string[]; line: string } }[] {
  return fs.readdirSync(path.join(ROOT, 'seeds')).map((name) => {
    const text = fs.readFileSync(path.join(ROOT, 'seeds', name), 'utf8');
    const lines = tokenize(text);
    const starts = [0];
    for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index! + m[0].length);
    const at = (offset: number) => {
      let line = starts.length - 1;
      while (starts[line] > offset) line--;
      return { scopes: lines[line][offset - starts[line]] ?? [], line: text.slice(starts[line], starts[line + 1] ?? text.length).trimEnd() };
    };
    return { name, text, at };
  });
}

describe('TextMate grammar in vscode-textmate (Oniguruma)', () => {
  before(async () => {
    const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === 'text.unres' ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const loaded = await registry.loadGrammar('text.unres');
    assert.ok(loaded);
    grammar = loaded;
  });

  it('colours the operative number and verb, and the preambular verb', () => {
    const op = '12. 又请秘书长向大会第七十三届会议报告；';
    assert.ok(has(scopesOf(op, '12'), 'constant.numeric.operative.unres'));
    assert.ok(has(scopesOf(op, '又请'), 'keyword.other.verb.operative.unres'));
    assert.ok(has(scopesOf('1. **着重指出**要解决', '着重指出'), 'keyword.other.verb.operative.unres'));
    const pp = ' 满意地注意到正在进行区域努力，';
    assert.ok(has(scopesOf(pp, '满意地注意到'), 'entity.name.function.verb.preambular.unres'));
    assert.ok(!has(scopesOf(pp, '正在'), 'entity.name.function.verb.preambular.unres'));
  });

  it('colours citations: the date, the symbol and the kind', () => {
    const line = '回顾其 2023 年 12 月 4 日第 78/46 号决议及第 60/519 号决定，';
    assert.ok(has(scopesOf(line, '2023 年 12 月 4 日'), 'constant.numeric.date.unres'));
    assert.ok(has(scopesOf(line, '78/46'), 'constant.other.reference.citation.unres'));
    assert.ok(has(scopesOf(line, '决议'), 'support.type.resolution.unres'));
    assert.ok(has(scopesOf(line, '决定'), 'support.type.decision.unres'));
    assert.ok(has(scopesOf(line, '78/46'), 'meta.citation.unres'));
  });

  it('colours document symbols and URLs, and titles across lines', () => {
    assert.ok(has(scopesOf('见 A/CONF.192/15 和 A/60/88/Corr.2，附件。', 'A/CONF.192/15'), 'markup.underline.link.symbol.unres'));
    assert.ok(has(scopesOf('见 A/CONF.192/15 和 A/60/88/Corr.2，附件。', 'A/60/88/Corr.2'), 'markup.underline.link.symbol.unres'));
    assert.ok(has(scopesOf('https://undocs.org/ch/A/79/77', 'https://undocs.org/ch/A/79/77'), 'markup.underline.link.url.unres'));
    // A title that a PDF extraction wraps goes on to the next line, and ends at its 》.
    const [first, second] = tokenize('通过的《从各个方面防止、打击和消除小武器和轻武\n器非法贸易的行动纲领》，1 ');
    assert.ok(has(first[first.length - 1], 'string.quoted.other.title.unres'));
    assert.ok(has(second[0], 'string.quoted.other.title.unres'));
    const after = '器非法贸易的行动纲领》，'.length;
    assert.ok(!has(second[after], 'string.quoted.other.title.unres'));
    assert.ok(has(second[after], 'constant.numeric.footnote.unres'), 'the glued marker after the title');
  });

  it('colours every footnote marker and footnote number the parser finds in the seeds', () => {
    let checked = 0;
    for (const { name, text, at: scopesAt } of tokenizedSeeds()) {
      const res = parseResolution(text);
      for (const ref of paragraphs(res).flatMap((p) => p.footnoteRefs)) {
        const { scopes, line } = scopesAt(ref.span.start);
        assert.ok(has(scopes, 'constant.numeric.footnote.unres'), `${name}: marker ${ref.number} in ${JSON.stringify(line)}: ${scopes.join(' ')}`);
        checked++;
      }
      for (const note of res.footnotes) {
        const { scopes, line } = scopesAt(note.span.start);
        assert.ok(has(scopes, 'constant.numeric.footnote.unres'), `${name}: footnote ${note.number} in ${JSON.stringify(line)}: ${scopes.join(' ')}`);
        checked++;
      }
    }
    assert.ok(checked > 40, `${checked} markers and footnotes`);
  });

  it('colours the verbs and operative numbers of every paragraph the parser finds in the seeds', () => {
    let checked = 0;
    for (const { name, text, at } of tokenizedSeeds()) {
      const scopesAt = (offset: number) => at(offset).scopes;
      for (const p of paragraphs(parseResolution(text))) {
        if (p.kind === 'operative' && p.numberSpan) {
          assert.ok(has(scopesAt(p.numberSpan.start), 'constant.numeric.operative.unres'), `${name} ${p.label}: number`);
          checked++;
        }
        // Verbs the parser found where a line begins (a paragraph's verb after its number or at the line start).
        if (p.verb) {
          const verbScope = p.kind === 'operative' ? 'keyword.other.verb.operative.unres' : 'entity.name.function.verb.preambular.unres';
          assert.ok(has(scopesAt(p.verb.span.start), verbScope), `${name} ${p.label}: ${p.verb.text} — ${scopesAt(p.verb.span.start).join(' ')}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 150, `${checked} numbers and verbs`);
  });

  it('tokenizes the seeds without runaway backtracking', () => {
    const all = fs.readdirSync(path.join(ROOT, 'seeds')).map((n) => fs.readFileSync(path.join(ROOT, 'seeds', n), 'utf8')).join('\n');
    // Backtracking that runs away grows faster than the line: each line eight times as long
    // (repeated) must cost about eight times as much.
    const longer = all
      .split('\n')
      .map((line) => line.repeat(8))
      .join('\n');
    assertLinear('tokenizing the seeds with lines 8× as long', () => tokenize(all), () => tokenize(longer));
  });
});
