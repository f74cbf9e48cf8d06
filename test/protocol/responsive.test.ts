// The server keeps answering while it checks a long draft: the corpus and repeat searches of a
// draft's first diagnostics (hundreds of paragraphs against a few thousand resolutions) run in slices,
// so that an outline or hover asked meanwhile is answered in milliseconds, not after the whole
// check; and a newer version abandons the check of an older one, whose diagnostics are never sent.
// While the corpus is being indexed, typing gets its diagnostics at once, without corpus echoes
// or citation dates (which come when the index is ready), and the hover says the corpus is
// being indexed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ResolutionGenerator, buildPools } from '../../bench/synthCorpus';
import { paragraphs } from '../../server/src/engine/model';
import { parseResolution } from '../../server/src/engine/parse';
import { CorpusProgressNotification } from '../../shared/protocol';
import { LspClient } from './lspClient';

const SEEDS = path.join(__dirname, '../../../seeds');
const RESOLUTIONS = 6000;
const DRAFT_PARAGRAPHS = 600;

/** A generated corpus of RESOLUTIONS files under `work`/corpus; returns two drafts of new wording from the same generator. */
function makeCorpus(work: string): string[] {
  const seeds = fs.readdirSync(SEEDS).map((f) => fs.readFileSync(path.join(SEEDS, f), 'utf8'));
  const gen = new ResolutionGenerator(buildPools(seeds), 11);
  fs.mkdirSync(path.join(work, 'corpus'));
  for (let i = 0; i < RESOLUTIONS; i++) {
    const r = gen.next();
    fs.writeFileSync(path.join(work, 'corpus', `${r.name}${r.extension}`), r.text);
  }
  // Paragraphs from resolutions the corpus does not hold (revised wording mostly); each test
  // its own draft, so that no search is remembered from another.
  const makeDraft = () => {
    const lines = ['大会，'];
    while (lines.length <= DRAFT_PARAGRAPHS) {
      for (const p of paragraphs(parseResolution(gen.next().text))) lines.push(p.kind === 'operative' ? `${lines.length}. ${p.body.text}` : p.body.text);
    }
    return lines.slice(0, DRAFT_PARAGRAPHS + 1).join('\n') + '\n';
  };
  return [makeDraft(), makeDraft()];
}

describe('protocol: responsiveness on a corpus of thousands of resolutions', () => {
  let work: string;
  let drafts: string[];
  before(function () {
    this.timeout(120000);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-responsive-'));
    drafts = makeCorpus(work);
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  describe('protocol: requests are answered while a long draft is checked', function () {
    this.timeout(180000);
    let client: LspClient;

    before(async () => {
      client = await LspClient.start({
        initializationOptions: { corpus: { builtin: true, paths: [path.join(work, 'corpus')] } },
        env: { XDG_CACHE_HOME: path.join(work, 'cache-1') },
      });
      await client.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready/.test(p.message), 120000, 0);
    });

    after(async () => {
      await client?.shutdown();
    });

    it('answers outline requests within a fraction of the check', async () => {
      const uri = 'file:///drafts/long.unres';
      const t0 = Date.now();
      client.openDocument(uri, drafts[0]);
      const checked = client.waitForDiagnostics(uri, () => true, 120000).then(() => Date.now() - t0);
      let done = false;
      void checked.then(() => (done = true));
      const waits: number[] = [];
      while (!done) {
        const t = Date.now();
        await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        if (!done) waits.push(Date.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
      const checkMs = await checked;
      // Counted, not timed against a figure: before the check was sliced, one or two outline
      // answers came during a check (each waited for all of it); sliced, one comes every slice or
      // two. A check too short for the count to mean anything fails here too: make it longer.
      const longest = Math.max(...waits);
      assert.ok(waits.length >= 10, `${waits.length} outline answers during a ${checkMs} ms check`);
      assert.ok(longest <= checkMs / 5, `an outline request waited ${longest} ms during a ${checkMs} ms check`);
    });

    it('abandons the check of a version that an edit replaced, and sends only the newest', async () => {
      const uri = 'file:///drafts/long-edited.unres';
      const since = client.mark();
      client.openDocument(uri, drafts[1]);
      await new Promise((r) => setTimeout(r, 50));
      client.changeDocument(uri, drafts[1].replace('大会，', '大会，\n强调必须加强国际合作，'));
      const diagnostics = await client.waitForDiagnostics(uri, () => true, 120000);
      assert.ok(diagnostics.some((d) => d.code === 'echo'), 'the long draft echoes the corpus');
      const published = client.notifications
        .filter((n) => n.seq > since && n.method === 'textDocument/publishDiagnostics')
        .map((n) => n.params as PublishDiagnosticsParams)
        .filter((p) => p.uri === uri);
      assert.deepStrictEqual(
        published.map((p) => p.version),
        [2],
      );
    });
  });

  describe('protocol: typing while the corpus is indexed', function () {
    this.timeout(180000);
    let client: LspClient;

    after(async () => {
      await client?.shutdown();
    });

    it('gets diagnostics at once, echoes and citation dates once the index is ready, and a hover that says so', async () => {
      client = await LspClient.start({
        initializationOptions: { corpus: { builtin: true, paths: [path.join(work, 'corpus')] } },
        env: { XDG_CACHE_HOME: path.join(work, 'cache-2') },
      });
      const uri = 'file:///drafts/typed-while-indexing.unres';
      // A draft from the seeds, which the corpus echoes.
      const seed = parseResolution(fs.readFileSync(path.join(SEEDS, 'A-RES-79-40.txt'), 'utf8'));
      // A citation without its date, which the corpus (A/RES/72/57, a seed) will supply.
      const lines = ['大会，', '回顾其第 72/57 号决议，', ...seed.preambular.map((p) => p.body.text)];
      client.openDocument(uri, lines.join('\n') + '\n');
      // A third of the way through the load, a keystroke.
      await client.waitForNotification(CorpusProgressNotification.method, (p: { done: number; total: number }) => p.total > 1000 && p.done >= p.total / 3, 120000, 0);
      const t = Date.now();
      client.changeDocument(uri, [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, text: '的' }]);
      const during = await client.waitForDiagnostics(uri, () => true, 120000);
      const waited = Date.now() - t;
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
      const stillIndexing = !client.notifications.some((n) => n.method === 'window/logMessage' && /corpus ready/.test((n.params as { message: string }).message));
      assert.ok(stillIndexing, `the corpus was ready before the check was made (${waited} ms): make it larger`);
      assert.deepStrictEqual(during.filter((d) => d.code === 'echo' || String(d.code).startsWith('citation-date')), [], 'no corpus findings from a half-loaded corpus');
      assert.match(JSON.stringify(hover?.contents), /being indexed/);
      const after = await client.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'echo'), 120000);
      // At once: the keystroke's diagnostics did not wait for the rest of the load.
      const loadRest = Date.now() - t - waited;
      assert.ok(waited < loadRest, `diagnostics while indexing took ${waited} ms; the load went on for ${loadRest} ms after them`);
      assert.ok(after.filter((d) => d.code === 'echo').length >= lines.length / 2, `${after.length} diagnostics once ready`);
      assert.ok(after.some((d) => d.code === 'citation-date-missing'), 'the date of 72/57 asked for once ready');
    });
  });
});
