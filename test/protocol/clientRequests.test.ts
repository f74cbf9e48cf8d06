// Protocol tests of the custom requests behind the VS Code client's commands, through
// `dist/server.js --stdio`: `unres/earlierWording` (the side-by-side view of a paragraph's
// earlier wording), `unres/renumber` (renumber the operative paragraphs), `unres/rebuildIndex`
// (drop the index cache and load the corpus again) and the `unres/corpusProgress` notification.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CorpusProgressNotification, CorpusStatusNotification, EarlierWordingRequest, RebuildIndexRequest, RenumberRequest } from '../../shared/protocol';
import type { EarlierWordingResponse as EarlierWording } from '../../shared/protocol';
import { LspClient, applyTextEdits, editsFor, getText, positionAt } from './lspClient';
import { DRAFT_72_57_PP4_OP1 } from './drafts';


const BUILTIN = { unres: { corpus: { builtin: true, paths: [] } } };
const NO_CORPUS = { unres: { corpus: { builtin: false, paths: [] } } };

function logged(client: LspClient, pattern: RegExp, timeoutMs = 20000): Promise<string> {
  return client
    .waitForNotification<{ message: string }>('window/logMessage', (p) => pattern.test(p.message), timeoutMs, 0)
    .then((p) => p.message);
}

/** The position just after the first occurrence of `needle` in `text`. */
function afterText(text: string, needle: string): Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the text`);
  return positionAt(text, at + needle.length);
}

const squeeze = (s: string) => s.replace(/\s+/g, '').replace(/\*\*/g, '');

function earlierWording(client: LspClient, uri: string, position: Position): Promise<EarlierWording | null> {
  return client.request(EarlierWordingRequest.method, { textDocument: { uri }, position }) as Promise<EarlierWording | null>;
}

describe('protocol: requests of the editor commands', () => {
  describe('unres/earlierWording', () => {
    let client: LspClient;
    before(async () => {
      client = await LspClient.start({ settings: BUILTIN });
      await logged(client, /corpus ready/);
    });
    after(() => client?.shutdown());
    afterEach(() => assert.deepStrictEqual(client.protocolErrors, []));

    it('gives the corpus paragraph a draft paragraph was taken from, with its file and its range there', async () => {
      const uri = 'file:///tmp/unres-earlier-wording.unres';
      client.openDocument(uri, DRAFT_72_57_PP4_OP1);
      // The cursor in the middle of the preambular paragraph.
      const w = await earlierWording(client, uri, afterText(DRAFT_72_57_PP4_OP1, '回顾各国承诺'));
      assert.ok(w, 'an earlier wording');
      assert.strictEqual(w.symbol, 'A/RES/72/57');
      assert.strictEqual(w.paragraph, 'PP4');
      assert.strictEqual(w.draftParagraph, 'PP1');
      assert.strictEqual(w.sameDraft, false);
      assert.ok(w.score >= 0.9 && w.score <= 1, `score ${w.score}`);
      assert.match(w.draftText, /^回顾各国承诺将《行动纲领》视为/);
      // The source's own wording, as one clean line (A/RES/79/40 has 作为 where 72/57 and the draft say 视为).
      assert.strictEqual(w.kind, 'verbatim');
      assert.match(w.sourceText, /^回顾各国承诺将《行动纲领》视为在国际社会活动中采取措施/);
      assert.ok(!/\n|\*\*/.test(w.sourceText), w.sourceText);
      assert.strictEqual(getText(DRAFT_72_57_PP4_OP1, w.range), DRAFT_72_57_PP4_OP1.split('\n')[1]);
      // The seed file, and the paragraph's range in it.
      assert.ok(w.sourceUri?.startsWith('file:'), w.sourceUri);
      const file = fileURLToPath(w.sourceUri!);
      assert.strictEqual(path.basename(file), 'A-RES-72-57.md');
      assert.ok(w.sourceRange, 'sourceRange');
      assert.strictEqual(squeeze(getText(fs.readFileSync(file, 'utf8'), w.sourceRange)).replace(/<sup>\d+<\/sup>/g, ''), squeeze(w.sourceText));
      for (const o of w.others) assert.ok(o.score <= w.score, JSON.stringify(w.others));
    });

    it('takes the end of a paragraph line (after its closing punctuation) as the paragraph, and answers for operative paragraphs', async () => {
      const uri = 'file:///tmp/unres-earlier-wording-op.unres';
      client.openDocument(uri, DRAFT_72_57_PP4_OP1);
      const lines = DRAFT_72_57_PP4_OP1.split('\n');
      const w = await earlierWording(client, uri, { line: 2, character: lines[2].length });
      assert.ok(w);
      assert.strictEqual(w.draftParagraph, 'OP1');
      assert.match(w.paragraph, /^OP\d+$/);
      assert.match(w.sourceText, /着重指出要解决小武器和轻武器非法贸易的各方面问题/);
    });

    it('answers null outside paragraphs and for new wording', async () => {
      const uri = 'file:///tmp/unres-earlier-wording-new.unres';
      const text = ['大会，', '欢迎在火星上召开第一次星际小麦种植大会并赞赏各位宇航员的耐心，', ''].join('\n');
      client.openDocument(uri, text);
      assert.strictEqual(await earlierWording(client, uri, { line: 0, character: 1 }), null);
      assert.strictEqual(await earlierWording(client, uri, { line: 1, character: 5 }), null);
      assert.strictEqual(await earlierWording(client, 'file:///tmp/not-open.unres', { line: 0, character: 0 }), null);
    });

    it('answers null for a document over unres.limits.maxDocumentSize', async () => {
      const small = await LspClient.start({ settings: { unres: { corpus: { builtin: true, paths: [] }, limits: { maxDocumentSize: 50 } } } });
      try {
        await logged(small, /corpus ready/);
        const uri = 'file:///tmp/unres-earlier-wording-large.unres';
        small.openDocument(uri, DRAFT_72_57_PP4_OP1);
        await small.waitForDiagnostics(uri);
        assert.strictEqual(await earlierWording(small, uri, afterText(DRAFT_72_57_PP4_OP1, '回顾各国承诺')), null);
      } finally {
        await small.shutdown();
      }
    });
  });

  it('unres/earlierWording: a paragraph repeated within the draft points at the earlier one in the draft', async () => {
    const client = await LspClient.start({ settings: NO_CORPUS });
    try {
      await logged(client, /corpus ready/);
      const uri = 'file:///tmp/unres-earlier-wording-repeat.unres';
      const para = '强调各国必须在国家一级加强对民间持有的猎枪进行登记和追查的能力，并为此交流经验，';
      const text = ['大会，', para, '注意到秘书长的报告，', `又${para}`, ''].join('\n');
      client.openDocument(uri, text);
      const w = await earlierWording(client, uri, { line: 3, character: 4 });
      assert.ok(w);
      assert.strictEqual(w.sameDraft, true);
      assert.strictEqual(w.sourceUri, uri);
      assert.strictEqual(w.paragraph, 'PP1');
      assert.strictEqual(w.draftParagraph, 'PP3');
      assert.deepStrictEqual(w.sourceRange, { start: { line: 1, character: 0 }, end: { line: 1, character: para.length } });
      assert.strictEqual(await earlierWording(client, uri, { line: 1, character: 4 }), null, 'the first of the two has no earlier wording');
    } finally {
      await client.shutdown();
    }
  });

  describe('unres/renumber', () => {
    let client: LspClient;
    before(async () => {
      client = await LspClient.start({ settings: NO_CORPUS });
    });
    after(() => client?.shutdown());

    it('numbers the operative paragraphs 1, 2, 3… editing only the numbers, then has nothing to do', async () => {
      const uri = 'file:///tmp/unres-renumber.unres';
      const text = ['大会，', '回顾其以往的决议，', '1. 决定召开会议；', '3. 请秘书长提交报告；', '3. 又请秘书长继续整理；', '鼓励各国合作；', '5. 决定继续审议这个问题。', ''].join('\n');
      client.openDocument(uri, text);
      const edit = (await client.request(RenumberRequest.method, { textDocument: { uri } })) as WorkspaceEdit | null;
      assert.ok(edit);
      const fixed = applyTextEdits(text, editsFor(edit, uri));
      assert.deepStrictEqual(fixed.split('\n'), ['大会，', '回顾其以往的决议，', '1. 决定召开会议；', '2. 请秘书长提交报告；', '3. 又请秘书长继续整理；', '4. 鼓励各国合作；', '5. 决定继续审议这个问题。', '']);
      client.changeDocument(uri, fixed);
      assert.strictEqual(await client.request(RenumberRequest.method, { textDocument: { uri } }), null);
      assert.strictEqual(await client.request(RenumberRequest.method, { textDocument: { uri: 'file:///tmp/not-open.unres' } }), null);
      assert.deepStrictEqual(client.protocolErrors, []);
    });
  });

  describe('unres/rebuildIndex', () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    });

    it('deletes the index cache and loads the corpus from its files again', async () => {
      const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-rebuild-'));
      dirs.push(xdg);
      const file = path.join(xdg, 'unres', 'corpus-index.bin');
      const first = await LspClient.start({ settings: BUILTIN, env: { XDG_CACHE_HOME: xdg } });
      await logged(first, /index cache saved/);
      await first.shutdown();
      const cached = fs.statSync(file).mtimeMs;

      const client = await LspClient.start({ settings: BUILTIN, env: { XDG_CACHE_HOME: xdg } });
      try {
        assert.match(await logged(client, /corpus ready/), /4 documents \(4 from the index cache/);
        // The status follows the log line: wait for it, so that only the rebuild's come after `since`.
        await client.waitForNotification<{ state: string }>(CorpusStatusNotification.method, (p) => p.state === 'ready', 20000, 0);
        const since = client.mark();
        const status = await client.request(RebuildIndexRequest.method, {}, 30000);
        assert.deepStrictEqual(status, { state: 'ready', documents: 4, skipped: 0 });
        const loads = client.notifications.filter((n) => n.seq > since && n.method === 'window/logMessage').map((n) => String((n.params as { message: string }).message));
        assert.ok(loads.some((m) => /index cache .* deleted/.test(m)), loads.join('\n'));
        assert.ok(loads.some((m) => /corpus ready, 4 documents \(0 from the index cache/.test(m)), loads.join('\n'));
        // The statuses the status bar shows: indexing, then ready.
        const statuses = client.notifications.filter((n) => n.seq > since && n.method === CorpusStatusNotification.method).map((n) => (n.params as { state: string }).state);
        assert.deepStrictEqual(statuses, ['indexing', 'ready']);
        // And a new cache file written from the files.
        await client.waitForNotification<{ message: string }>('window/logMessage', (p) => /index cache saved/.test(p.message), 20000, since);
        assert.ok(fs.statSync(file).mtimeMs > cached);
        assert.deepStrictEqual(client.protocolErrors, []);
      } finally {
        await client.shutdown();
      }
    });
  });

  it('unres/corpusProgress counts the corpus files while indexing, up to all of them', async () => {
    const client = await LspClient.start({ settings: BUILTIN });
    try {
      await logged(client, /corpus ready/);
      const progress = client.notifications.filter((n) => n.method === CorpusProgressNotification.method).map((n) => n.params as { done: number; total: number });
      assert.ok(progress.length >= 1);
      const last = progress[progress.length - 1];
      assert.strictEqual(last.done, last.total);
      assert.ok(last.total >= 4, JSON.stringify(progress));
      for (const p of progress) assert.ok(p.done >= 0 && p.done <= p.total, JSON.stringify(p));
    } finally {
      await client.shutdown();
    }
  });
});
