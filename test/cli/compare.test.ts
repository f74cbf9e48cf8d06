// `unres compare`, run as a user runs it: the seed chain's counts as the README gives them,
// each output format, naming another predecessor, and bad input.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, SEEDS, cli } from './runCli';

const compare = (...args: string[]) => cli(['compare', ...args, '--no-cache']);

/** The count tables of README.md: `| 79/40 vs 72/57 | …` header and its `| paragraphs 段数 | 4 | …` row. */
function readmeTables(): Map<string, Record<string, number>> {
  const lines = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
  const out = new Map<string, Record<string, number>>();
  lines.forEach((l, i) => {
    const head = /^\| (\d+\/\d+ vs \d+\/\d+) \|(.*)\|$/.exec(l);
    if (!head) return;
    const keys = head[2].split('|').map((k) => k.trim().split(' ').pop()!);
    const values = lines[i + 2].split('|').slice(2, -1).map((v) => Number(v.trim()));
    out.set(head[1], Object.fromEntries(keys.map((k, j) => [k, values[j]])));
  });
  return out;
}

describe('CLI: unres compare', function () {
  this.timeout(30000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-cli-compare-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the seed chain: each seed finds the one before it, with the counts README.md shows', () => {
    const tables = readmeTables();
    const chain = [
      ['A-RES-61-66.txt', 'A/RES/58/241', '61/66 vs 58/241'],
      ['A-RES-72-57.md', 'A/RES/61/66', '72/57 vs 61/66'],
      ['A-RES-79-40.txt', 'A/RES/72/57', '79/40 vs 72/57'],
    ];
    assert.deepStrictEqual([...tables.keys()], chain.map((c) => c[2]), 'README has the chain’s tables');
    for (const [file, before, table] of chain) {
      const r = compare(path.join(SEEDS, file), '--format', 'json');
      assert.strictEqual(r.status, 0, r.stderr);
      const c = JSON.parse(r.stdout);
      assert.strictEqual(c.predecessor.symbol, before);
      const { unchanged, technical, changed, dropped, moved } = c.summary;
      assert.deepStrictEqual(tables.get(table), { unchanged, technical, changed, new: c.summary.new, dropped, moved }, table);
      // The text format prints the same table.
      const text = compare(path.join(SEEDS, file));
      assert.ok(text.stdout.includes(`| ${table} |`), text.stdout.slice(-600));
    }
  });

  it('text: one line per paragraph with its counterpart and the word diff; the summary on stderr', () => {
    const r = compare(path.join(SEEDS, 'A-RES-79-40.txt'));
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^OP35 {2}technical 72\/57 OP22\n {6}请秘书长向大会\[-第七十三届-\]\{\+第八十届\+\}会议报告本决议的执行情况；$/m);
    assert.match(r.stdout, /^PP3 {3}unchanged 72\/57 PP3$/m);
    assert.match(r.stdout, /理由 why: 标题相同.*same title/);
    assert.match(r.stderr, /^unres: A\/RES\/79\/40 与 A\/RES\/72\/57 比较 compared: \d+ 未改 unchanged, .*技术性更新 technical update: 否 no$/m);
  });

  it('html: a page with a row per paragraph, classed, to --output', () => {
    const out = path.join(tmp, 'c.html');
    const r = compare(path.join(SEEDS, 'A-RES-79-40.txt'), '--format', 'html', '--output', out);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, '');
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    const json = JSON.parse(compare(path.join(SEEDS, 'A-RES-79-40.txt'), '--format', 'json').stdout);
    assert.strictEqual((html.match(/<tr class="technical"/g) ?? []).length, json.summary.technical);
    assert.ok(html.includes('<del>第七十三届</del><ins>第八十届</ins>'));
  });

  it('--against: a corpus symbol, or a file of any name', () => {
    const bySymbol = JSON.parse(compare(path.join(SEEDS, 'A-RES-79-40.txt'), '--against', '61/66', '--format', 'json').stdout);
    assert.strictEqual(bySymbol.predecessor.symbol, 'A/RES/61/66');
    const file = path.join(tmp, 'base.unres');
    fs.copyFileSync(path.join(SEEDS, 'A-RES-58-241.txt'), file);
    const r = compare(path.join(SEEDS, 'A-RES-61-66.txt'), `--against=${file}`, '--no-builtin', '--format', 'json');
    assert.strictEqual(r.status, 0, r.stderr);
    const c = JSON.parse(r.stdout);
    assert.strictEqual(c.predecessor.file, file);
    assert.match(c.predecessor.reason, /按指定 as named/);
  });

  it('bad input: a clear message and exit status 2', () => {
    const binary = path.join(tmp, 'binary.txt');
    fs.writeFileSync(binary, Buffer.from([0, 159, 146, 150, 0, 0, 1]));
    const unrelated = path.join(tmp, 'unrelated.txt');
    fs.writeFileSync(unrelated, '大会，\n\n注意到今年的天气格外晴朗，\n');
    const empty = path.join(tmp, 'empty.txt');
    fs.writeFileSync(empty, '');
    const cases: [string[], RegExp][] = [
      [[empty], /empty\.txt: 草案中没有段落 \/ the draft has no paragraphs to compare$/m],
      [[], /no draft to compare/],
      [[path.join(tmp, 'missing.txt')], /无法读取 cannot read .*missing\.txt: ENOENT/],
      [[binary], /无法读取 cannot read .*binary\.txt: 不是文本文件 not a text file \(binary\)/],
      [[unrelated], /草案没有标题.*the draft has no title.*--against/],
      [[path.join(SEEDS, 'A-RES-79-40.txt'), path.join(SEEDS, 'A-RES-72-57.md')], /one draft at a time/],
      [[path.join(SEEDS, 'A-RES-79-40.txt'), '--against', 'A/RES/1/1'], /A\/RES\/1\/1 is not in the corpus/],
      [[path.join(SEEDS, 'A-RES-79-40.txt'), '--against', binary], /not a text file/],
      [[path.join(SEEDS, 'A-RES-79-40.txt'), '--format', 'pdf'], /--format takes text, json, html or docx, not 'pdf'/],
      [[path.join(SEEDS, 'A-RES-79-40.txt'), '--format', 'docx'], /--format docx writes a file: add --output/],
      [[path.join(SEEDS, 'A-RES-79-40.txt'), '--against'], /--against 需要一个值 needs a value/],
    ];
    for (const [args, message] of cases) {
      const r = compare(...args);
      assert.strictEqual(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.doesNotMatch(r.stderr, /internal error|at .*\.js:\d+/, 'no stack trace');
    }
  });

  it('--help shows the usage', () => {
    const r = cli(['compare', '--help']);
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /unres compare DRAFT \[--against SYMBOL\|FILE\]/);
    assert.match(cli(['--help']).stdout, /unres compare DRAFT/);
  });
});
