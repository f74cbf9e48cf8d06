// The command line, run as a user runs it: `node dist/cli.js check …`. Exit status, the
// `file:line:col: severity [code] message` lines and `--format json` are checked against the files.
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { CLI, SEEDS, SEED_79_40, cli } from './runCli';

interface Line {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/** Parses `file:line:col: severity [code] message` lines of a file checked by that name. */
function findingLines(stdout: string, file: string): Line[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      assert.ok(l.startsWith(`${file}:`), `not a finding line for ${file}: ${l}`);
      const m = /^(\d+):(\d+): (error|warning|information|hint) \[([\w-]+)\] (.+)$/.exec(l.slice(file.length + 1));
      assert.ok(m, `malformed finding line: ${l}`);
      return { file, line: Number(m[1]), column: Number(m[2]), severity: m[3], code: m[4], message: m[5] };
    });
}

/** The text at a 1-based line and column (columns in UTF-16 units). */
function at(text: string, line: number, column: number): { before: string; after: string } {
  const l = text.split(/\r\n|\n|\r/)[line - 1];
  assert.ok(l !== undefined, `no line ${line}`);
  return { before: l.slice(0, column - 1), after: l.slice(column - 1) };
}

/** A finding at the start of a paragraph: only spaces before it, then a number or a verb. */
function assertParagraphStart(text: string, f: Line): void {
  const { before, after } = at(text, f.line, f.column);
  assert.strictEqual(before.trim(), '', `${f.line}:${f.column} is not at the start of the line's text: ${JSON.stringify(before)}`);
  assert.match(after, /^(?:\d+\.\s*)?[\u4e00-\u9fff]/, `${f.line}:${f.column} does not start a paragraph: ${JSON.stringify(after.slice(0, 12))}`);
}

describe('cli: unres check', function () {
  this.timeout(20000);
  let tmp: string;

  before(() => {
    assert.ok(fs.existsSync(CLI), `no ${CLI}: run \`npm run build\` first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-cli-'));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  describe('usage', () => {
    it('--help prints the usage and exits 0', () => {
      const r = cli(['--help']);
      assert.strictEqual(r.status, 0);
      assert.match(r.stdout, /usage: unres check FILE/);
      assert.match(r.stdout, /--no-builtin/);
      assert.match(r.stdout, /--format/);
    });

    it('no arguments: exit 2 with the usage on stderr', () => {
      const r = cli([]);
      assert.strictEqual(r.status, 2, r.stdout + r.stderr);
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /usage: unres check FILE/);
    });

    it('an unknown option: exit 2, naming it', () => {
      const r = cli(['check', SEED_79_40, '--bogus']);
      assert.strictEqual(r.status, 2);
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /unknown option '--bogus'/);
    });

    it('a bad --format: exit 2', () => {
      const r = cli(['check', SEED_79_40, '--format', 'xml']);
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /--format takes text, json or sarif/);
    });

    it('`check` without a file: exit 2', () => {
      const r = cli(['check']);
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /no file to check/);
    });

    it('a missing file: exit 2, naming the file', () => {
      const missing = path.join(tmp, 'no-such-draft.txt');
      const r = cli(['check', missing]);
      assert.strictEqual(r.status, 2);
      assert.ok(r.stderr.includes(`cannot read ${missing}`), r.stderr);
      assert.match(r.stderr, /ENOENT/);
    });

    it('a missing --corpus folder: exit 2, naming it', () => {
      const draft = write('clean-for-corpus.txt', '大会，\n认识到各国需要分享监测数据，\n1. 鼓励各国制定国家行动计划。\n');
      const missing = path.join(tmp, 'no-such-corpus');
      const r = cli(['check', draft, '--corpus', missing]);
      assert.strictEqual(r.status, 2, r.stderr);
      assert.ok(r.stderr.includes(missing), r.stderr);
    });

    it('a binary file: exit 2', () => {
      const file = path.join(tmp, 'binary.txt');
      fs.writeFileSync(file, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)));
      const r = cli(['check', file]);
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /not a text file/);
    });
  });

  describe('size policy, as in the editor', () => {
    it('a draft over unres.limits.maxDocumentSize: the structure checks only, and stderr says so', () => {
      const text = fs.readFileSync(SEED_79_40, 'utf8').replace(/\n 3\. /, '\n 4. ');
      const whole = cli(['check', write('sized/whole/draft.txt', text)]);
      assert.ok(/\[echo\]/.test(whole.stdout), whole.stdout + whole.stderr);
      const draft = write('sized/small-limit/draft.txt', text);
      write('sized/small-limit/.unres.json', JSON.stringify({ limits: { maxDocumentSize: 1000 } }));
      const r = cli(['check', draft]);
      assert.strictEqual(r.status, 1, r.stdout + r.stderr);
      const codes = new Set(findingLines(r.stdout, draft).map((f) => f.code));
      assert.ok(codes.has('numbering'), r.stdout);
      assert.ok(!codes.has('echo') && !codes.has('repeat'), r.stdout);
      assert.match(r.stderr, /larger than 1,000 characters \(unres.limits.maxDocumentSize\): structure checks only/);
    });

    it('a file over 10,000,000 characters is not checked (exit 2); the other files are', () => {
      const huge = write('sized/huge.txt', '大会，\n' + '认识到各国需要分享监测数据，\n'.repeat(700_000));
      const small = write('sized/gap.txt', '大会，\n认识到各国需要分享监测数据，\n1. 鼓励各国制定国家行动计划；\n3. 请秘书长提出报告。\n');
      const r = cli(['check', huge, small, '--no-builtin']);
      assert.strictEqual(r.status, 2, r.stderr);
      assert.match(r.stderr, /huge\.txt is larger than 10,000,000 characters: not checked/);
      assert.ok(!r.stdout.includes(huge), 'nothing reported in the huge file');
      assert.strictEqual(findingLines(r.stdout, small).filter((f) => f.code === 'numbering').length, 1, r.stdout);
    });
  });

  describe('findings', () => {
    it('a clean hand-made draft: exit 0, no warnings', () => {
      const draft = write(
        'clean.txt',
        [
          '海洋塑料垃圾',
          '大会，',
          '认识到海洋塑料垃圾对沿海社区的生计构成日益严重的威胁，',
          '又认识到各国需要在自愿基础上分享海洋垃圾监测数据，',
          '1. 鼓励各国制定减少一次性塑料制品使用的国家行动计划；',
          '2. 邀请相关区域组织协助沿海国家建设废物管理能力。',
          '',
        ].join('\n'),
      );
      const r = cli(['check', draft]);
      assert.strictEqual(r.status, 0, r.stdout + r.stderr);
      assert.ok(!/: (warning|error) /.test(r.stdout), r.stdout);
      assert.match(r.stderr, /1 个文件 file\(s\), 0 个警告 warning\(s\)/);
    });

    it('a draft with a numbering gap: exit 1, the warning at the wrong number', () => {
      const text = '大会，\r\n认识到各国需要分享监测数据，\r\n1. 鼓励各国制定国家行动计划；\r\n3. 请秘书长提出报告。\r\n';
      const draft = write('gap.txt', text);
      const r = cli(['check', draft, '--no-builtin']);
      assert.strictEqual(r.status, 1, r.stdout + r.stderr);
      const numbering = findingLines(r.stdout, draft).filter((f) => f.code === 'numbering');
      assert.strictEqual(numbering.length, 1, r.stdout);
      assert.strictEqual(numbering[0].severity, 'warning');
      assert.deepStrictEqual([numbering[0].line, numbering[0].column], [4, 1]);
      assert.strictEqual(at(text, 4, 1).after.slice(0, 2), '3.');
    });

    it('A/RES/79/40 against the built-in corpus: exit 1, `echo` warnings at the paragraph starts, never itself', () => {
      const r = cli(['check', SEED_79_40]);
      assert.strictEqual(r.status, 1, r.stderr);
      const text = fs.readFileSync(SEED_79_40, 'utf8');
      const lines = findingLines(r.stdout, SEED_79_40);
      const echoes = lines.filter((f) => f.code === 'echo');
      assert.ok(echoes.filter((f) => f.severity === 'warning').length >= 5, r.stdout);
      for (const f of echoes) {
        assertParagraphStart(text, f);
        // 79/40 is in the built-in corpus, as this very file: it is not its own earlier wording.
        assert.ok(!f.message.includes('A/RES/79/40'), f.message);
      }
      // PP1, `回顾其 2023 年 12 月 4 日第 78/46 号决议…`, revises 72/57 PP1 (`回顾其 2016 年 12 月 5 日第 71/48 号决议…`).
      const pp1Line = text.split('\n').findIndex((l) => l.includes('回顾其 2023 年 12 月 4 日第 78/46 号决议')) + 1;
      const pp1 = echoes.find((f) => f.line === pp1Line);
      assert.ok(pp1, `no echo on line ${pp1Line}:\n${r.stdout}`);
      assert.strictEqual(pp1.column, text.split('\n')[pp1Line - 1].indexOf('回顾其') + 1);
      assert.match(pp1.message, /A\/RES\/72\/57 序言部分第 1 段/);
      // Findings come in the order of the file.
      const order = lines.map((f) => f.line * 10000 + f.column);
      assert.deepStrictEqual(order, [...order].sort((a, b) => a - b));
    });

    it('--format json: the same findings, with the matches best first', () => {
      const text = cli(['check', SEED_79_40]);
      const r = cli(['check', SEED_79_40, '--format', 'json']);
      assert.strictEqual(r.status, 1);
      const findings = JSON.parse(r.stdout) as {
        file: string;
        line: number;
        column: number;
        endLine: number;
        endColumn: number;
        severity: string;
        code: string;
        message: string;
        data?: { matches?: { symbol: string; paragraph: string; score: number }[] };
      }[];
      assert.ok(Array.isArray(findings));
      assert.deepStrictEqual(
        findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} [${f.code}] ${f.message}`),
        text.stdout.split('\n').filter((l) => l !== ''),
      );
      const echoes = findings.filter((f) => f.code === 'echo');
      assert.ok(echoes.length > 0);
      for (const f of echoes) {
        const matches = f.data?.matches;
        assert.ok(Array.isArray(matches) && matches.length > 0, JSON.stringify(f));
        for (const m of matches) {
          assert.match(m.symbol, /^A\/RES\/\d+\/\d+$/);
          assert.match(m.paragraph, /^(PP|OP)\d+$/);
          assert.ok(m.score > 0 && m.score <= 1, String(m.score));
        }
        const scores = matches.map((m) => m.score);
        assert.deepStrictEqual(scores, [...scores].sort((a, b) => b - a), 'matches not best first');
        assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn > f.column));
      }
    });

    it('--no-builtin --corpus DIR: 79/40 left out, its echoes come from A/RES/72/57', () => {
      const corpus = path.join(tmp, 'corpus');
      fs.mkdirSync(corpus, { recursive: true });
      for (const f of ['A-RES-58-241.txt', 'A-RES-61-66.txt', 'A-RES-72-57.md']) fs.copyFileSync(path.join(SEEDS, f), path.join(corpus, f));
      const r = cli(['check', SEED_79_40, '--no-builtin', '--corpus', corpus]);
      assert.strictEqual(r.status, 1, r.stderr);
      const text = fs.readFileSync(SEED_79_40, 'utf8');
      const echoes = findingLines(r.stdout, SEED_79_40).filter((f) => f.code === 'echo');
      assert.ok(echoes.length >= 10, r.stdout);
      assert.ok(echoes.every((f) => f.message.includes('A/RES/72/57')), r.stdout);
      for (const f of echoes) assertParagraphStart(text, f);

      // and without any corpus, no echoes at all
      const alone = cli(['check', SEED_79_40, '--no-builtin']);
      assert.deepStrictEqual(findingLines(alone.stdout, SEED_79_40).filter((f) => f.code === 'echo'), []);
    });
  });

  describe('output into a pipe that closes early (`unres check … | head`)', () => {
    it('stops quietly, without an EPIPE crash, and still exits with the result', async () => {
      const child = spawn(process.execPath, [CLI, 'check', SEED_79_40, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      // The reader goes away before the first line is written: every write meets a closed pipe.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on('close', (c, s) => resolve([c, s])),
      );
      assert.ok(!/EPIPE|Unhandled|at .*cli\.js/.test(stderr), stderr);
      assert.strictEqual(signal, null);
      assert.strictEqual(code, 1, `exit ${code}: ${stderr}`);
    });

    it('piped into `head -n 1`: the first line, and nothing on stderr but the summary', function () {
      if (process.platform === 'win32') this.skip();
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check "${SEED_79_40}" --format json | head -n 1`], {
        encoding: 'utf8',
        timeout: 15000,
      });
      assert.strictEqual(r.stdout, '[\n');
      assert.match(r.stderr, /^unres: 1 个文件 file\(s\), \d+ 个警告 warning\(s\)[^\n]*\n$/);
    });
  });
});
