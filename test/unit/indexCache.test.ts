// The corpus index cache (server/src/node/indexCache.ts) with loadCorpus: unchanged files come
// from the cache without being read, changed ones are read again, removed ones disappear, and a
// bad cache file or an unwritable folder never stops a load.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus, CorpusDocument, LoadReport, loadCorpus } from '../../server/src/engine/corpus';
import { FileSystem, Logger } from '../../server/src/engine/fileSystem';
import { FingerprintIndex } from '../../server/src/engine/match/index';
import { SLICE } from '../../server/src/engine/match/slices';
import { ENGINE_VERSION } from '../../server/src/engine/version';
import { CACHE_FILE_NAME, IndexCache, indexCacheFolder } from '../../server/src/node/indexCache';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';

const ROOT = path.join(__dirname, '../../..');
const SEEDS = path.join(ROOT, 'seeds');
/** An mtime well before any load (files newer than 2 s before a load are not cached). */
const PAST = new Date('2024-01-02T03:04:05Z');

/** nodeFileSystem, counting the files it reads. */
function countingFs(): { fs: FileSystem; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    fs: {
      ...nodeFileSystem,
      readFile: (p) => {
        reads.push(p);
        return nodeFileSystem.readFile(p);
      },
    },
  };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

/** Writes a file and dates it `when` (default PAST). */
function write(file: string, text: string | Buffer, when = PAST): void {
  fs.writeFileSync(file, text);
  fs.utimesSync(file, when, when);
}

/** One load as the server does it: open the cache, load, flush. `taken`: the cached fingerprint index handed over. */
async function load(root: string, cacheDir: string | undefined, logger: Logger = recordingLogger()) {
  const { fs: counted, reads } = countingFs();
  const cache = await IndexCache.open(cacheDir, logger);
  let taken: FingerprintIndex | undefined;
  const take = cache.takeIndex.bind(cache);
  cache.takeIndex = () => (taken = take());
  const corpus = new Corpus();
  const report: LoadReport = await loadCorpus(corpus, [root], { fs: counted, logger, cache });
  const written = await cache.flush(corpus);
  return { corpus, report, reads, cache, written, taken };
}

/** A document as JSON keeps it (the cache stores no `undefined` fields). */
const plain = (d: CorpusDocument | undefined) => JSON.parse(JSON.stringify(d));

const A_DRAFT = '回顾各国承诺将《行动纲领》视为在国际社会活动中采取措施从各个方面防止、打击和消除小武器和轻武器非法贸易的主要框架，';

describe('index cache', () => {
  let tmp: string;
  let corpusDir: string;
  let cacheDir: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-index-cache-'));
    corpusDir = path.join(tmp, 'corpus');
    cacheDir = path.join(tmp, 'cache', 'unres');
    fs.mkdirSync(corpusDir);
    for (const name of fs.readdirSync(SEEDS)) write(path.join(corpusDir, name), fs.readFileSync(path.join(SEEDS, name)));
  });

  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is in storagePath when given, else $XDG_CACHE_HOME/unres, else ~/.cache/unres', () => {
    assert.strictEqual(indexCacheFolder('/data/storage', { XDG_CACHE_HOME: '/xdg' }), path.resolve('/data/storage'));
    assert.strictEqual(indexCacheFolder(undefined, { XDG_CACHE_HOME: '/xdg' }), path.join('/xdg', 'unres'));
    assert.strictEqual(indexCacheFolder('', { XDG_CACHE_HOME: '/xdg' }), path.join('/xdg', 'unres'));
    // Not a path, or a relative XDG_CACHE_HOME (invalid by the XDG spec): the next choice.
    assert.strictEqual(indexCacheFolder(42, { XDG_CACHE_HOME: '/xdg' }), path.join('/xdg', 'unres'));
    assert.strictEqual(indexCacheFolder(undefined, { XDG_CACHE_HOME: 'relative/cache' }), path.join(os.homedir(), '.cache', 'unres'));
    assert.strictEqual(indexCacheFolder(undefined, {}), path.join(os.homedir(), '.cache', 'unres'));
  });

  it('keeps the engine version of package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.strictEqual(ENGINE_VERSION, pkg.version);
  });

  it('serves unchanged files on the second load without reading them, with the same corpus', async () => {
    const first = await load(corpusDir, cacheDir);
    assert.strictEqual(first.report.documents, 4);
    assert.strictEqual(first.report.fromCache, 0);
    assert.strictEqual(first.reads.length, 4);
    assert.ok(first.written);
    assert.ok(fs.existsSync(path.join(cacheDir, CACHE_FILE_NAME)));

    const second = await load(corpusDir, cacheDir);
    assert.deepStrictEqual(second.reads, [], 'no corpus file read');
    assert.strictEqual(second.report.documents, 4);
    assert.strictEqual(second.report.fromCache, 4);
    assert.strictEqual(second.written, false, 'nothing changed: the file is not rewritten');
    assert.ok(second.taken && second.corpus.index === second.taken, 'the cached echo index is used, not rebuilt');
    for (const d of first.corpus.documents()) assert.deepStrictEqual(plain(second.corpus.get(d.key)), plain(d));
    // Everything computed from the corpus is the same: citation dates, verb counts, echoes.
    assert.deepStrictEqual(second.corpus.knownDate('A/RES/71/48'), first.corpus.knownDate('A/RES/71/48'));
    assert.deepStrictEqual([...second.corpus.verbCounts('operative')].sort(), [...first.corpus.verbCounts('operative')].sort());
    assert.deepStrictEqual(second.corpus.index.stats(), first.corpus.index.stats());
    const echoes = (c: Corpus) => c.echo.findEchoes(A_DRAFT).map((m) => ({ ...m, key: { ...m.key, doc: path.basename(m.key.doc) } }));
    assert.ok(echoes(first.corpus).length > 0);
    assert.deepStrictEqual(echoes(second.corpus), echoes(first.corpus));
  });

  it('decodes a cached document\'s paragraphs when first used, and the others in the background after the load', async () => {
    const first = await load(corpusDir, cacheDir);
    const cache = await IndexCache.open(cacheDir, recordingLogger());
    const corpus = new Corpus();
    await loadCorpus(corpus, [corpusDir], { fs: nodeFileSystem, logger: recordingLogger(), cache });
    const made = (d: CorpusDocument) => 'value' in Object.getOwnPropertyDescriptor(d, 'paragraphs')!;
    const docs = [...corpus.documents()];
    assert.strictEqual(docs.length, 4);
    assert.ok(docs.every((d) => !made(d)), 'no paragraphs made by the load');
    assert.deepStrictEqual(plain(docs[1]), plain(first.corpus.get(docs[1].key)));
    assert.ok(made(docs[1]) && !made(docs[0]));
    assert.strictEqual(await cache.flush(corpus), false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(docs.every(made), 'the rest made after the flush');
    for (const d of docs) assert.deepStrictEqual(plain(d), plain(first.corpus.get(d.key)));
  });

  it('writes and reads the file in slices (a pause at every step), to the same corpus', async () => {
    const first = await load(corpusDir, cacheDir);
    const file = path.join(cacheDir, CACHE_FILE_NAME);
    fs.rmSync(file);
    const ms = SLICE.ms;
    SLICE.ms = 0;
    try {
      assert.ok((await load(corpusDir, cacheDir)).written);
      const again = await load(corpusDir, cacheDir);
      assert.deepStrictEqual(again.reads, []);
      assert.strictEqual(again.report.fromCache, 4);
      for (const d of first.corpus.documents()) assert.deepStrictEqual(plain(again.corpus.get(d.key)), plain(d));
      assert.deepStrictEqual(again.corpus.index.stats(), first.corpus.index.stats());
      const echoes = (c: Corpus) => c.echo.findEchoes(A_DRAFT).map((m) => ({ ...m, key: { ...m.key, doc: path.basename(m.key.doc) } }));
      assert.deepStrictEqual(echoes(again.corpus), echoes(first.corpus));
    } finally {
      SLICE.ms = ms;
    }
  });

  it('reads a file again when its size or its mtime changed', async () => {
    await load(corpusDir, cacheDir);
    const r72 = path.join(corpusDir, 'A-RES-72-57.md');
    const r79 = path.join(corpusDir, 'A-RES-79-40.txt');
    const text72 = fs.readFileSync(r72, 'utf8');
    // 72/57 gets new words in OP1 (its size changes); 79/40 only a new mtime.
    assert.ok(text72.includes('**着重指出**要解决'));
    write(r72, text72.replace('**着重指出**要解决', '**着重指出**为增加一段新的内容，要解决'), new Date('2024-02-03T00:00:00Z'));
    fs.utimesSync(r79, new Date('2024-03-04T00:00:00Z'), new Date('2024-03-04T00:00:00Z'));

    const second = await load(corpusDir, cacheDir);
    assert.deepStrictEqual(second.reads.sort(), [r72, r79].sort());
    assert.strictEqual(second.report.fromCache, 2);
    assert.strictEqual(second.report.documents, 4);
    assert.ok(second.written);
    const op1 = second.corpus.get(r72)!.paragraphs.find((p) => p.text.includes('为增加一段新的内容'));
    assert.ok(op1);

    // The new versions are what the third load gets, without reading anything.
    const third = await load(corpusDir, cacheDir);
    assert.deepStrictEqual(third.reads, []);
    assert.deepStrictEqual(plain(third.corpus.get(r72)), plain(second.corpus.get(r72)));
    assert.ok(third.corpus.index.paragraphsOf(r72)!.some((p) => p.text === op1.text));
    const best = third.corpus.echo.findEchoes(op1.text, { verbPrefixLength: op1.verbPrefix?.length })[0];
    assert.deepStrictEqual([best.key.doc, best.score], [r72, 1]);
  });

  it('makes in the background only the cached documents the corpus holds, not those of files changed since', async () => {
    await load(corpusDir, cacheDir);
    // 72/57 loses its OP1: the index then holds one paragraph fewer for it than the cache's entry.
    const r72 = path.join(corpusDir, 'A-RES-72-57.md');
    const lines = fs.readFileSync(r72, 'utf8').split('\n');
    const op1 = lines.findIndex((l) => l.startsWith('1. **着重指出**要解决'));
    assert.ok(op1 > 0);
    write(r72, lines.filter((_, i) => i !== op1).join('\n'), new Date('2024-02-03T00:00:00Z'));
    const logger = recordingLogger();
    const second = await load(corpusDir, cacheDir, logger);
    assert.deepStrictEqual(second.reads, [r72]);
    assert.ok(second.taken && second.corpus.index === second.taken, 'the cached index, with 72/57 replaced in it');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok([...second.corpus.documents()].every((d) => 'value' in Object.getOwnPropertyDescriptor(d, 'paragraphs')!), 'all made');
    assert.deepStrictEqual(logger.lines.filter((l) => /unreadable/.test(l)), [], 'no entry made from the texts of the file read since');
    assert.strictEqual(second.corpus.get(r72)!.paragraphs.length, second.corpus.index.paragraphsOf(r72)!.length);
  });

  it('forgets a removed file, in the corpus, its echo index and the cache file', async () => {
    await load(corpusDir, cacheDir);
    const gone = path.join(corpusDir, 'A-RES-72-57.md');
    fs.rmSync(gone);
    const second = await load(corpusDir, cacheDir);
    assert.deepStrictEqual(second.reads, []);
    assert.strictEqual(second.report.documents, 3);
    assert.strictEqual(second.corpus.get(gone), undefined);
    assert.strictEqual(second.corpus.index, second.taken);
    assert.strictEqual(second.corpus.index.has(gone), false);
    assert.ok(second.corpus.echo.findEchoes(A_DRAFT).every((m) => m.key.doc !== gone));
    assert.ok(second.written);
    const third = await IndexCache.open(cacheDir, recordingLogger());
    assert.strictEqual(third.size, 3);
  });

  it('remembers files that are not resolutions, and still reports them', async () => {
    const notes = path.join(corpusDir, 'notes.md');
    write(notes, '# 会议笔记\n\n没有决议段落。\n');
    const first = await load(corpusDir, cacheDir);
    assert.deepStrictEqual(first.report.skipped, [{ path: notes, reason: 'no paragraphs found' }]);
    const second = await load(corpusDir, cacheDir);
    assert.deepStrictEqual(second.reads, []);
    assert.deepStrictEqual(second.report.skipped, first.report.skipped);
  });

  it('does not keep a file modified just before the load (its mtime may not show the next change)', async () => {
    const fresh = path.join(corpusDir, 'A-RES-79-40.txt');
    fs.utimesSync(fresh, new Date(), new Date());
    await load(corpusDir, cacheDir);
    const second = await load(corpusDir, cacheDir);
    assert.deepStrictEqual(second.reads, [fresh]);
  });

  it('rebuilds the echo index rather than drop most of it when the corpus shrinks, still reading nothing', async () => {
    const first = await load(corpusDir, cacheDir);
    const r79 = path.join(corpusDir, 'A-RES-79-40.txt');
    const second = await load(r79, cacheDir);
    assert.deepStrictEqual(second.reads, []);
    assert.strictEqual(second.report.fromCache, 1);
    assert.ok(second.taken && second.corpus.index !== second.taken, 'index not adopted');
    assert.deepStrictEqual(second.corpus.index.documentKeys(), [r79]);
    assert.deepStrictEqual(plain(second.corpus.get(r79)), plain(first.corpus.get(r79)));
    assert.ok(second.written);
    assert.strictEqual((await IndexCache.open(cacheDir, recordingLogger())).size, 1);
  });

  it('stores only the documents loaded, whatever else the corpus held before', async () => {
    const logger = recordingLogger();
    const cache = await IndexCache.open(cacheDir, logger);
    const corpus = new Corpus();
    await loadCorpus(corpus, [path.join(corpusDir, 'A-RES-72-57.md')], { fs: nodeFileSystem, logger });
    await loadCorpus(corpus, [path.join(corpusDir, 'A-RES-79-40.txt')], { fs: nodeFileSystem, logger, cache });
    assert.ok(await cache.flush(corpus));
    const again = await IndexCache.open(cacheDir, logger);
    assert.strictEqual(again.size, 1);
  });

  for (const [what, spoil] of [
    ['corrupt', (b: Buffer) => { b[b.length - 100] ^= 0xff; return b; }],
    ['truncated', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    ['foreign', () => Buffer.from('{"this": "is not an unres cache"}')],
    ['empty', () => Buffer.alloc(0)],
    ['of another engine version', (b: Buffer) => {
      const headerEnd = 16 + b.readUInt32LE(12);
      const header = JSON.parse(b.toString('utf8', 16, headerEnd));
      const json = Buffer.from(JSON.stringify({ ...header, engine: '0.0.1' }));
      const prefix = Buffer.from(b.subarray(0, 16));
      prefix.writeUInt32LE(json.length, 12);
      return Buffer.concat([prefix, json, b.subarray(headerEnd)]);
    }],
  ] as const) {
    it(`ignores a cache file that is ${what}, with one log line, and rebuilds it`, async () => {
      await load(corpusDir, cacheDir);
      const file = path.join(cacheDir, CACHE_FILE_NAME);
      fs.writeFileSync(file, spoil(fs.readFileSync(file)));
      const logger = recordingLogger();
      const second = await load(corpusDir, cacheDir, logger);
      assert.strictEqual(second.reads.length, 4, 'every file read again');
      assert.strictEqual(second.report.documents, 4);
      assert.strictEqual(logger.lines.length, 1, logger.lines.join('\n'));
      assert.match(logger.lines[0], /index cache .* ignored/);
      assert.ok(second.written, 'rebuilt');
      const third = await load(corpusDir, cacheDir);
      assert.deepStrictEqual(third.reads, []);
    });
  }

  it('removes the temporary files of writers killed long ago', async () => {
    fs.mkdirSync(cacheDir, { recursive: true });
    const old = path.join(cacheDir, `${CACHE_FILE_NAME}.123.abc.tmp`);
    const recent = path.join(cacheDir, `${CACHE_FILE_NAME}.456.def.tmp`);
    write(old, 'half a cache');
    write(recent, 'a cache being written', new Date());
    await load(corpusDir, cacheDir);
    assert.deepStrictEqual(fs.readdirSync(cacheDir).sort(), [CACHE_FILE_NAME, path.basename(recent)].sort());
  });

  it('runs without a cache, saying so once, when the folder cannot be written', async () => {
    // A folder under a regular file cannot be made, even by root.
    const blocker = path.join(tmp, 'blocker');
    write(blocker, 'a file, not a folder');
    const folder = path.join(blocker, 'unres');
    const logger = recordingLogger();
    const first = await load(corpusDir, folder, logger);
    assert.strictEqual(first.written, false);
    assert.strictEqual(first.report.documents, 4);
    assert.strictEqual(logger.lines.length, 1, logger.lines.join('\n'));
    assert.match(logger.lines[0], /cannot write the index cache/);
    const second = await load(corpusDir, folder, logger);
    assert.strictEqual(second.report.documents, 4);
    assert.strictEqual(second.reads.length, 4);
    assert.strictEqual(logger.lines.length, 1, 'not said again');
  });

  it('without a folder, keeps nothing and writes nothing', async () => {
    const first = await load(corpusDir, undefined);
    assert.strictEqual(first.written, false);
    const second = await load(corpusDir, undefined);
    assert.strictEqual(second.reads.length, 4);
  });
});
