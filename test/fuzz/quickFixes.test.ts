// Properties of the quick fixes, through the language service with the seeds as corpus: on
// generated drafts with defects (numbering, closing punctuation, a verb repeated without 又,
// `78/46号决议`, `第78/46号决议`, a wrong date for 71/48, A/RES/78/46 in Chinese text), applying
// any offered fix edits only inside its ranges (whose ends are real positions, never inside a
// CRLF pair or a surrogate pair), keeps the numbers of preambular and operative paragraphs, and
// removes a finding of its kind (the fix is not offered again for the same place).
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as path from 'path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { Corpus, loadCorpus } from '../../server/src/engine/corpus';
import { silentLogger } from '../../server/src/engine/fileSystem';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { createLanguageService, UnresLanguageService } from '../../server/src/service';
import { DraftDocument } from '../../server/src/features/document';
import { params } from './arbitraries';

const SEEDS = path.join(__dirname, '../../../seeds');

const citations = ['78/46号决议', '第78/46号决议', '第 78/46 号决议', 'A/RES/78/46', '2016 年 12 月 6 日第 71/48 号决议', '第 71/48 号决议', '2016 年 12 月 5 日第 71/48 号决议'];
const verbs = ['强调', '回顾', '决定', '又决定', '请', '注意到', '重申'];
const endings = ['，', '；', '。', ''];

const paragraph = fc.record({
  verb: fc.constantFrom(...verbs),
  middle: fc.constantFrom('会员国', '小武器和轻武器非法贸易𠀋', '秘书长的报告'),
  cite: fc.option(fc.constantFrom(...citations), { nil: undefined }),
  ending: fc.constantFrom(...endings),
});

const draftWithDefects = fc
  .record({
    pp: fc.array(paragraph, { minLength: 1, maxLength: 5 }),
    op: fc.array(fc.tuple(paragraph, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 5 }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
  })
  .map(({ pp, op, eol }) => {
    const text = (p: { verb: string; middle: string; cite?: string; ending: string }) => `${p.verb}${p.middle}${p.cite ? `见 ${p.cite} ` : ''}${p.ending}`;
    let n = 0;
    const lines = [
      '大会，',
      ...pp.map(text),
      // numbers: mostly in sequence, sometimes skipped, repeated or missing
      ...op.map(([p, jump]) => {
        n += jump === 0 ? 0 : jump === 3 ? 2 : 1;
        return jump === 0 && n === 0 ? text(p) : `${Math.max(n, 1)}. ${text(p)}`;
      }),
    ];
    return lines.join(eol) + eol;
  });

function offsetOf(doc: DraftDocument, pos: { line: number; character: number }): number {
  const o = doc.lines.offsetAt(pos);
  const back = doc.lines.positionAt(o);
  assert.deepStrictEqual(back, pos, `position ${JSON.stringify(pos)} is not a real position`);
  const c = doc.text.charCodeAt(o);
  assert.ok(!(c >= 0xdc00 && c <= 0xdfff && o > 0), `edit boundary ${o} splits a surrogate pair`);
  assert.ok(!(c === 10 && doc.text.charCodeAt(o - 1) === 13), `edit boundary ${o} splits a CRLF`);
  return o;
}

function apply(doc: DraftDocument, edits: TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: offsetOf(doc, e.range.start), end: offsetOf(doc, e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    assert.ok(s.start >= at && s.end >= s.start, 'edits overlap or are reversed');
    out += doc.text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + doc.text.slice(at);
}

describe('fuzz: quick fixes', function () {
  this.timeout(60000);
  let service: UnresLanguageService;
  before(async () => {
    const corpus = new Corpus();
    await loadCorpus(corpus, [SEEDS], { fs: nodeFileSystem, logger: silentLogger });
    service = createLanguageService({ corpus, logger: silentLogger });
  });

  let version = 0;
  const open = (text: string) => service.getDocument('untitled:fuzz', ++version, text);
  const whole = (doc: DraftDocument) => ({ start: { line: 0, character: 0 }, end: doc.lines.positionAt(doc.text.length) });
  const codeOf = (a: CodeAction) => String(a.diagnostics?.[0]?.code);
  const count = async (doc: DraftDocument, code: string) => (await service.computeFindings(doc)).filter((f) => f.diagnostic.code === code).length;

  it('edit only their ranges, keep the paragraphs and remove their finding', async () => {
    await fc.assert(
      fc.asyncProperty(draftWithDefects, async (text) => {
        const doc = open(text);
        const before = { pp: doc.resolution.preambular.length, op: doc.resolution.operative.length };
        const actions = await service.getCodeActions(doc, whole(doc));
        for (const action of actions) {
          const edits = action.edit?.changes?.[doc.uri] ?? [];
          const fixed = apply(doc, edits);
          const code = codeOf(action);
          const after = open(fixed);
          assert.deepStrictEqual(
            { pp: after.resolution.preambular.length, op: after.resolution.operative.length },
            before,
            `${action.title} changed the paragraph count:\n${JSON.stringify(text)}\n→ ${JSON.stringify(fixed)}`,
          );
          const left = await count(after, code);
          const had = await count(open(text), code);
          assert.ok(left < had, `${action.title}: ${code} findings ${had} → ${left}:\n${JSON.stringify(text)}\n→ ${JSON.stringify(fixed)}`);
          if (code === 'numbering' && action.isPreferred) assert.strictEqual(left, 0, 'renumbering leaves no numbering finding');
        }
      }),
      params(0.3),
    );
  });

  it('on a version not checked yet (only the paragraphs of the range are checked), are those of the whole check', async () => {
    await fc.assert(
      fc.asyncProperty(draftWithDefects, fc.nat(), fc.nat(), async (text, a, b) => {
        const lines = text.split(/\r\n?|\n/).length;
        const range = { start: { line: Math.min(a, b) % lines, character: 0 }, end: { line: Math.max(a, b) % lines, character: 3 } };
        if (range.end.line < range.start.line) range.end = { line: range.start.line, character: 3 };
        const fresh = await service.getCodeActions(open(text), range);
        const checked = open(text);
        await service.computeFindings(checked);
        assert.deepStrictEqual(fresh, await service.getCodeActions(checked, range), `${JSON.stringify(range)} of ${JSON.stringify(text)}`);
      }),
      params(0.3),
    );
  });
});
