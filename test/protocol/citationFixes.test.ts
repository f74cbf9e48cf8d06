// Citation diagnostics and their quick fixes, through the protocol: each fix is applied to the
// text as an editor would, and must change exactly the text it names.
import * as assert from 'assert';
import { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LspClient, applyTextEdits, editsFor, getText } from './lspClient';

const URI = 'untitled:citations-draft';
const lines = [
  '𠀋 小武器和轻武器非法贸易的各方面问题',
  '大会，',
  '回顾其第 71/48 号决议，',
  '重申其 2017 年 1 月 1 日第 72/57 号决议，',
  '注意到 78/46号决议，',
  '欢迎 A/RES/79/40 所作决定，',
  '1. 决定继续审议这一问题。',
];
const TEXT = lines.join('\r\n') + '\r\n';

/** The draft with line `i` replaced by `line`. */
const withLine = (i: number, line: string) => lines.map((l, j) => (j === i ? line : l)).join('\r\n') + '\r\n';

const cases: { code: string; line: number; flagged: string; fixed: string }[] = [
  { code: 'citation-date-missing', line: 2, flagged: '71/48', fixed: '回顾其 2016 年 12 月 5 日第 71/48 号决议，' },
  { code: 'citation-date-wrong', line: 3, flagged: '2017 年 1 月 1 日', fixed: '重申其 2017 年 12 月 4 日第 72/57 号决议，' },
  { code: 'citation-style', line: 4, flagged: '78/46号决议', fixed: '注意到第 78/46 号决议，' },
  { code: 'citation-style', line: 5, flagged: 'A/RES/79/40', fixed: '欢迎第 79/40 号决议所作决定，' },
];

describe('protocol: citation checks and their quick fixes', function () {
  let client: LspClient;
  let diagnostics: Diagnostic[];

  before(async () => {
    client = await LspClient.start({ initializationOptions: { corpus: { builtin: true } } });
    client.openDocument(URI, TEXT);
    // The corpus loads after `initialized`: wait for the findings that need it.
    diagnostics = await client.waitForDiagnostics(URI, (ds) => ds.some((d) => d.code === 'citation-date-wrong'), 15000);
  });
  after(async () => {
    await client?.shutdown();
  });

  for (const c of cases) {
    it(`${c.code} on “${c.flagged}”: the diagnostic marks it, the fix writes “${c.fixed}” and nothing else`, async () => {
      const d = diagnostics.find((x) => x.code === c.code && x.range.start.line === c.line);
      assert.ok(d, `no ${c.code} on line ${c.line}: ${JSON.stringify(diagnostics.map((x) => [x.code, x.range.start.line]))}`);
      assert.strictEqual(getText(TEXT, d.range), c.flagged);
      const actions: CodeAction[] = await client.request('textDocument/codeAction', {
        textDocument: { uri: URI },
        range: d.range,
        context: { diagnostics: [d] },
      });
      const action = actions.find((a) => a.diagnostics?.some((x) => x.code === c.code));
      assert.ok(action?.edit, `no fix for ${c.code}`);
      assert.strictEqual(action.kind, 'quickfix');
      const fixed = applyTextEdits(TEXT, editsFor(action.edit, URI));
      assert.strictEqual(fixed, withLine(c.line, c.fixed));

      // Applied in the editor, the finding goes away and no fix is offered for it any more.
      const doc = `${URI}-${c.line}-${c.code}`;
      client.openDocument(doc, fixed);
      const after = await client.waitForDiagnostics(doc, (ds) => ds.some((x) => x.code === 'citation-style' || x.code === 'citation-date-wrong'));
      assert.ok(!after.some((x) => x.code === c.code && x.range.start.line === c.line), JSON.stringify(after));
      const again: CodeAction[] = await client.request('textDocument/codeAction', {
        textDocument: { uri: doc },
        range: { start: { line: c.line, character: 0 }, end: { line: c.line, character: c.fixed.length } },
        context: { diagnostics: [] },
      });
      assert.ok(!again.some((a) => a.diagnostics?.some((x) => x.code === c.code)), JSON.stringify(again.map((a) => a.title)));
      client.closeDocument(doc);
    });
  }

  it('hovering a citation shows the adoption date the corpus knows and links to undocs.org', async () => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 7 } });
    const md = String(hover?.contents?.value ?? '');
    assert.match(md, /A\/RES\/71\/48/);
    assert.match(md, /2016 年 12 月 5 日/);
    assert.match(md, /https:\/\/undocs\.org\/ch\/A\/RES\/71\/48/);
  });
});
