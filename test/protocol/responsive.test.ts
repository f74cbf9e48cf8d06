// The server keeps answering while it checks a long draft: the corpus and repeat searches of a
// draft's first diagnostics (hundreds of paragraphs against a few thousand resolutions) run in slices,
// so that an outline or hover asked meanwhile is answered in milliseconds, not after the whole
// check; and a newer version abandons the check of an older one, whose diagnostics are never sent.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ResolutionGenerator, buildPools } from '../../bench/synthCorpus';
import { paragraphs } from '../../server/src/engine/model';
import { parseResolution } from '../../server/src/engine/parse';
import { LspClient } from './lspClient';

const SEEDS = path.join(__dirname, '../../../seeds');
const RESOLUTIONS = 3000;
const DRAFT_PARAGRAPHS = 600;

describe('protocol: requests are answered while a long draft is checked', function () {
  this.timeout(180000);
  let client: LspClient;
  let work: string;
  let drafts: string[];

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-responsive-'));
    const seeds = fs.readdirSync(SEEDS).map((f) => fs.readFileSync(path.join(SEEDS, f), 'utf8'));
    const gen = new ResolutionGenerator(buildPools(seeds), 11);
    fs.mkdirSync(path.join(work, 'corpus'));
    for (let i = 0; i < RESOLUTIONS; i++) {
      const r = gen.next();
      fs.writeFileSync(path.join(work, 'corpus', `${r.name}${r.extension}`), r.text);
    }
    // Drafts of paragraphs from resolutions the corpus does not hold (revised wording mostly);
    // each test its own, so that no search is remembered from the other.
    const makeDraft = () => {
      const lines = ['大会，'];
      while (lines.length <= DRAFT_PARAGRAPHS) {
        for (const p of paragraphs(parseResolution(gen.next().text))) lines.push(p.kind === 'operative' ? `${lines.length}. ${p.body.text}` : p.body.text);
      }
      return lines.slice(0, DRAFT_PARAGRAPHS + 1).join('\n') + '\n';
    };
    drafts = [makeDraft(), makeDraft()];
    client = await LspClient.start({
      initializationOptions: { corpus: { builtin: true, paths: [path.join(work, 'corpus')] } },
      env: { XDG_CACHE_HOME: path.join(work, 'cache') },
    });
    await client.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready/.test(p.message), 120000, 0);
  });

  after(async () => {
    await client?.shutdown();
    fs.rmSync(work, { recursive: true, force: true });
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
    // The check must be long enough for the figure to mean something.
    assert.ok(checkMs >= 400, `the first check took only ${checkMs} ms: make the draft or the corpus larger`);
    // Requests go one after another, 10 ms apart: one every ~35 ms here (a wait of one or two
    // slices of the check); before the check was sliced, 2 in 1.6 s.
    const longest = Math.max(...waits);
    assert.ok(waits.length >= checkMs / 100, `${waits.length} outline answers during a ${checkMs} ms check`);
    assert.ok(longest < 200, `an outline request waited ${longest} ms during a ${checkMs} ms check`);
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
