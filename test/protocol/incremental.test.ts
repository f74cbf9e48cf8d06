// Incremental checking through the server: the server keeps each open draft's repeat searches
// between versions and searches again only what an edit may affect (engine/match/repeats.ts). After
// every one of a series of edits — typing in a paragraph, deleting, copying an earlier paragraph
// over a later one (a new repeat), restoring it — the diagnostics published for that version are
// exactly those of the same text opened afresh; every publish names its version, in order.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { parseResolution } from '../../server/src/engine/parse';
import { LspClient } from './lspClient';

const SEEDS = path.join(__dirname, '../../../seeds');

/** A/RES/79/40 as typed: one paragraph per line under `大会，`, operative ones numbered. */
function typedDraft(): string[] {
  const r = parseResolution(fs.readFileSync(path.join(SEEDS, 'A-RES-79-40.txt'), 'utf8'));
  const lines = ['小武器和轻武器非法贸易的各方面问题', '大会，'];
  for (const p of r.preambular) lines.push(p.body.text);
  r.operative.forEach((p, i) => lines.push(`${i + 1}. ${p.body.text}`));
  return lines;
}

/** A deterministic sequence of numbers in [0, 1) (mulberry32), so that a failure replays. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('protocol: incremental checking gives the diagnostics of a full check', function () {
  this.timeout(120000);
  let client: LspClient;
  let cacheDir: string;

  before(async () => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-cache-'));
    client = await LspClient.start({ initializationOptions: { corpus: { builtin: true, paths: [] } }, env: { XDG_CACHE_HOME: cacheDir } });
    await client.waitForNotification('window/logMessage', (p: { message: string }) => /corpus ready/.test(p.message), 20000, 0);
  });

  after(async () => {
    await client?.shutdown();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it('after each of 24 edits, one paragraph at a time', async () => {
    const uri = 'file:///drafts/incremental.unres';
    const lines = typedDraft();
    const original = lines.slice();
    client.openDocument(uri, lines.join('\n') + '\n');
    await client.waitForDiagnostics(uri);
    const since = client.mark();
    const next = random(7);
    const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo));
    const numberOf = (line: string) => /^\d+\.\s*/.exec(line)?.[0] ?? '';
    const typeInto = (line: number, what: string) => {
      const t = lines[line];
      const at = pick(numberOf(t).length + 2, t.length);
      return t.slice(0, at) + what + t.slice(at);
    };
    let fresh = 0;
    let repeatsSeen = 0;
    // Rounds of: an earlier paragraph a copied over a later one b (b becomes a repeat of a), then
    // a typed into and cut (b's repeat changes though b does not), another paragraph typed into,
    // b restored.
    const edits: (() => [number, string])[] = [];
    for (let round = 0; round < 4; round++) {
      const a = pick(2, lines.length - 10);
      const b = pick(a + 1, lines.length);
      edits.push(
        () => [b, numberOf(lines[b]) + lines[a].slice(numberOf(lines[a]).length)],
        () => [a, typeInto(a, '国际合作')],
        () => [a, typeInto(a, '与援助')],
        () => {
          const t = lines[a];
          const at = pick(numberOf(t).length + 2, t.length - 6);
          return [a, t.slice(0, at) + t.slice(at + 5)];
        },
        () => {
          const c = pick(2, lines.length);
          return [c, typeInto(c, '国')];
        },
        () => [b, original[b]],
      );
    }
    for (const [e, make] of edits.entries()) {
      const [line, replacement] = make();
      const before = lines[line];
      lines[line] = replacement;
      client.changeDocument(uri, [{ range: { start: { line, character: 0 }, end: { line, character: before.length } }, text: replacement }]);
      const got = await client.waitForDiagnostics(uri, undefined, 20000);

      const full = `file:///drafts/incremental-full-${++fresh}.unres`;
      client.openDocument(full, client.documentText(uri)!);
      const want = (await client.waitForDiagnostics(full, undefined, 20000)).map((d) => sameUri(d, full, uri));
      client.closeDocument(full);
      assert.deepStrictEqual(got, want, `edit ${e} (line ${line})`);
      repeatsSeen += got.filter((d) => d.code === 'repeat').length;
    }
    assert.ok(repeatsSeen > 0, 'the edits should have made some repeat findings');

    const published = client.notifications
      .filter((n) => n.seq > since && n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri)
      .map((n) => (n.params as PublishDiagnosticsParams).version);
    assert.ok(published.every((v) => typeof v === 'number'), `versions ${published.join(', ')}`);
    for (let i = 1; i < published.length; i++) assert.ok(published[i]! > published[i - 1]!, `versions ${published.join(', ')}`);
    assert.strictEqual(published[published.length - 1], client.documentVersion(uri));
    client.closeDocument(uri);
  });
});

/** A repeat names the draft it is in by its URI (a draft has no symbol): read the fresh copy's as the original's. */
function sameUri(d: Diagnostic, from: string, to: string): Diagnostic {
  return JSON.parse(JSON.stringify(d).split(from).join(to));
}
