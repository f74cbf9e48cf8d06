// Protocol tests of the structure quick fixes (numbering, closing punctuation, 又/还), through
// `dist/server.js --stdio`: open a draft with the defect, wait for its diagnostic, ask for code
// actions with the diagnostic's range and context, apply the WorkspaceEdit the way an editor
// does, send the change back, and check the result as a user would see it: exactly the expected
// text, the diagnostic gone, no fix offered any more.
//
// The drafts use CRLF line ends and characters outside the BMP (𠀋, a surrogate pair in UTF-16)
// before the edit points, so a server that counted code points or bytes, or LF-only lines,
// would edit the wrong place.
import * as assert from 'assert';
import type { CodeAction, Diagnostic, TextDocumentContentChangeEvent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, applyTextEdits, editsFor, fullRange, getText, offsetAt } from './lspClient';

const CODE_ACTION_TIMEOUT = 10000;

/** A draft from lines, joined with CRLF (the line ends of a draft saved on Windows). */
function crlf(...lines: string[]): string {
  return lines.join('\r\n') + '\r\n';
}

const TITLE = '小武器和轻武器非法贸易的各方面问题';

describe('protocol: structure quick fixes', function () {
  this.timeout(30000);
  let client: LspClient;
  let n = 0;

  before(async () => {
    // No corpus: these tests are about structure only, and an empty corpus keeps them fast.
    client = await LspClient.start({ initializationOptions: { corpus: { builtin: false, paths: [] } } });
  });

  after(async () => {
    await client?.shutdown();
  });

  afterEach(() => {
    assert.deepStrictEqual(client.protocolErrors, []);
  });

  async function open(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = `file:///drafts/structure-${++n}.unres`;
    client.openDocument(uri, text);
    // The first diagnostics for this version: nothing else can come before them.
    const diagnostics = await client.waitForDiagnostics(uri);
    return { uri, diagnostics };
  }

  function codeActions(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client.request<CodeAction[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } },
      CODE_ACTION_TIMEOUT,
    );
  }

  /** The fixes offered anywhere in the document for diagnostics with `code`. */
  async function fixesFor(uri: string, code: string): Promise<CodeAction[]> {
    const text = client.documentText(uri)!;
    const actions = await client.request<CodeAction[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: fullRange(text), context: { diagnostics: client.diagnostics(uri) ?? [] } },
      CODE_ACTION_TIMEOUT,
    );
    return actions.filter((a) => a.diagnostics?.some((d) => d.code === code) && a.kind === 'quickfix');
  }

  /**
   * Sends the edits as an editor does after applying them: incremental changes, last first, so
   * that each range still refers to the text as it was. Returns the diagnostics of the new version.
   */
  async function sendEdits(uri: string, edits: TextEdit[]): Promise<Diagnostic[]> {
    const text = client.documentText(uri)!;
    const ordered = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
    const changes: TextDocumentContentChangeEvent[] = ordered.map((e) => ({ range: e.range, text: e.newText }));
    client.changeDocument(uri, changes);
    return client.waitForDiagnostics(uri);
  }

  /**
   * The whole round trip for one diagnostic: finds it (by code and the text its range covers),
   * takes the one quick fix offered for it, checks the edited text, sends the change, and checks
   * that the diagnostic is gone and no fix for it is offered any more.
   */
  async function fixAndCheck(
    uri: string,
    diagnostics: Diagnostic[],
    code: string,
    covered: string,
    expected: string,
    titleIncludes: string,
  ): Promise<Diagnostic[]> {
    const before = client.documentText(uri)!;
    const found = diagnostics.filter((d) => d.code === code && getText(before, d.range) === covered);
    assert.strictEqual(found.length, 1, `one ${code} diagnostic over ${JSON.stringify(covered)} in ${JSON.stringify(diagnostics, null, 1)}`);
    const diagnostic = found[0];
    assert.strictEqual(diagnostic.source, 'unres');

    // Besides the suppression comment every finding in a paragraph offers (kind quickfix.unres.disable, test/protocol/living.test.ts).
    const actions = (await codeActions(uri, diagnostic)).filter((a) => a.diagnostics?.some((d) => d.code === code) && a.kind === 'quickfix');
    assert.strictEqual(actions.length, 1, `one ${code} fix: ${JSON.stringify(actions, null, 1)}`);
    const [action] = actions;
    assert.strictEqual(action.kind, 'quickfix');
    assert.strictEqual(action.isPreferred, true);
    assert.ok(action.title.includes(titleIncludes), action.title);
    assert.deepStrictEqual(action.diagnostics![0].range, diagnostic.range);
    const edits = editsFor(action.edit!, uri);
    assert.ok(edits.length > 0, 'the fix edits the document');
    assert.strictEqual(applyTextEdits(before, edits), expected);

    const after = await sendEdits(uri, edits);
    assert.strictEqual(client.documentText(uri), expected);
    const still = after.filter((d) => d.code === code && d.range.start.line === diagnostic.range.start.line);
    assert.deepStrictEqual(still, [], 'the diagnostic is gone');
    // Idempotent: nothing more to fix at that place.
    const again = (await fixesFor(uri, code)).filter((a) => a.diagnostics!.some((d) => d.range.start.line === diagnostic.range.start.line));
    assert.deepStrictEqual(again, [], 'no fix offered after the fix');
    return after;
  }

  describe('numbering → renumber the operative paragraphs', () => {
    it('a skipped number: renumbers only the numbers after the gap', async () => {
      const text = crlf(
        TITLE,
        '大会，',
        '回顾其以往关于𠀋𠀋问题的各项决议，',
        '1. 鼓励各国加强𠀋区域合作；',
        '2. 请秘书长提交报告𠀋；',
        '4. 吁请所有国家执行《行动纲领》；',
        '5. 决定继续审议这个问题。',
      );
      const { uri, diagnostics } = await open(text);
      const numbering = diagnostics.filter((d) => d.code === 'numbering');
      // Only where the sequence breaks, not at every paragraph after it.
      assert.strictEqual(numbering.length, 1, JSON.stringify(diagnostics));
      assert.deepStrictEqual(numbering[0].range, { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } });
      assert.match(numbering[0].message as string, /应为 3/);
      const expected = crlf(
        TITLE,
        '大会，',
        '回顾其以往关于𠀋𠀋问题的各项决议，',
        '1. 鼓励各国加强𠀋区域合作；',
        '2. 请秘书长提交报告𠀋；',
        '3. 吁请所有国家执行《行动纲领》；',
        '4. 决定继续审议这个问题。',
      );
      const after = await fixAndCheck(uri, diagnostics, 'numbering', '4', expected, '编号');
      assert.deepStrictEqual(after.filter((d) => d.code === 'numbering'), []);
    });

    it('a repeated number and two-digit numbers', async () => {
      const ops = Array.from({ length: 11 }, (_, i) => `${i + 1}. 鼓励第${i + 1}个𠀋区域加强合作；`);
      ops.splice(1, 0, '1. 请秘书长提交报告；'); // a second 1. after the first
      ops[ops.length - 1] = ops[ops.length - 1].replace(/；$/, '。');
      const text = crlf(TITLE, '大会，', '回顾其以往各项决议，', ...ops);
      const { uri, diagnostics } = await open(text);
      const numbering = diagnostics.filter((d) => d.code === 'numbering');
      assert.strictEqual(numbering.length, 1, JSON.stringify(numbering));
      assert.match(numbering[0].message as string, /重复/);
      const want = ops.map((line, i) => line.replace(/^\d+\./, `${i + 1}.`));
      assert.strictEqual(want[11].slice(0, 3), '12.');
      await fixAndCheck(uri, diagnostics, 'numbering', '1', crlf(TITLE, '大会，', '回顾其以往各项决议，', ...want), '编号');
    });

    it('a paragraph without a number gets one', async () => {
      const text = crlf(TITLE, '大会，', '回顾其以往各项决议，', '1. 鼓励各国加强𠀋合作；', '请秘书长提交报告；', '3. 决定继续审议这个问题。');
      const { uri, diagnostics } = await open(text);
      const expected = crlf(TITLE, '大会，', '回顾其以往各项决议，', '1. 鼓励各国加强𠀋合作；', '2. 请秘书长提交报告；', '3. 决定继续审议这个问题。');
      await fixAndCheck(uri, diagnostics, 'numbering', '请', expected, '编号');
    });
  });

  describe('punctuation → the closing mark', () => {
    it('a preambular paragraph closed with ； gets ，', async () => {
      const text = crlf(TITLE, '大会，', '回顾其以往关于𠀋的各项决议；', '强调必须加强𠀋国际合作，', '1. 决定继续审议这个问题。');
      const { uri, diagnostics } = await open(text);
      const expected = crlf(TITLE, '大会，', '回顾其以往关于𠀋的各项决议，', '强调必须加强𠀋国际合作，', '1. 决定继续审议这个问题。');
      const after = await fixAndCheck(uri, diagnostics, 'punctuation', '；', expected, '，');
      assert.deepStrictEqual(after.filter((d) => d.code === 'punctuation'), []);
    });

    it('the last operative paragraph closed with ； gets 。, the others keep ；', async () => {
      const text = crlf(TITLE, '大会，', '回顾其以往各项决议，', '1. 鼓励各国𠀋加强合作；', '2. 决定继续审议𠀋这个问题；');
      const { uri, diagnostics } = await open(text);
      const punctuation = diagnostics.filter((d) => d.code === 'punctuation');
      assert.strictEqual(punctuation.length, 1, JSON.stringify(diagnostics));
      assert.strictEqual(punctuation[0].range.start.line, 4);
      const expected = crlf(TITLE, '大会，', '回顾其以往各项决议，', '1. 鼓励各国𠀋加强合作；', '2. 决定继续审议𠀋这个问题。');
      await fixAndCheck(uri, diagnostics, 'punctuation', '；', expected, '。');
    });

    it('a missing closing mark after a surrogate pair is added after the whole character', async () => {
      const text = crlf(TITLE, '大会，', '回顾其以往各项决议，', '1. 请秘书长向𠀋提交报告𠀋', '2. 决定继续审议这个问题。');
      const { uri, diagnostics } = await open(text);
      const expected = crlf(TITLE, '大会，', '回顾其以往各项决议，', '1. 请秘书长向𠀋提交报告𠀋；', '2. 决定继续审议这个问题。');
      // The diagnostic marks the last character, both halves of the pair.
      await fixAndCheck(uri, diagnostics, 'punctuation', '𠀋', expected, '；');
    });

    it('a missing closing mark at the end of the text, with no line end after it', async () => {
      const text = crlf(TITLE, '大会，', '回顾其以往各项决议，') + '1. 决定继续审议这个问题';
      const { uri, diagnostics } = await open(text);
      await fixAndCheck(uri, diagnostics, 'punctuation', '题', text + '。', '。');
    });
  });

  describe('verb-prefix → 又 / 还', () => {
    it('the second of two preambular paragraphs with the same verb gets 又', async () => {
      const text = crlf(TITLE, '大会，', '强调必须加强𠀋𠀋国际合作，', '强调需要提供援助，', '1. 决定继续审议这个问题。');
      const { uri, diagnostics } = await open(text);
      const expected = crlf(TITLE, '大会，', '强调必须加强𠀋𠀋国际合作，', '又强调需要提供援助，', '1. 决定继续审议这个问题。');
      await fixAndCheck(uri, diagnostics, 'verb-prefix', '强调', expected, '又');
    });

    it('three operative paragraphs with the same verb: 又 then 还, each fixed on its own', async () => {
      const text = crlf(
        TITLE,
        '大会，',
        '回顾其以往各项决议，',
        '1. 鼓励各国加强𠀋合作；',
        '2. 鼓励各国提交国家报告；',
        '3. 鼓励有能力的国家提供援助；',
        '4. 决定继续审议这个问题。',
      );
      const { uri, diagnostics } = await open(text);
      const prefixes = diagnostics.filter((d) => d.code === 'verb-prefix');
      assert.deepStrictEqual(
        prefixes.map((d) => [d.range.start.line, getText(text, d.range), (d.data as { prefix: string }).prefix]),
        [
          [4, '鼓励', '又'],
          [5, '鼓励', '还'],
        ],
      );
      const step1 = crlf(
        TITLE,
        '大会，',
        '回顾其以往各项决议，',
        '1. 鼓励各国加强𠀋合作；',
        '2. 又鼓励各国提交国家报告；',
        '3. 鼓励有能力的国家提供援助；',
        '4. 决定继续审议这个问题。',
      );
      // Fix the second paragraph first; the third still wants 还.
      const after = await fixAndCheck(uri, diagnostics.filter((d) => d.range.start.line === 4), 'verb-prefix', '鼓励', step1, '又');
      const step2 = step1.replace('3. 鼓励', '3. 还鼓励');
      await fixAndCheck(uri, after, 'verb-prefix', '鼓励', step2, '还');
      assert.deepStrictEqual(await fixesFor(uri, 'verb-prefix'), []);
    });
  });
});
