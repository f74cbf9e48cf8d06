// End-to-end test with a real Neovim (issue #5): `nvim --headless` loads the README's snippet
// (editors/nvim/unres.lua), which starts `dist/server.js --stdio`, and test/nvim/e2e.lua drives it
// and writes what Neovim got into a JSON file; the assertions are here.
//
// Needs `nvim` (≥ 0.7) on PATH. Without it the test is skipped, unless UNRES_REQUIRE_NVIM=1 (as
// .ci/run sets, after installing Debian's neovim) makes a missing nvim a failure.
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_SERVER_PATH } from '../protocol/lspClient';
import { seedParagraph } from '../seedText';

const ROOT = path.resolve(__dirname, '../../..');
const SNIPPET = path.join(ROOT, 'editors/nvim/unres.lua');
const SCRIPT = path.join(ROOT, 'test/nvim/e2e.lua');
/** Neovim's own time limit (the Lua watchdog) and ours, which kills it. */
const WATCHDOG_MS = 25000;
const KILL_MS = 35000;


/** Echo paragraphs: 79/40 wording (in the built-in corpus) that A/RES/72/57 already had (its PP4, PP6, OP12). */
const ECHOES = [
  seedParagraph('回顾各国承诺将《行动纲领》作为', '非法贸易的主要框架，'),
  seedParagraph('念及《行动纲领》各次后续会议', '成果的执行情况，'),
  seedParagraph('16. 鼓励各国除其他机制外', '提供国际合作和援助；').replace(/^16\./, '1.'),
];
const CITATION_LINE = '注意到其第78/46号决议，';
const PUNCTUATION_LINE = '2. 吁请各国加强这方面的合作，';
const LINES = [
  '小武器和轻武器非法贸易的各方面问题',
  '',
  '大会，',
  '',
  ECHOES[0],
  ECHOES[1],
  CITATION_LINE,
  '',
  ECHOES[2],
  PUNCTUATION_LINE,
  '3. 决定继续处理这一问题。',
];
const lineOf = (text: string) => LINES.indexOf(text);

interface NvimDiagnostic {
  code: string;
  severity: number;
  message: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  text: string;
}

interface E2EResult {
  ok: boolean;
  error?: string;
  steps: string[];
  filetype?: string;
  client_name?: string;
  offset_encoding?: string;
  attached?: boolean;
  diagnostics?: NvimDiagnostic[];
  hover?: string;
  completion?: string[];
  symbols?: string[];
  links?: string[];
  compare?: { predecessor: string; rows: number };
  codelens?: { line: number; title: string }[];
  fix?: { title: string; line: number; lines: string[] };
  stopped?: boolean;
}

/** `NVIM v0.7.2`, or undefined when there is no nvim ≥ 0.7 on PATH. */
function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10000 });
  if (r.error || r.status !== 0) return undefined;
  const first = r.stdout.split('\n')[0];
  const m = /v(\d+)\.(\d+)/.exec(first);
  return m && (Number(m[1]) > 0 || Number(m[2]) >= 7) ? first : undefined;
}

describe('Neovim end to end (nvim --headless, editors/nvim/unres.lua)', function () {
  this.timeout(KILL_MS + 15000);
  let result: E2EResult;
  let stderr = '';
  let scratch: string;

  before(async function () {
    const version = nvimVersion();
    if (!version) {
      if (process.env.UNRES_REQUIRE_NVIM === '1') throw new Error('no nvim ≥ 0.7 on PATH, and UNRES_REQUIRE_NVIM=1 requires it (apt-get install neovim)');
      console.log('      [skipped] no nvim ≥ 0.7 on PATH: install Neovim ≥ 0.7 to run the Neovim end-to-end test (UNRES_REQUIRE_NVIM=1 makes this a failure).');
      this.skip();
    }
    assert.ok(fs.existsSync(DEFAULT_SERVER_PATH), 'run `npm run build` first');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-nvim-'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const x of ['CONFIG', 'DATA', 'STATE', 'CACHE']) {
      env[`XDG_${x}_HOME`] = path.join(scratch, x.toLowerCase());
      fs.mkdirSync(env[`XDG_${x}_HOME`]!);
    }
    delete env.NVIM_LOG_FILE;
    delete env.VIMINIT;
    const draft = path.join(scratch, 'draft.unres');
    fs.writeFileSync(draft, LINES.join('\n') + '\n');
    const config = {
      snippet: SNIPPET,
      server: [process.execPath, DEFAULT_SERVER_PATH, '--stdio'],
      draft,
      result: path.join(scratch, 'result.json'),
      watchdog_ms: WATCHDOG_MS,
      min_echoes: ECHOES.length,
      hover: { line: lineOf(ECHOES[2]), text: '除其他机制外' },
      completion: { after_line: lineOf(PUNCTUATION_LINE), prefix: '3. ' },
      fix_code: 'punctuation',
    };
    env.UNRES_E2E_CONFIG = path.join(scratch, 'config.json');
    fs.writeFileSync(env.UNRES_E2E_CONFIG, JSON.stringify(config));

    const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd: scratch,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, KILL_MS);
    child.stdout.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(timer);
    const where = `${version}, exit code ${code}${killed ? `, killed after ${KILL_MS} ms` : ''}\n${stderr.trim()}`;
    assert.ok(fs.existsSync(config.result), `nvim wrote no result (${where})`);
    result = JSON.parse(fs.readFileSync(config.result, 'utf8')) as E2EResult;
    result.steps.push(`(${where})`);
  });

  after(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const diagnostics = () => result.diagnostics ?? [];
  const show = (x: unknown) => JSON.stringify(x, null, 1);

  it('runs to the end: attached, initialized, stopped', () => {
    assert.ok(result.ok, `${result.error}\nsteps: ${result.steps.join(' → ')}`);
    assert.strictEqual(result.filetype, 'unres');
    assert.strictEqual(result.client_name, 'unres');
    assert.strictEqual(result.attached, true);
    assert.strictEqual(result.offset_encoding, 'utf-16');
    assert.strictEqual(result.stopped, true);
  });

  it('echo diagnostics: byte columns cut out exactly the paragraphs', () => {
    for (const paragraph of ECHOES) {
      const line = lineOf(paragraph);
      const d = diagnostics().find((x) => x.code === 'echo' && x.lnum === line);
      assert.ok(d, `an echo diagnostic on line ${line}: ${show(diagnostics())}`);
      // The built-in corpus holds A/RES/79/40 itself, and A/RES/72/57 which it was revised from.
      assert.match(d.message, /A\/RES\/(79\/40|72\/57)/);
      assert.strictEqual(d.col, 0);
      assert.strictEqual(d.end_lnum, line);
      // Byte columns: a Chinese character is 3 bytes in the buffer but 1 UTF-16 unit on the wire.
      assert.ok(d.end_col > paragraph.length, `end_col ${d.end_col} is in bytes (${Buffer.byteLength(paragraph)} bytes, ${paragraph.length} units)`);
      assert.ok(paragraph.startsWith(d.text), `the cut text is the paragraph's start: ${d.text}`);
      // The whole paragraph, or all but its closing mark.
      assert.ok(d.text.length >= paragraph.length - 1, `cut ${JSON.stringify(d.text)}\nparagraph ${JSON.stringify(paragraph)}`);
    }
  });

  it('a diagnostic in the middle of Chinese text starts at the right byte', () => {
    const line = lineOf(CITATION_LINE);
    const d = diagnostics().find((x) => x.code === 'citation-style' && x.lnum === line);
    assert.ok(d, `a citation-style diagnostic on line ${line}: ${show(diagnostics())}`);
    assert.ok(d.col > 0 && Buffer.from(CITATION_LINE).subarray(0, d.col).toString() === CITATION_LINE.slice(0, CITATION_LINE.indexOf(d.text)), show(d));
    assert.match(d.text, /^第?78\/46号决议$/, show(d));
  });

  it('hover on a carried-over paragraph names A/RES/72/57', () => {
    assert.match(result.hover ?? '', /A\/RES\/72\/57/, String(result.hover));
  });

  it('completion after `N. ` offers the verbs', () => {
    assert.ok(result.completion?.includes('鼓励'), show(result.completion));
    assert.ok(result.completion!.includes('请'), show(result.completion));
  });

  it('document symbols: the preambular and operative paragraphs', () => {
    const symbols = result.symbols ?? [];
    for (const name of ['PP1', 'PP2', 'PP3', 'OP1', 'OP2', 'OP3']) {
      assert.ok(symbols.some((s) => s.startsWith(name)), `${name} in ${show(symbols)}`);
    }
  });

  it('document links to undocs.org', () => {
    assert.ok(result.links?.includes('https://undocs.org/ch/A/RES/78/46'), show(result.links));
  });

  it('unres/compare and the code lenses: each paragraph named in the resolution it updates', () => {
    // The draft has the seeds' title and no session: the latest of them.
    assert.strictEqual(result.compare?.predecessor, 'A/RES/79/40', show(result.compare));
    const on = (text: string) => (result.codelens ?? []).filter((l) => l.line === lineOf(text)).map((l) => l.title);
    assert.ok(on(ECHOES[0]).includes('= 79/40 PP4'), show(result.codelens));
    assert.ok(on(ECHOES[2]).includes('= 79/40 OP16'), show(result.codelens));
  });

  it('a punctuation quick fix applied by Neovim changes the buffer', () => {
    assert.ok(result.fix, show(result));
    assert.strictEqual(result.fix.line, lineOf(PUNCTUATION_LINE));
    const expected = [...LINES];
    expected[lineOf(PUNCTUATION_LINE)] = PUNCTUATION_LINE.replace(/，$/, '；');
    assert.deepStrictEqual(result.fix.lines, expected);
  });
});

describe('the Neovim snippet in the README', () => {
  it('is editors/nvim/unres.lua, quoted verbatim', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const snippet = fs.readFileSync(SNIPPET, 'utf8');
    assert.ok(readme.includes('```lua\n' + snippet + '```\n'), 'README.md quotes editors/nvim/unres.lua as it is');
  });
});
