// The command line in review pipelines: `--format sarif` (validated offline against the official
// SARIF 2.1.0 schema in test/fixtures), folders and glob patterns as arguments, the summary line
// on stderr, `--max-warnings` and the exit codes 0/1/2.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expandInputs, globMatches } from '../../server/src/cli/inputs';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { ENGINE_VERSION } from '../../server/src/engine/version';
import { CLI, ROOT, Run, SEEDS, SEED_79_40, cli as runCli } from './runCli';

const SCHEMA = path.join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json');

/** The CLI without the index cache: these runs check output, not caching. */
const cli = (args: string[], cwd?: string): Run => runCli([...args, '--no-cache'], cwd);

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region } }[];
  properties?: { matches?: { symbol: string; paragraph: string; score: number }[] };
  fixes?: { description: { text: string }; artifactChanges: { replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string } }[] } };
    columnKind: string;
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

/** A text output line `file:line:col: severity [code] message` → its parts. */
function textFindings(stdout: string): { file: string; line: number; column: number; severity: string; code: string }[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const m = /^(.+?):(\d+):(\d+): (error|warning|information|hint) \[([\w-]+)\] /.exec(l);
      assert.ok(m, `malformed finding line: ${l}`);
      return { file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4], code: m[5] };
    });
}

const SUMMARY =
  /^unres: (\d+) 个文件 file\(s\), (\d+) 个警告 warning\(s\), (\d+) 条提示 note\(s\); (\d+) 个段落 paragraph\(s\), (\d+) 处沿用 echo\(es\), (\d+) 个引文问题 citation problem\(s\), (\d+) 个其他警告 other warning\(s\)$/m;

function summary(stderr: string) {
  const m = SUMMARY.exec(stderr);
  assert.ok(m, `no summary line on stderr:\n${stderr}`);
  const [files, warnings, notes, paragraphs, echoes, citations, other] = m.slice(1).map(Number);
  return { files, warnings, notes, paragraphs, echoes, citations, other };
}

const CLEAN = '大会，\n认识到各国需要分享监测数据，\n1. 鼓励各国制定国家行动计划；\n2. 邀请相关区域组织协助沿海国家。\n';
const GAP = '大会，\n认识到各国需要分享监测数据，\n1. 鼓励各国制定国家行动计划；\n3. 请秘书长提出报告。\n';

describe('cli: review pipelines', function () {
  this.timeout(30000);
  let tmp: string;
  let corpus: string;

  const write = (rel: string, text: string | Buffer) => {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  before(() => {
    assert.ok(fs.existsSync(CLI), `no ${CLI}: run \`npm run build\` first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-pipeline-'));
    corpus = path.join(tmp, 'earlier');
    fs.mkdirSync(corpus);
    for (const f of ['A-RES-58-241.txt', 'A-RES-61-66.txt', 'A-RES-72-57.md']) fs.copyFileSync(path.join(SEEDS, f), path.join(corpus, f));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('--format sarif', () => {
    let log: SarifLog;
    let run: Run;
    let work: string;
    const text = fs.readFileSync(SEED_79_40, 'utf8');

    before(() => {
      // Leave-one-out: this year's draft against the three earlier resolutions, from a working
      // folder that holds the draft, so that its URI is relative.
      work = path.join(tmp, 'work');
      fs.mkdirSync(path.join(work, 'drafts'), { recursive: true });
      fs.copyFileSync(SEED_79_40, path.join(work, 'drafts', 'A-RES-79-40.txt'));
      run = cli(['check', 'drafts/A-RES-79-40.txt', '--no-builtin', '--corpus', corpus, '--format', 'sarif'], work);
      assert.strictEqual(run.status, 1, run.stderr);
      log = JSON.parse(run.stdout) as SarifLog;
    });

    it('is valid against the official SARIF 2.1.0 schema', () => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as object);
      const ok = validate(log);
      assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      // and the validator does reject a broken log (the check is not vacuous)
      const broken = JSON.parse(run.stdout) as { runs: { results: { level: string }[] }[] };
      broken.runs[0].results[0].level = 'information';
      assert.strictEqual(validate(broken), false);
    });

    it('has the log header, the driver and one rule per code used', () => {
      assert.strictEqual(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
      assert.strictEqual(log.version, '2.1.0');
      assert.strictEqual(log.runs.length, 1);
      const r = log.runs[0];
      assert.strictEqual(r.columnKind, 'utf16CodeUnits');
      assert.strictEqual(r.tool.driver.name, 'unres');
      assert.strictEqual(r.tool.driver.version, ENGINE_VERSION);
      const ids = r.tool.driver.rules.map((x) => x.id);
      assert.deepStrictEqual([...new Set(r.results.map((x) => x.ruleId))].sort(), [...ids].sort());
      for (const rule of r.tool.driver.rules) assert.ok(rule.shortDescription.text.length > 10, rule.id);
      for (const res of r.results) assert.strictEqual(ids[res.ruleIndex], res.ruleId);
      assert.ok(r.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'), 'base URI must end with /');
    });

    it('has echo results at the paragraph starts, with matches naming A/RES/72/57', () => {
      const results = log.runs[0].results;
      const echoes = results.filter((x) => x.ruleId === 'echo');
      assert.ok(echoes.length >= 10, `${echoes.length} echoes`);
      const lines = text.split(/\r\n|\n|\r/);
      for (const e of echoes) {
        assert.ok(['warning', 'note'].includes(e.level), e.level);
        const loc = e.locations[0].physicalLocation;
        assert.deepStrictEqual(loc.artifactLocation, { uri: 'drafts/A-RES-79-40.txt', uriBaseId: '%SRCROOT%' });
        const { startLine, startColumn, endLine, endColumn } = loc.region;
        // the region starts where the paragraph's text starts on its line (1-based column)…
        const line = lines[startLine - 1];
        assert.strictEqual(line.slice(0, startColumn - 1).trim(), '', `${startLine}:${startColumn}`);
        assert.match(line.slice(startColumn - 1), /^(?:\d+\.\s*)?[\u4e00-\u9fff]/);
        // …and ends after it began
        assert.ok(endLine > startLine || (endLine === startLine && endColumn > startColumn));
        assert.ok(endColumn <= lines[endLine - 1].length + 1, 'end column past the end of its line');
        const matches = e.properties?.matches;
        assert.ok(Array.isArray(matches) && matches.length > 0, JSON.stringify(e.properties));
        assert.ok(matches.some((m) => m.symbol === 'A/RES/72/57'), JSON.stringify(matches));
        assert.ok(e.message.text.includes('A/RES/72/57'), e.message.text);
      }
      // PP1 revises 72/57 PP1: the region cuts out exactly that paragraph's start.
      const pp1Line = lines.findIndex((l) => l.includes('回顾其 2023 年 12 月 4 日第 78/46 号决议')) + 1;
      const pp1 = echoes.find((e) => e.locations[0].physicalLocation.region.startLine === pp1Line);
      assert.ok(pp1, `no echo on line ${pp1Line}`);
      assert.strictEqual(pp1.locations[0].physicalLocation.region.startColumn, lines[pp1Line - 1].indexOf('回顾其') + 1);
      assert.deepStrictEqual(pp1.properties?.matches?.[0], { ...pp1.properties?.matches?.[0], symbol: 'A/RES/72/57', paragraph: 'PP1' });
    });

    it('has the same findings as the text output, same positions and levels', () => {
      const t = cli(['check', 'drafts/A-RES-79-40.txt', '--no-builtin', '--corpus', corpus], work);
      const lines = textFindings(t.stdout);
      const results = log.runs[0].results;
      assert.strictEqual(results.length, lines.length);
      const level: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
      results.forEach((r, i) => {
        const reg = r.locations[0].physicalLocation.region;
        assert.deepStrictEqual(
          [r.ruleId, reg.startLine, reg.startColumn, r.level],
          [lines[i].code, lines[i].line, lines[i].column, level[lines[i].severity]],
        );
      });
    });

    it('carries quick fixes as replacements that, applied, give the corrected text', () => {
      const file = write('work/fixable.txt', '大会，\n回顾其第72/57号决议，\n1. 鼓励各国制定国家行动计划；\n3. 请秘书长提出报告。\n');
      const r = cli(['check', path.relative(work, file), '--no-builtin', '--format', 'sarif'], work);
      assert.strictEqual(r.status, 1, r.stderr);
      const results = (JSON.parse(r.stdout) as SarifLog).runs[0].results;
      const style = results.find((x) => x.ruleId === 'citation-style');
      assert.ok(style?.fixes?.length, JSON.stringify(results, null, 2));
      const replacement = style.fixes[0].artifactChanges[0].replacements[0];
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const d = replacement.deletedRegion;
      assert.strictEqual(d.startLine, d.endLine);
      const line = lines[d.startLine - 1];
      const fixed = line.slice(0, d.startColumn - 1) + replacement.insertedContent.text + line.slice(d.endColumn - 1);
      assert.strictEqual(fixed, '回顾其第 72/57 号决议，');
      const numbering = results.find((x) => x.ruleId === 'numbering');
      assert.ok(numbering?.fixes?.length, 'numbering has a renumbering fix');
    });

    it('names a file outside the working folder by an absolute file: URI', () => {
      const r = cli(['check', SEED_79_40, '--no-builtin', '--format', 'sarif'], tmp);
      const results = (JSON.parse(r.stdout) as SarifLog).runs[0].results;
      assert.ok(results.length > 0);
      for (const x of results) {
        const loc = x.locations[0].physicalLocation.artifactLocation;
        assert.strictEqual(loc.uriBaseId, undefined);
        assert.match(loc.uri, /^file:\/\/.*\/seeds\/A-RES-79-40\.txt$/);
      }
    });

    it('a clean draft: a valid log with no results, exit 0', () => {
      const file = write('sarif-clean/clean.txt', CLEAN);
      const r = cli(['check', file, '--no-builtin', '--format', 'sarif']);
      assert.strictEqual(r.status, 0, r.stdout + r.stderr);
      const clean = JSON.parse(r.stdout) as SarifLog;
      assert.deepStrictEqual(clean.runs[0].results, []);
      assert.deepStrictEqual(clean.runs[0].tool.driver.rules, []);
    });
  });

  describe('folders and globs', () => {
    before(() => {
      write('tree/a.txt', CLEAN);
      write('tree/sub/b.unres', GAP);
      write('tree/sub/deeper/c.unres.md', CLEAN);
      write('tree/sub/d.md', CLEAN);
      write('tree/notes.json', '{"not": "a draft"}');
      write('tree/image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
      write('tree/.hidden/e.txt', GAP);
      write('tree/node_modules/f.txt', GAP);
      write('tree/draft.docx.txt', CLEAN);
    });

    it('a folder: its corpus-like files, recursively, in name order, without dot-folders or node_modules', async () => {
      const inputs = await expandInputs(['tree'], nodeFileSystem, tmp);
      assert.deepStrictEqual(inputs.problems, []);
      assert.deepStrictEqual(
        inputs.files.map((f) => f.split(path.sep).join('/')),
        ['tree/a.txt', 'tree/draft.docx.txt', 'tree/sub/b.unres', 'tree/sub/d.md', 'tree/sub/deeper/c.unres.md'],
      );
    });

    it('a file named explicitly is checked whatever its extension; each file once', async () => {
      const inputs = await expandInputs(['tree/notes.json', 'tree', 'tree/a.txt'], nodeFileSystem, tmp);
      assert.strictEqual(inputs.files[0], path.join('tree', 'notes.json'));
      assert.strictEqual(inputs.files.filter((f) => f.endsWith('a.txt')).length, 1);
      assert.strictEqual(inputs.files.length, 6);
    });

    it('globs: *, **, ?, braces; relative stays relative, absolute stays absolute', () => {
      const rel = (p: string) => globMatches(p, tmp).map((f) => f.split(path.sep).join('/'));
      assert.deepStrictEqual(rel('tree/*.txt'), ['tree/a.txt', 'tree/draft.docx.txt']);
      assert.deepStrictEqual(rel('tree/**/*.md'), ['tree/sub/d.md', 'tree/sub/deeper/c.unres.md']);
      assert.deepStrictEqual(rel('tree/sub/?.unres'), ['tree/sub/b.unres']);
      assert.deepStrictEqual(rel('tree/**/*.{unres,json}'), ['tree/notes.json', 'tree/sub/b.unres']);
      // dot-folders and node_modules are not searched
      assert.deepStrictEqual(rel('tree/**/e.txt'), []);
      assert.deepStrictEqual(rel('tree/**/f.txt'), []);
      assert.deepStrictEqual(globMatches(path.join(tmp, 'tree', '*.txt'), '/'), [path.join(tmp, 'tree', 'a.txt'), path.join(tmp, 'tree', 'draft.docx.txt')]);
    });

    it('a quoted glob on the command line: every match checked, named relative to the working folder', () => {
      const r = cli(['check', 'tree/**/*.unres', 'tree/*.txt', '--no-builtin'], tmp);
      assert.strictEqual(r.status, 1, r.stdout + r.stderr);
      assert.deepStrictEqual(
        [...new Set(textFindings(r.stdout).map((f) => f.file.split(path.sep).join('/')))],
        ['tree/sub/b.unres'],
      );
      assert.strictEqual(summary(r.stderr).files, 3);
    });

    it('a folder on the command line: checks the drafts in it, not the JSON or the image', () => {
      const r = cli(['check', 'tree', '--no-builtin'], tmp);
      assert.strictEqual(r.status, 1, r.stdout + r.stderr);
      assert.strictEqual(summary(r.stderr).files, 5);
      const numbering = textFindings(r.stdout).filter((f) => f.code === 'numbering');
      assert.deepStrictEqual(numbering.map((f) => [f.file, f.line, f.column]), [[path.join('tree', 'sub', 'b.unres'), 4, 1]]);
    });

    it('a glob that matches nothing, or a folder without drafts: exit 2, naming it', () => {
      write('empty/readme.json', '{}');
      const r = cli(['check', 'tree/*.nothing', '--no-builtin'], tmp);
      assert.strictEqual(r.status, 2, r.stderr);
      assert.match(r.stderr, /no file matches tree\/\*\.nothing/);
      const e = cli(['check', 'empty', path.join('tree', 'a.txt'), '--no-builtin'], tmp);
      assert.strictEqual(e.status, 2, e.stderr);
      assert.match(e.stderr, /no draft .* in folder empty/);
      assert.strictEqual(summary(e.stderr).files, 1, 'the other files are still checked');
    });
  });

  describe('summary line', () => {
    it('counts files, paragraphs, echoes, citation problems and other warnings', () => {
      const file = write('sum/draft.txt', '大会，\n回顾其第72/57号决议，\n认识到各国需要分享监测数据，\n1. 鼓励各国制定国家行动计划；\n3. 请秘书长提出报告。\n');
      const r = cli(['check', file, write('sum/clean.txt', CLEAN), '--no-builtin']);
      const s = summary(r.stderr);
      const lines = textFindings(r.stdout);
      assert.strictEqual(s.files, 2);
      assert.strictEqual(s.paragraphs, 4 + 3);
      assert.strictEqual(s.echoes, 0);
      assert.strictEqual(s.citations, lines.filter((f) => /^(citation|footnote)-/.test(f.code)).length);
      assert.ok(s.citations >= 1);
      assert.strictEqual(s.other, lines.filter((f) => f.code === 'numbering' || f.code === 'punctuation').length);
      assert.ok(s.other >= 1);
      assert.strictEqual(s.warnings + s.notes, lines.length);
      assert.strictEqual(s.warnings, lines.filter((f) => f.severity === 'warning' || f.severity === 'error').length);
    });

    it('counts the echoes of the leave-one-out run, also with --format json and sarif (stdout stays clean)', () => {
      const text = cli(['check', SEED_79_40, '--no-builtin', '--corpus', corpus]);
      const s = summary(text.stderr);
      const echoes = textFindings(text.stdout).filter((f) => f.code === 'echo' || f.code === 'repeat').length;
      assert.strictEqual(s.echoes, echoes);
      assert.ok(s.echoes >= 10);
      assert.ok(s.paragraphs >= 40, String(s.paragraphs));
      for (const format of ['json', 'sarif']) {
        const r = cli(['check', SEED_79_40, '--no-builtin', '--corpus', corpus, '--format', format]);
        assert.deepStrictEqual(summary(r.stderr), s);
        JSON.parse(r.stdout);
      }
    });
  });

  describe('--max-warnings and exit codes', () => {
    let gap: string;
    let clean: string;
    let warnings: number;
    before(() => {
      gap = write('exit/gap.txt', GAP);
      clean = write('exit/clean.txt', CLEAN);
      warnings = summary(cli(['check', gap, '--no-builtin']).stderr).warnings;
      assert.ok(warnings >= 1);
    });

    it('default: any warning → 1, none → 0', () => {
      assert.strictEqual(cli(['check', gap, '--no-builtin']).status, 1);
      assert.strictEqual(cli(['check', clean, '--no-builtin']).status, 0);
    });

    it('exit 1 only when the warnings exceed N', () => {
      assert.strictEqual(cli(['check', gap, '--no-builtin', '--max-warnings', String(warnings)]).status, 0);
      assert.strictEqual(cli(['check', gap, '--no-builtin', `--max-warnings=${warnings - 1}`]).status, 1);
      assert.strictEqual(cli(['check', gap, '--no-builtin', '--max-warnings', '0']).status, 1);
      assert.strictEqual(cli(['check', gap, clean, '--no-builtin', '--max-warnings', '1000', '--format', 'sarif']).status, 0);
    });

    it('notes never count: a draft with only an Information finding exits 0 at --max-warnings 0', () => {
      const notes = write('exit/notes.txt', '大会，\n认识到各国需要分享监测数据，\n认识到各国需要制定国家计划，\n1. 鼓励各国制定国家行动计划；\n2. 邀请相关区域组织协助沿海国家。\n');
      const r = cli(['check', notes, '--no-builtin', '--max-warnings', '0']);
      assert.strictEqual(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /information \[verb-prefix\]/);
      assert.deepStrictEqual([summary(r.stderr).warnings, summary(r.stderr).notes], [0, 1]);
    });

    it('a bad --max-warnings: exit 2', () => {
      for (const bad of [['--max-warnings'], ['--max-warnings', '-1'], ['--max-warnings', 'many'], ['--max-warnings=1.5']]) {
        const r = cli(['check', clean, ...bad]);
        assert.strictEqual(r.status, 2, bad.join(' '));
        assert.match(r.stderr, /--max-warnings takes a whole number/);
      }
    });

    it('an unreadable file wins over --max-warnings: exit 2', () => {
      const r = cli(['check', gap, path.join(tmp, 'exit', 'missing.txt'), '--no-builtin', '--max-warnings', '1000']);
      assert.strictEqual(r.status, 2, r.stderr);
    });

    it('the usage documents the formats, --max-warnings and the exit codes', () => {
      const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0);
      assert.match(r.stdout, /--format F +text \(default\), json, or sarif/);
      assert.match(r.stdout, /--max-warnings N/);
      for (const code of ['0', '1', '2']) assert.match(r.stdout, new RegExp(`^  ${code}  `, 'm'));
    });
  });
});
