import * as assert from 'assert';
import * as path from 'path';
import { Corpus, loadCorpus, symbolFromFileName } from '../../server/src/engine/corpus';
import { FileStat, FileSystem, silentLogger } from '../../server/src/engine/fileSystem';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';

const SEEDS = path.join(__dirname, '../../../seeds');

/** An in-memory file system: folders are the prefixes of the file paths; `broken` paths fail. */
function memoryFs(files: Record<string, string | Uint8Array>, broken: string[] = []): FileSystem {
  const enc = new TextEncoder();
  const isDir = (p: string) => Object.keys(files).some((f) => f.startsWith(p + '/'));
  const fail = (p: string) => {
    if (broken.includes(p)) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
  };
  return {
    async stat(p): Promise<FileStat> {
      fail(p);
      if (p in files) return { isFile: true, isDirectory: false, size: enc.encode(String(files[p])).length, mtimeMs: 0 };
      if (isDir(p)) return { isFile: false, isDirectory: true, size: 0, mtimeMs: 0 };
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    },
    async readFile(p) {
      fail(p);
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return typeof f === 'string' ? enc.encode(f) : f;
    },
    async readDirectory(p) {
      fail(p);
      const names = new Set<string>();
      for (const f of Object.keys(files)) if (f.startsWith(p + '/')) names.add(f.slice(p.length + 1).split('/')[0]);
      return [...names];
    },
    join: (...parts) => parts.join('/'),
  };
}

describe('corpus', () => {
  it('loads the seeds with their symbols, titles and adoption dates', async () => {
    const corpus = new Corpus();
    const report = await loadCorpus(corpus, [SEEDS], { fs: nodeFileSystem, logger: silentLogger });
    assert.strictEqual(report.documents, 4);
    const r = corpus.bySymbol('A/RES/72/57')!;
    assert.strictEqual(r.title, '小武器和轻武器非法贸易的各方面问题');
    assert.deepStrictEqual(r.date, { year: 2017, month: 12, day: 4 });
    assert.strictEqual(r.paragraphs.length, 44);
    assert.deepStrictEqual(r.paragraphs[3], {
      label: 'PP4',
      kind: 'preambular',
      text: '回顾各国承诺将《行动纲领》视为在国际社会活动中采取措施从各个方面防止、打击和消除小武器和轻武器非法贸易的主要框架，',
      verb: '回顾',
      verbPrefix: '',
    });
  });

  it('learns citation dates from the corpus and prefers a document\'s own date', async () => {
    const corpus = new Corpus();
    await loadCorpus(corpus, [SEEDS], { fs: nodeFileSystem, logger: silentLogger });
    // 71/48 is not in the corpus: A/RES/72/57 cites it with its date
    assert.deepStrictEqual(corpus.knownDate('A/RES/71/48'), {
      date: { year: 2016, month: 12, day: 5 },
      source: 'cited',
      witnesses: ['A/RES/72/57'],
    });
    // 58/241 is in the corpus: its own closing date
    assert.deepStrictEqual(corpus.knownDate('A/RES/58/241')?.date, { year: 2003, month: 12, day: 23 });
    assert.strictEqual(corpus.knownDate('A/RES/58/241')?.source, 'own');
    // 56/24 V is cited by three seeds with the same date
    const v = corpus.knownDate('A/RES/56/24 V')!;
    assert.deepStrictEqual(v.date, { year: 2001, month: 12, day: 24 });
    assert.ok(v.witnesses.length >= 3, v.witnesses.join());
    assert.strictEqual(corpus.knownDate('A/RES/99/1'), undefined);
  });

  it('counts the verbs that open paragraphs, by part', async () => {
    const corpus = new Corpus();
    await loadCorpus(corpus, [SEEDS], { fs: nodeFileSystem, logger: silentLogger });
    const op = corpus.verbCounts('operative');
    const pp = corpus.verbCounts('preambular');
    assert.ok((op.get('鼓励') ?? 0) > (op.get('核可') ?? 0));
    assert.ok((pp.get('回顾') ?? 0) >= 4);
    assert.strictEqual(pp.get('又决定'), undefined);
    // 58/241 OP2 and OP9, 61/66 OP5, 79/40 OP9
    assert.strictEqual(op.get('又决定'), 4);
  });

  it('skips unreadable folders, binary and empty files with a reason, and keeps the rest', async () => {
    const fs = memoryFs(
      {
        '/c/good.txt': '大会，\n回顾其决议，\n1. 请秘书长报告。\n2024 年 12 月 2 日\n',
        '/c/sub/other.md': '大会，\n\n**重申**其决议，\n',
        '/c/image.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
        '/c/notes.txt': 'just some notes',
        '/c/ignored.png': 'not read',
        '/c/~$good.docx': 'Word lock file',
        '/c/locked/x.txt': '大会，\n回顾，\n',
      },
      ['/c/locked'],
    );
    const corpus = new Corpus();
    const report = await loadCorpus(corpus, ['/c', '/missing'], { fs, logger: silentLogger });
    assert.deepStrictEqual([...corpus.documents()].map((d) => d.key).sort(), ['/c/good.txt', '/c/sub/other.md']);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons['/c/image.txt'], /not a text file/);
    assert.match(reasons['/c/notes.txt'], /no paragraphs/);
    assert.match(reasons['/c/locked'], /cannot .*EACCES/);
    assert.match(reasons['/missing'], /cannot read \(ENOENT\)/);
    assert.ok(!('/c/ignored.png' in reasons));
    assert.ok(!('/c/~$good.docx' in reasons));
  });

  it('reads GB18030 and UTF-16 files as text', async () => {
    // 大会，回顾其决议， in GB18030 and in UTF-16LE with BOM
    const gb = new Uint8Array([0xb4, 0xf3, 0xbb, 0xe1, 0xa3, 0xac, 0x0a, 0xbb, 0xd8, 0xb9, 0xcb, 0xc6, 0xe4, 0xbe, 0xf6, 0xd2, 0xe9, 0xa3, 0xac]);
    const u16 = new Uint8Array([0xff, 0xfe, ...Array.from(Buffer.from('大会，\n回顾其决议，', 'utf16le'))]);
    const corpus = new Corpus();
    await loadCorpus(corpus, ['/gb.txt', '/u16.txt'], { fs: memoryFs({ '/gb.txt': gb, '/u16.txt': u16 }), logger: silentLogger });
    for (const key of ['/gb.txt', '/u16.txt']) assert.strictEqual(corpus.get(key)?.paragraphs[0].text, '回顾其决议，', key);
  });

  it('forgets a removed document everywhere', async () => {
    const corpus = new Corpus();
    await loadCorpus(corpus, [SEEDS], { fs: nodeFileSystem, logger: silentLogger });
    const key = corpus.bySymbol('A/RES/72/57')!.key;
    corpus.remove(key);
    assert.strictEqual(corpus.bySymbol('A/RES/72/57'), undefined);
    assert.strictEqual(corpus.knownDate('A/RES/71/48'), undefined);
    assert.strictEqual(corpus.size, 3);
  });

  it('derives a symbol from a file name when the text has none', () => {
    assert.strictEqual(symbolFromFileName('/x/A-RES-72-57.md'), 'A/RES/72/57');
    assert.strictEqual(symbolFromFileName('C:\\x\\A_RES_61_66.txt'), 'A/RES/61/66');
    assert.strictEqual(symbolFromFileName('/x/draft.unres.md'), 'draft');
  });
});
