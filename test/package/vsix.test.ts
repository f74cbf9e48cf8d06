// The .vsix a user installs: `npm run package` (vsce, offline) must make an archive under 2 MB
// that holds what the manifest and README point at, the bundles and the seeds, and no
// node_modules, sources or source maps; and its server must run from the unpacked archive alone
// (the bundles are self-contained) and find the shipped seeds as its built-in corpus.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DRAFT_72_57_PP4_OP1 } from '../protocol/drafts';
import { LspClient } from '../protocol/lspClient';
import { packageVsix } from './packageVsix';
import { readZip, ZipEntry } from './zip';
import { spawnSync } from 'child_process';
import { writeTrackedDocx } from '../../server/src/node/docx/trackedDocx';
import { PAGE_1, PAGE_2, handWrittenPdf } from '../unit/pdfFixtures';
import { P } from '../unit/trackedExamples';

const ROOT = path.resolve(__dirname, '../../..');
const MAX_BYTES = 2 * 1024 * 1024;

/** Files (and folders, ending in `/`) the installed extension reads, relative to its folder, as the manifest names them. */
function manifestFiles(manifest: any, manifestText: string): string[] {
  const files = [manifest.main];
  const contributes = manifest.contributes ?? {};
  for (const language of contributes.languages ?? []) if (language.configuration) files.push(language.configuration);
  for (const grammar of contributes.grammars ?? []) files.push(grammar.path);
  for (const snippet of contributes.snippets ?? []) files.push(snippet.path);
  if (manifest.icon) files.push(manifest.icon);
  // vscode.l10n's folder of translations (bundle.l10n.<locale>.json): a folder, written `name/`.
  if (manifest.l10n) files.push(`${manifest.l10n.replace(/\/?$/, '/')}`);
  // `%key%` titles and descriptions are looked up in package.nls.json.
  if (/"%[\w.-]+%"/.test(manifestText)) files.push('package.nls.json');
  return files.map((f: string) => path.posix.normalize(f.replace(/^\.\//, '')));
}

/** Local images of a Markdown text: `![alt](path)` and `<img src="path">`. */
function localImages(markdown: string): string[] {
  const found = [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g), ...markdown.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  return found.filter((src) => !/^[a-z]+:/i.test(src)).map((src) => path.posix.normalize(src.replace(/^\.\//, '')));
}

describe('package: the .vsix', function () {
  this.timeout(120000);
  let temp: string;
  let vsixPath: string;
  let entries: ZipEntry[];
  let names: string[];
  const inExtension = (file: string) =>
    file.endsWith('/') ? names.some((n) => n.startsWith(`extension/${file}`)) : names.includes(`extension/${file}`);

  before(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-vsix-'));
    vsixPath = path.join(temp, 'unres.vsix');
    packageVsix(vsixPath);
    entries = readZip(fs.readFileSync(vsixPath));
    names = entries.map((e) => e.name);
  });

  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('is under 2 MB', () => {
    const size = fs.statSync(vsixPath).size;
    assert.ok(size < MAX_BYTES, `the .vsix is ${size} bytes`);
  });

  it('has no node_modules, sources, source maps or tests', () => {
    const unwanted = names.filter((n) => /(^|\/)node_modules\/|\.map$|\.ts$|^extension\/(test|out|server|client|bench|scripts|\.ci)\//.test(n));
    assert.deepStrictEqual(unwanted, []);
  });

  it('holds the bundles (the corpus reader thread too), the seeds, README, CHANGELOG and the licence', () => {
    const seeds = fs.readdirSync(path.join(ROOT, 'seeds')).map((f) => `seeds/${f}`);
    const missing = ['dist/extension.js', 'dist/server.js', 'dist/corpusWorker.js', 'readme.md', 'changelog.md', 'LICENSE.txt', ...seeds].filter((f) => !inExtension(f));
    assert.deepStrictEqual(missing, []);
  });

  it('holds every file the manifest and the README point at', () => {
    const manifestText = entries.find((e) => e.name === 'extension/package.json')!.read().toString('utf8');
    const readme = entries.find((e) => e.name === 'extension/readme.md')!.read().toString('utf8');
    const wanted = [...manifestFiles(JSON.parse(manifestText), manifestText), ...localImages(readme)];
    assert.ok(localImages(readme).length > 0, 'the README shows a screenshot');
    assert.deepStrictEqual(wanted.filter((f) => !inExtension(f)), []);
  });

  /** The archive unpacked into a folder with no node_modules above it. */
  const unpack = (): string => {
    const unpacked = path.join(temp, 'unpacked');
    if (fs.existsSync(unpacked)) return unpacked;
    for (const entry of entries) {
      const target = path.join(unpacked, entry.name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.read());
    }
    return unpacked;
  };

  it('runs its server from the unpacked archive alone, with the seeds as the built-in corpus', async () => {
    const unpacked = unpack();
    const client = await LspClient.start({
      serverPath: path.join(unpacked, 'extension/dist/server.js'),
      cwd: unpacked,
      env: { NODE_PATH: '' },
      settings: { unres: { corpus: { builtin: true, paths: [] } } },
    });
    try {
      const uri = 'file:///tmp/unres-vsix-draft.unres';
      client.openDocument(uri, DRAFT_72_57_PP4_OP1);
      const diags = await client.waitForDiagnostics(uri, (d) => d.filter((x) => x.code === 'echo').length === 2, 20000);
      const sources = diags.filter((d) => d.code === 'echo').map((d) => (d.data as { matches: { symbol: string }[] }).matches[0].symbol);
      assert.deepStrictEqual(sources, ['A/RES/72/57', 'A/RES/72/57']);
    } finally {
      await client.shutdown();
    }
  });

  it('reads PDFs (Chinese fonts that need the CMaps) and Word documents from the unpacked archive alone: pdf.js ships in dist/pdfjs', async () => {
    const unpacked = unpack();
    const pdf = path.join(temp, 'draft.pdf');
    fs.writeFileSync(pdf, handWrittenPdf([PAGE_1, PAGE_2]));
    const docx = path.join(temp, 'draft.docx');
    fs.writeFileSync(docx, await writeTrackedDocx({ author: 'unres', date: new Date(), paragraphs: [P(['same', '大会，']), P(['ins', '1. 决定继续处理这一问题。'])] }));
    const r = spawnSync(process.execPath, [path.join(unpacked, 'extension/dist/cli.js'), 'check', pdf, docx, '--no-cache'], { cwd: unpacked, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
    assert.match(r.stderr, /unres: 2 个文件 file\(s\).* 6 个段落 paragraph\(s\)/, r.stderr);
    assert.ok(!/cannot read|pdf\.js is missing|Warning/.test(r.stderr), r.stderr);
  });
});
