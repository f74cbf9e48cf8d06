// `unres check` living with the warnings (README): the .unres.json files found upward from each
// draft (cascade, rule severities, the corpus of the working folder's file, a broken file),
// `--print-config`, the accepted wording of .unres/accepted.txt and suppression comments, run as
// a user runs them, in a scratch folder.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SEEDS, cli } from './runCli';

const PP4 = '回顾各国承诺将《行动纲领》视为在国际社会活动中采取措施从各个方面防止、打击和消除小武器和轻武器非法贸易的主要框架，';
const OP1 = '1. 着重指出要解决小武器和轻武器非法贸易的各方面问题，就要在国家、区域和国际各级作出协调一致的努力来防止、打击和消除小武器和轻武器的非法制造、转让和流通。';
/** PP4 and OP1 of A/RES/72/57 (echoes, warnings), and two paragraphs opening with the same verb (verb-prefix, information). */
const DRAFT = ['大会，', '注意到𠀋新的情况，', '注意到各国的报告，', PP4, OP1, ''].join('\n');

/** `[severity, code]` of each finding line. */
function findings(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /: (error|warning|information|hint) \[([\w-]+)\]/.exec(l);
      assert.ok(m, l);
      return [m[1], m[2]];
    });
}

describe('cli: living with the warnings', function () {
  this.timeout(30000);
  let tmp: string;
  const write = (rel: string, text: string) => {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-cli-living-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('without configuration: two echoes (warning, information) and the verb-prefix information', () => {
    write('d.txt', DRAFT);
    const r = cli(['check', 'd.txt'], tmp);
    assert.deepStrictEqual(findings(r.stdout), [
      ['information', 'verb-prefix'],
      ['information', 'echo'],
      ['warning', 'echo'],
    ]);
    assert.strictEqual(r.status, 1);
  });

  it('.unres.json files cascade: the nearer overrides, rules set the severity of any code or turn it off; the exit status follows', () => {
    write('.unres.json', JSON.stringify({ rules: { echo: 'hint', 'verb-prefix': 'error' } }));
    write('a/b/.unres.json', JSON.stringify({ rules: { 'verb-prefix': 'off' } }));
    write('a/top.txt', DRAFT);
    write('a/b/deep.txt', DRAFT);
    const top = cli(['check', 'a/top.txt'], tmp);
    assert.deepStrictEqual(findings(top.stdout), [['error', 'verb-prefix'], ['hint', 'echo'], ['hint', 'echo']]);
    assert.strictEqual(top.status, 1, 'an error counts as a warning');
    const deep = cli(['check', 'a/b/deep.txt'], tmp);
    assert.deepStrictEqual(findings(deep.stdout), [['hint', 'echo'], ['hint', 'echo']]);
    assert.strictEqual(deep.status, 0, deep.stderr);
  });

  it('--print-config prints the settings in force for a file and the files they came from, farthest first', () => {
    write('.unres.json', JSON.stringify({ echo: { threshold: 0.5 }, rules: { echo: 'hint' } }));
    write('a/.unres.json', JSON.stringify({ echo: { threshold: 0.8 } }));
    write('a/.unres/accepted.txt', `A/RES/72/57 PP4\t${PP4}\n`);
    write('a/d.txt', DRAFT);
    const r = cli(['check', '--print-config', 'a/d.txt'], tmp);
    assert.strictEqual(r.status, 0, r.stderr);
    const printed = JSON.parse(r.stdout);
    // Paths from the working folder, as the CLI sees it (symbolic links resolved).
    const real = fs.realpathSync(tmp);
    assert.deepStrictEqual(printed.configFiles, [path.join(real, '.unres.json'), path.join(real, 'a/.unres.json')]);
    assert.deepStrictEqual(printed.acceptedFiles, [path.join(real, 'a/.unres/accepted.txt')]);
    assert.strictEqual(printed.acceptedParagraphs, 1);
    assert.strictEqual(printed.settings.echo.threshold, 0.8);
    assert.deepStrictEqual(printed.settings.rules, { echo: 'hint' });
    assert.strictEqual(printed.settings.echo.changedSeverity, 'warning', 'defaults for what no file sets');
  });

  it('a broken .unres.json: its problems on stderr as file:line:col, exit 2, and the drafts checked with what is valid', () => {
    write('.unres.json', '{\n  "rules": { "verb-prefix": "off", "echo": "loud" }\n}\n');
    write('d.txt', DRAFT);
    const r = cli(['check', 'd.txt'], tmp);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /^\.unres\.json:2:44: error \[config\] .*"rules\.echo" should be one of: error, warning, information, hint, off$/m);
    assert.deepStrictEqual(findings(r.stdout), [['information', 'echo'], ['warning', 'echo']], 'verb-prefix off, echo as usual');
    write('.unres.json', '{ "rules": ');
    const notJson = cli(['check', 'd.txt'], tmp);
    assert.strictEqual(notJson.status, 2);
    assert.match(notJson.stderr, /\.unres\.json:1:\d+: error \[config\] 不是有效的 JSON/);
    assert.strictEqual(findings(notJson.stdout).length, 3, 'the file is ignored');
  });

  it('the working folder\'s .unres.json gives the corpus (relative to its folder); a deeper one\'s corpus is reported and ignored', () => {
    fs.mkdirSync(path.join(tmp, 'earlier'));
    fs.copyFileSync(path.join(SEEDS, 'A-RES-58-241.txt'), path.join(tmp, 'earlier/A-RES-58-241.txt'));
    write('.unres.json', JSON.stringify({ corpus: { builtin: false, paths: ['earlier'] } }));
    write('sub/.unres.json', JSON.stringify({ corpus: { builtin: true } }));
    write('sub/d.txt', DRAFT);
    const r = cli(['check', 'sub/d.txt', '--format', 'json'], tmp);
    // A/RES/72/57 is not in that corpus: no echo of it.
    const json = JSON.parse(r.stdout) as { code: string; message: string }[];
    assert.ok(!json.some((f) => /72\/57/.test(f.message)), r.stdout);
    assert.match(r.stderr, /sub\/\.unres\.json:1:2: warning \[config\] .*"corpus" is read only from/);
  });

  it('.unres/accepted.txt found upward: an accepted paragraph gives no echo until its text changes', () => {
    write('.unres/accepted.txt', `# accepted\nA/RES/72/57 PP4\t${PP4}\n`);
    write('drafts/d.txt', DRAFT);
    const r = cli(['check', 'drafts/d.txt'], tmp);
    assert.deepStrictEqual(findings(r.stdout), [['information', 'verb-prefix'], ['warning', 'echo']], 'PP4 accepted, OP1 not');
    write('drafts/changed.txt', DRAFT.replace('主要框架', '首要框架'));
    assert.deepStrictEqual(findings(cli(['check', 'drafts/changed.txt'], tmp).stdout).length, 3);
  });

  it('SARIF fixes correct the text: the suppression comment a finding could get is not among them', () => {
    write('d.txt', DRAFT);
    const sarif = JSON.parse(cli(['check', 'd.txt', '--format', 'sarif'], tmp).stdout);
    const results = sarif.runs[0].results as { ruleId: string; fixes?: { description: { text: string } }[] }[];
    const fixes = results.flatMap((r) => (r.fixes ?? []).map((f) => `${r.ruleId}: ${f.description.text}`));
    assert.deepStrictEqual(fixes, ['verb-prefix: 加上“又” → 又注意到 / Add “又”']);
  });

  it('suppression comments: the next paragraph or the whole draft; an unknown code is a finding', () => {
    write('d.md', DRAFT.replace(OP1, `<!-- unres-disable-next-paragraph echo -->\n${OP1}`).replace('大会，', '<!-- unres-disable verb-prefx -->\n大会，'));
    const r = cli(['check', 'd.md'], tmp);
    assert.deepStrictEqual(findings(r.stdout), [['warning', 'suppression-unknown'], ['information', 'verb-prefix'], ['information', 'echo']]);
    assert.match(r.stdout, /^d\.md:1:20: warning \[suppression-unknown\] .*verb-prefx/m);
    // A misspelt directive disables nothing, and says so.
    write('e.md', DRAFT.replace(OP1, `<!-- unres-disable-nextparagraph echo -->\n${OP1}`));
    const e = cli(['check', 'e.md'], tmp);
    assert.deepStrictEqual(findings(e.stdout), [['information', 'verb-prefix'], ['information', 'echo'], ['warning', 'suppression-unknown'], ['warning', 'echo']]);
    assert.match(e.stdout, /^e\.md:5:6: warning \[suppression-unknown\] 未知的指令“unres-disable-nextparagraph”/m);
  });
});
