// Corpus folders as they are on users' disks: symlink loops, binary, empty, undecodable,
// unreadable and oversized files, and folders that change while loadCorpus reads them. Each bad
// file is skipped with a reason, the walk always ends, and the corpus never holds a half-added
// document. Also the client's restart policy (client/src/restartPolicy.ts), which needs no VS Code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus, CorpusDocument, MAX_CORPUS_FILE_BYTES, MAX_FOLDER_DEPTH, loadCorpus } from '../../server/src/engine/corpus';
import { decodeText } from '../../server/src/engine/decode';
import { FileStat, FileSystem, Logger, silentLogger } from '../../server/src/engine/fileSystem';
import { IndexCache } from '../../server/src/node/indexCache';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { RestartPolicy } from '../../client/src/restartPolicy';

const GOOD = '大会，\n回顾其决议，\n1. 请秘书长报告。\n2024 年 12 月 2 日\n';
const OTHER = '大会，\n\n重申其以往各项决议，\n1. 决定继续审议该问题。\n';

type Entry = string | Uint8Array | { link: string };

/**
 * An in-memory file system with symbolic links. Folders are the prefixes of the paths; a link's
 * target is absolute. `realpath` resolves links component by component, as the OS does.
 */
function linkFs(entries: Record<string, Entry>, opts: { realpath?: boolean; locked?: string[] } = {}): FileSystem {
  const enc = new TextEncoder();
  const err = (code: string) => Object.assign(new Error(code), { code });
  const resolve = (p: string): string => {
    let hops = 0;
    const parts = p.split('/').filter(Boolean);
    let cur = '';
    for (let i = 0; i < parts.length; i++) {
      cur = `${cur}/${parts[i]}`;
      const e = entries[cur];
      if (e !== undefined && typeof e === 'object' && 'link' in e) {
        if (++hops > 40) throw err('ELOOP');
        // Continue from the target with the rest of the path.
        const rest = parts.slice(i + 1);
        parts.splice(0, parts.length, ...e.link.split('/').filter(Boolean), ...rest);
        i = -1;
        cur = '';
      }
    }
    return cur || '/';
  };
  const isDir = (p: string) => Object.keys(entries).some((f) => f.startsWith(p + '/'));
  const locked = (p: string) => {
    if (opts.locked?.includes(p)) throw err('EACCES');
  };
  const fsys: FileSystem = {
    async stat(p): Promise<FileStat> {
      locked(p);
      const r = resolve(p);
      const e = entries[r];
      if (e !== undefined && !(typeof e === 'object' && 'link' in e)) {
        return { isFile: true, isDirectory: false, size: typeof e === 'string' ? enc.encode(e).length : e.length, mtimeMs: 0 };
      }
      if (isDir(r)) return { isFile: false, isDirectory: true, size: 0, mtimeMs: 0 };
      throw err('ENOENT');
    },
    async readFile(p) {
      locked(p);
      const e = entries[resolve(p)];
      if (e === undefined || (typeof e === 'object' && 'link' in e)) throw err('ENOENT');
      return typeof e === 'string' ? enc.encode(e) : e;
    },
    async readDirectory(p) {
      locked(p);
      const r = resolve(p);
      const names = new Set<string>();
      for (const f of Object.keys(entries)) if (f.startsWith(r + '/')) names.add(f.slice(r.length + 1).split('/')[0]);
      return [...names];
    },
    join: (...parts) => parts.join('/'),
  };
  if (opts.realpath !== false) fsys.realpath = async (p) => resolve(p);
  return fsys;
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

/** A corpus as comparable data: documents by key (as JSON keeps them) and the echo index's keys. */
function snapshot(corpus: Corpus): { docs: Record<string, unknown>; echo: string[] } {
  const docs: Record<string, unknown> = {};
  for (const d of [...corpus.documents()].sort((a, b) => a.key.localeCompare(b.key))) docs[d.key] = JSON.parse(JSON.stringify(d));
  return { docs, echo: corpus.index.documentKeys().slice().sort() };
}

describe('corpus faults', () => {
  describe('symlink loops and bad files (in memory)', () => {
    it('a symlink to a parent folder is walked once and reported as a loop; a self-referencing one as ELOOP', async () => {
      const fsys = linkFs({
        '/c/good.txt': GOOD,
        '/c/sub/other.md': OTHER,
        '/c/sub/up': { link: '/c' },
        '/c/self.txt': { link: '/c/self.txt' },
        '/c/twin': { link: '/c/sub' },
      });
      const logger = recordingLogger();
      const corpus = new Corpus();
      const report = await loadCorpus(corpus, ['/c'], { fs: fsys, logger });
      assert.deepStrictEqual([...corpus.documents()].map((d) => d.key).sort(), ['/c/good.txt', '/c/sub/other.md']);
      const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
      assert.match(reasons['/c/sub/up'], /symlink loop/);
      assert.match(reasons['/c/self.txt'], /ELOOP/);
      // /c/twin is /c/sub reached a second way: already indexed, not a problem.
      assert.ok(!('/c/twin' in reasons), JSON.stringify(reasons));
      assert.strictEqual(report.skipped.length, 2);
      // Every skipped file is logged with its reason.
      for (const s of report.skipped) assert.ok(logger.lines.some((l) => l.includes(s.path) && l.includes(s.reason)), s.path);
    });

    it('without realpath, a loop stops at MAX_FOLDER_DEPTH', async () => {
      const fsys = linkFs({ '/c/good.txt': GOOD, '/c/up': { link: '/c' } }, { realpath: false });
      const corpus = new Corpus();
      const report = await loadCorpus(corpus, ['/c'], { fs: fsys, logger: silentLogger });
      assert.ok(report.skipped.some((s) => /nested more than/.test(s.reason)), JSON.stringify(report.skipped));
      assert.ok(corpus.size >= 1 && corpus.size <= MAX_FOLDER_DEPTH + 1);
    });

    it('binary, empty, undecodable, unreadable, oversized and growing files are skipped with their reasons', async () => {
      const big = new Uint8Array(MAX_CORPUS_FILE_BYTES + 1).fill(0x41);
      const undecodable = new Uint8Array(400).fill(0xff);
      const fsys = linkFs(
        {
          '/c/good.txt': GOOD,
          '/c/binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
          '/c/empty.txt': '',
          '/c/undecodable.txt': undecodable,
          '/c/locked.txt': GOOD,
          '/c/big.txt': big,
        },
        { locked: ['/c/locked.txt'] },
      );
      const corpus = new Corpus();
      const report = await loadCorpus(corpus, ['/c', '/nowhere'], { fs: fsys, logger: silentLogger });
      assert.deepStrictEqual([...corpus.documents()].map((d) => d.key), ['/c/good.txt']);
      const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
      assert.match(reasons['/c/binary.txt'], /not a text file \(binary\)/);
      assert.match(reasons['/c/empty.txt'], /empty/);
      assert.match(reasons['/c/undecodable.txt'], /not a text file/);
      assert.match(reasons['/c/locked.txt'], /cannot read \(EACCES\)/);
      assert.match(reasons['/c/big.txt'], /larger than 4 MiB/);
      assert.match(reasons['/nowhere'], /cannot read \(ENOENT\)/);
    });

    it('decodeText refuses bytes that are neither UTF-8, UTF-16 nor GB18030, and keeps a few bad bytes in text', () => {
      assert.deepStrictEqual(decodeText(new Uint8Array(64).fill(0xff)), { ok: false, reason: 'undecodable' });
      const mostlyGood = Buffer.concat([Buffer.from('大会，回顾其决议，'.repeat(20), 'utf8'), Buffer.from([0xff])]);
      assert.ok(decodeText(mostlyGood).ok);
    });
  });

  describe('a folder that changes while it is indexed (on disk)', () => {
    let tmp: string;
    let root: string;
    let cacheDir: string;
    const PAST = Date.parse('2024-01-02T03:04:05Z');
    let tick = 0;
    /** Writes a file dated in the past (each write a different second), so that the index cache takes it. */
    const write = (name: string, text: string) => {
      const file = path.join(root, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      const when = new Date(PAST + 1000 * ++tick);
      fs.utimesSync(file, when, when);
    };

    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-corpus-faults-'));
      root = path.join(tmp, 'corpus');
      cacheDir = path.join(tmp, 'cache');
      for (let i = 0; i < 24; i++) write(`d${String(i).padStart(2, '0')}/r${i}.txt`, `大会，\n回顾其第 ${i} 号决议，\n1. 请秘书长就第 ${i} 项问题提出报告。\n`);
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    /** nodeFileSystem that makes the next change on disk before every call it answers. */
    function mutating(changes: (() => void)[]): FileSystem {
      const step = () => changes.shift()?.();
      return {
        ...nodeFileSystem,
        stat: async (p) => (step(), nodeFileSystem.stat(p)),
        readFile: async (p) => (step(), nodeFileSystem.readFile(p)),
        readDirectory: async (p) => (step(), nodeFileSystem.readDirectory(p)),
      };
    }

    async function fresh(): Promise<Corpus> {
      const corpus = new Corpus();
      await loadCorpus(corpus, [root], { fs: nodeFileSystem, logger: silentLogger });
      return corpus;
    }

    it('never crashes nor half-adds a document, and a reload afterwards equals a fresh load', async () => {
      const changes: (() => void)[] = [];
      for (let i = 0; i < 60; i++) {
        const n = i % 24;
        const kind = i % 5;
        changes.push(() => {
          const dir = path.join(root, `d${String(n).padStart(2, '0')}`);
          try {
            if (kind === 0) fs.rmSync(dir, { recursive: true, force: true });
            else if (kind === 1) write(`d${String(n).padStart(2, '0')}/new${i}.txt`, `大会，\n重申第 ${i} 号决议，\n1. 决定继续审议。\n`);
            else if (kind === 2) write(`d${String(n).padStart(2, '0')}/r${n}.txt`, `大会，\n注意到第 ${i} 号报告${'，并回顾其决议'.repeat(i % 3)}，\n1. 请各国合作。\n`);
            else if (kind === 3) write(`d${String(n).padStart(2, '0')}/r${n}.txt`, '');
            else fs.rmSync(path.join(dir, `r${n}.txt`), { force: true });
          } catch {
            // a folder removed by an earlier change
          }
        });
      }
      const cache1 = await IndexCache.open(cacheDir, silentLogger);
      const during = new Corpus();
      const report = await loadCorpus(during, [root], { fs: mutating(changes), logger: silentLogger, cache: cache1 });
      await cache1.flush(during);
      assert.strictEqual(report.documents, during.size);
      // Each document is whole: its echo entry is there, and it is what a read of that text gives.
      const snap = snapshot(during);
      assert.deepStrictEqual(snap.echo, Object.keys(snap.docs).sort());
      for (const d of during.documents()) {
        assert.ok(d.paragraphs.length > 0, d.key);
        assert.ok(d.paragraphs.every((p) => typeof p.text === 'string' && p.text.length > 0), d.key);
      }

      // Once the folder is still: a reload through the cache gives what a fresh load gives.
      const cache2 = await IndexCache.open(cacheDir, silentLogger);
      const reloaded = new Corpus();
      await loadCorpus(reloaded, [root], { fs: nodeFileSystem, logger: silentLogger, cache: cache2 });
      await cache2.flush(reloaded);
      assert.deepStrictEqual(snapshot(reloaded), snapshot(await fresh()));
    });

    it('a file rewritten between stat and read is indexed as read and not cached under its old size', async () => {
      const target = path.join(root, 'd00', 'r0.txt');
      let rewritten = false;
      const fsys: FileSystem = {
        ...nodeFileSystem,
        readFile: async (p) => {
          if (p === target && !rewritten) {
            rewritten = true;
            fs.writeFileSync(target, OTHER);
            fs.utimesSync(target, new Date(PAST), new Date(PAST));
          }
          return nodeFileSystem.readFile(p);
        },
      };
      const cache = await IndexCache.open(cacheDir, silentLogger);
      const corpus = new Corpus();
      await loadCorpus(corpus, [root], { fs: fsys, logger: silentLogger, cache });
      await cache.flush(corpus);
      const doc: CorpusDocument = corpus.get(target)!;
      assert.match(doc.paragraphs[0].text, /重申其以往各项决议/);
      const again = new Corpus();
      const cache2 = await IndexCache.open(cacheDir, silentLogger);
      const report = await loadCorpus(again, [root], { fs: nodeFileSystem, logger: silentLogger, cache: cache2 });
      assert.strictEqual(report.fromCache, 23, 'the rewritten file is read again');
      assert.deepStrictEqual(snapshot(again), snapshot(await fresh()));
    });
  });

  describe('client restart policy', () => {
    it('restarts up to N times in M minutes, tells the user the first time only, then gives up once, clearly', () => {
      let t = 0;
      const policy = new RestartPolicy({ maxRestarts: 3, windowMs: 60_000, now: () => t });
      const first = policy.closed();
      assert.strictEqual(first.restart, true);
      assert.match(first.message!, /重启/);
      assert.match(first.message!, /restarted/);
      t += 1000;
      assert.deepStrictEqual(policy.closed(), { restart: true });
      t += 1000;
      assert.deepStrictEqual(policy.closed(), { restart: true });
      t += 1000;
      const giveUp = policy.closed();
      assert.strictEqual(giveUp.restart, false);
      assert.strictEqual(giveUp.final, true);
      assert.match(giveUp.message!, /不再重启/);
      assert.match(giveUp.message!, /will not be restarted/);
      assert.deepStrictEqual(policy.closed(), { restart: false, final: true, message: undefined });
    });

    it('forgets crashes older than the window, and all of them when the user restarts', () => {
      let t = 0;
      const policy = new RestartPolicy({ maxRestarts: 2, windowMs: 60_000, now: () => t });
      policy.closed();
      t += 10_000;
      policy.closed();
      t += 61_000;
      assert.deepStrictEqual(policy.closed(), { restart: true }, 'the first two are out of the window; no second notice');
      t += 1000;
      policy.closed();
      t += 1000;
      assert.strictEqual(policy.closed().restart, false);
      policy.reset();
      assert.deepStrictEqual(policy.closed(), { restart: true });
    });
  });
});
