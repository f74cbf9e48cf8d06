// Unit tests of living with the warnings: the suppression comment's form and the parser skipping
// it, the accepted-wording file (its edit keeps it sorted, whatever its line ends), a .unres.json
// read (problems placed on their key, in UTF-16 units), the cascade, and the list of finding
// codes against the checks, the README, the schema and the manifest.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { RULES as SARIF_RULES } from '../../server/src/cli/sarif';
import { analyseConfig } from '../../server/src/configFile';
import { parseResolution } from '../../server/src/engine/parse';
import { findSuppressions } from '../../server/src/engine/suppressions';
import { ACCEPTED_HEADER, acceptedListEditor, readAcceptedList } from '../../server/src/features/accepted';
import { CITATION_STYLE, DATE_MISSING, DATE_WRONG, FOOTNOTE_MISSING, FOOTNOTE_UNUSED } from '../../server/src/features/citationDiagnostics';
import { FINDING_CODES, SUPPRESSION_UNKNOWN } from '../../server/src/features/codes';
import { ECHO, REPEAT } from '../../server/src/features/echo';
import { BRACKETS, NUMBERING, PUNCTUATION, VERB_PREFIX } from '../../server/src/features/structureDiagnostics';
import { NOT_CHINESE, NOTHING_RECOGNISED } from '../../server/src/features/recognition';
import { ConfigFiles, foldersUp } from '../../server/src/node/configFiles';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { applyTextEdits } from '../protocol/lspClient';
import { assertLinear } from '../timing';
import { Corpus, loadCorpus } from '../../server/src/engine/corpus';
import { silentLogger } from '../../server/src/engine/fileSystem';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { DocumentContext, createLanguageService, toDiagnostics } from '../../server/src/service';
import { SeverityName, UnresSettings } from '../../server/src/settings';

const ROOT = path.resolve(__dirname, '../../..');

/** The text after applying a WorkspaceEdit of one TextDocumentEdit to `text`. */
function applied(text: string, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit?.documentChanges);
  const change = edit.documentChanges.find((c) => !('kind' in c)) as TextDocumentEdit;
  return applyTextEdits(text, change.edits as never);
}

describe('living with the warnings', () => {
  describe('suppression comments', () => {
    it('reads the scope, the codes (spaces or commas) and their UTF-16 spans; a misspelt directive is `unknown`; other comments are not directives', () => {
      const text = '𠀋大会，\r\n  <!-- unres-disable-next-paragraph echo,repeat  verb-prefix -->\r\n<!--unres-disable-->\n<!-- unres-disabled echo -->\n<!-- 注释 -->\n<!-- see unres-disable -->\n';
      const found = findSuppressions(text);
      assert.deepStrictEqual(found.map((s) => [s.scope, s.codes.map((c) => text.slice(c.span.start, c.span.end))]), [
        ['next-paragraph', ['echo', 'repeat', 'verb-prefix']],
        ['file', []],
        ['unknown', ['unres-disabled']],
      ]);
      // A code added goes after the last one, or after the directive.
      assert.strictEqual(text.slice(found[0].insertAt - 11, found[0].insertAt + 3), 'verb-prefix --');
      assert.strictEqual(text.slice(found[1].insertAt - 13, found[1].insertAt), 'unres-disable');
    });

    it('a long line that is not a comment is read in linear time', () => {
      const read = (spaces: number) => {
        const line = `<!-- unres-disable ${' '.repeat(spaces)}x`;
        return () => (findSuppressions(line), parseResolution(`大会，\n${line}\n`));
      };
      // Eight times the length: about eight times the time, far from the 64 of a quadratic pattern.
      assertLinear('a suppression-like line', read(50_000), read(400_000));
    });

    it('the parser reads no comment line as a paragraph, nor as part of one, in every layout', () => {
      const lines = ['大会，', '回顾其决议，', '<!-- unres-disable-next-paragraph echo -->', '注意到报告', '<!-- 注释 -->', '所述情况，', '1. 决定继续审议。'];
      for (const sep of ['\n', '\n\n']) {
        const res = parseResolution(lines.join(sep));
        assert.deepStrictEqual(res.preambular.map((p) => p.body.text), ['回顾其决议，', '注意到报告所述情况，'], JSON.stringify(sep));
        assert.deepStrictEqual(res.operative.map((p) => p.body.text), ['决定继续审议。']);
      }
    });

    it('the grammar shows comment lines as comments, and nothing else', () => {
      const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes/unres.tmLanguage.json'), 'utf8'));
      const rule = grammar.repository.comment;
      assert.strictEqual(grammar.patterns[0].include, '#comment', 'tried first');
      const re = new RegExp(rule.match);
      for (const line of ['<!-- unres-disable-next-paragraph echo -->', '\u3000 <!-- 注释 -->  ']) assert.ok(re.test(line), line);
      for (const line of ['回顾<!-- x -->决议，', '<!-- unres-disable echo', '1. 决定。 <!-- x -->']) assert.ok(!re.test(line), line);
    });

    it('comment lines do not change how a Markdown draft is read (its layout)', () => {
      const paras = Array.from({ length: 8 }, (_, i) => `${i + 1}. 决定第${i + 1}项事宜，`);
      const plain = ['大会，', '', ...paras.flatMap((p) => [p, ''])].join('\n');
      const commented = ['大会，', '', ...paras.flatMap((p) => ['<!-- unres-disable-next-paragraph numbering -->', p, ''])].join('\n');
      const a = parseResolution(plain);
      const b = parseResolution(commented);
      assert.deepStrictEqual(b.operative.map((p) => p.body.text), a.operative.map((p) => p.body.text));
    });
  });

  describe('accepted wording', () => {
    it('a new file: the header, then the entry', () => {
      const edit = acceptedListEditor({ uri: 'file:///w/.unres/accepted.txt' })('A/RES/72/57 PP4\t回顾，');
      assert.deepStrictEqual(edit?.documentChanges?.[0], { kind: 'create', uri: 'file:///w/.unres/accepted.txt', options: { ignoreIfExists: true } });
      assert.strictEqual(applied('', edit), `${ACCEPTED_HEADER}\nA/RES/72/57 PP4\t回顾，\n`);
    });

    it('inserts at the sorted place, with the file\'s line ends, also after a last line without one; a line already there is not added', () => {
      const file = (text: string) => ({ uri: 'file:///w/a.txt', text });
      const crlf = '# list\r\nA/RES/1/1 PP1\t甲\r\nA/RES/3/3 PP1\t丙\r\n';
      assert.strictEqual(applied(crlf, acceptedListEditor(file(crlf))('A/RES/2/2 PP1\t乙')), '# list\r\nA/RES/1/1 PP1\t甲\r\nA/RES/2/2 PP1\t乙\r\nA/RES/3/3 PP1\t丙\r\n');
      assert.strictEqual(applied(crlf, acceptedListEditor(file(crlf))('A/RES/0/0 PP1\t零')), '# list\r\nA/RES/0/0 PP1\t零\r\nA/RES/1/1 PP1\t甲\r\nA/RES/3/3 PP1\t丙\r\n');
      const open = 'A/RES/1/1 PP1\t甲';
      assert.strictEqual(applied(open, acceptedListEditor(file(open))('A/RES/9/9 PP1\t玖')), 'A/RES/1/1 PP1\t甲\nA/RES/9/9 PP1\t玖');
      assert.strictEqual(acceptedListEditor(file(crlf))('A/RES/3/3 PP1\t丙'), undefined);
    });

    it('reads the texts, whatever the spaces, skipping comments and blank lines; a line without a tab is a text', () => {
      const texts = readAcceptedList('# c\n\nA/RES/1/1 PP1\t回顾  其 决议，\r\n  强调合作，\n');
      assert.deepStrictEqual([...texts], ['回顾 其 决议，', '强调合作，']);
    });
  });

  describe('.unres.json', () => {
    it('places each problem on its key or value, in UTF-16 units after Chinese text and a surrogate pair', () => {
      const text = '{"$schema": "𠀋说明", "rules": {"回声": "off", "echo": 1}, "limits": {"maxDocumentSize": 0}}';
      const { value, problems } = analyseConfig(text, true);
      assert.ok(value);
      assert.deepStrictEqual(problems.map((p) => text.slice(p.start, p.end)), ['"回声"', '1', '0']);
      assert.match(problems[0].message, /未知的键“回声”.*Unknown key "回声" in "rules"/);
      assert.match(problems[1].message, /"rules\.echo" should be one of: error, warning, information, hint, off/);
      assert.match(problems[2].message, /"limits\.maxDocumentSize" should be >= 1/);
    });

    it('not JSON, comments, or not an object: an error, and nothing applies', () => {
      for (const text of ['{"rules": {', '// c\n{}', '[]', '']) {
        const { value, problems } = analyseConfig(text, true);
        assert.ok(problems.length > 0 && problems.every((p) => p.severity === 'error'), text);
        assert.strictEqual(value, undefined, text);
      }
    });

    it('cascades from the farthest file to the nearest over the base settings; a refused value keeps the farther one', async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-cascade-'));
      try {
        fs.mkdirSync(path.join(root, 'a/b/c'), { recursive: true });
        fs.writeFileSync(path.join(root, '.unres.json'), '{"echo": {"threshold": 0.9}}');
        fs.writeFileSync(path.join(root, 'a/.unres.json'), '{"echo": {"threshold": 0.6, "changedSeverity": "hint"}, "rules": {"numbering": "off"}}');
        fs.writeFileSync(path.join(root, 'a/b/.unres.json'), '{"echo": {"threshold": 7}, "rules": {"punctuation": "error"}}');
        const base = { ...DEFAULT_SETTINGS, echo: { ...DEFAULT_SETTINGS.echo, verbatimSeverity: 'hint' as const } };
        const ctx = await new ConfigFiles().resolve(path.join(root, 'a/b/c'), base, { stopAt: path.join(root, 'a') });
        assert.deepStrictEqual(ctx.applied, [path.join(root, 'a/.unres.json'), path.join(root, 'a/b/.unres.json')], 'the walk stops at the workspace folder');
        assert.deepStrictEqual(ctx.settings.echo, { threshold: 0.6, verbatimSeverity: 'hint', changedSeverity: 'hint' });
        assert.deepStrictEqual(ctx.settings.rules, { numbering: 'off', punctuation: 'error' });
        assert.strictEqual(ctx.accepted.writeTo, path.join(root, 'a/.unres/accepted.txt'));
        const outside = await new ConfigFiles().resolve(path.join(root, 'a/b/c'), base, { stopAt: path.join(root, 'elsewhere') });
        assert.strictEqual(outside.settings.echo.threshold, 0.6);
        assert.ok(outside.applied.includes(path.join(root, '.unres.json')), 'outside the workspace folder: up to the root');
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it('folders up from a draft: to the workspace folder when inside it, else to the root', () => {
      assert.deepStrictEqual(foldersUp('/w/a/b', '/w'), ['/w/a/b', '/w/a', '/w']);
      assert.deepStrictEqual(foldersUp('/x/y', '/w'), ['/x/y', '/x', '/']);
    });
  });

  describe('rule severities', () => {
    /** A draft with a finding of every code a resolution can have (checked against A/RES/72/57 and the other seeds). */
    const EVERY_CODE = [
      '<!-- unres-disable bogus-code -->',
      '大会，',
      '',
      '回顾各国承诺将《行动纲领》视为在国际社会活动中采取措施从各个方面防止、打击和消除小武器和轻武器非法贸易的主要框架，',
      '',
      '回顾其第 72/57 号决议和 2010 年 1 月 1 日第 72/57 号决议以及 78/46号决议，[^1]',
      '',
      '注意到新的《情况，',
      '',
      '注意到各国的报告；',
      '',
      '1. 着重指出要解决小武器和轻武器非法贸易的各方面问题，就要在国家、区域和国际各级作出协调一致的努力来防止、打击和消除小武器和轻武器的非法制造、转让和流通；',
      '',
      '3. 又着重指出要解决小武器和轻武器非法贸易的各方面问题，就要在国家、区域和国际各级作出协调一致的努力来防止、打击和消除小武器和轻武器的非法制造、转让和流通。',
      '',
      '[^3]: 未被引用的脚注。',
      '',
    ].join('\n');

    /** The codes a resolution cannot have: a text in another language, a Chinese text that is not a resolution. */
    const NOT_CHINESE_TEXT = 'The General Assembly,\n\nRecalling its resolution 72/57 of 4 December 2017,\n';
    const NOTHING_TEXT = '这是一封普通的信件，谈的是天气和旅行的安排。\n\n里面没有任何决议的结构可言，也没有以动词开头的段落，只是一些句子而已，写给一位多年不见的老朋友。\n';

    it('apply to every finding code: each can be set to error, or turned off, alone', async () => {
      const corpus = new Corpus();
      await loadCorpus(corpus, [path.join(ROOT, 'seeds')], { fs: nodeFileSystem, logger: silentLogger });
      let context: DocumentContext | undefined;
      const service = createLanguageService({ corpus, logger: silentLogger, contextFor: () => context });
      let version = 0;
      const check = async (text: string, rules: Record<string, SeverityName>) => {
        const settings: UnresSettings = { ...DEFAULT_SETTINGS, rules };
        context = { settings };
        return toDiagnostics(await service.computeFindings(service.getDocument('file:///w/every.md', ++version, text)));
      };
      const texts = [EVERY_CODE, NOT_CHINESE_TEXT, NOTHING_TEXT];
      const codesOf = async (text: string) => new Set((await check(text, {})).map((d) => String(d.code)));
      const codes = [];
      for (const t of texts) codes.push(await codesOf(t));
      assert.deepStrictEqual([...new Set(codes.flatMap((c) => [...c]))].sort(), [...FINDING_CODES].sort(), 'the texts have every code');
      for (const text of texts) {
        const all = await check(text, {});
        for (const code of await codesOf(text)) {
          const others = all.filter((d) => d.code !== code).map((d) => `${d.code}@${d.range.start.line}`);
          const off = await check(text, { [code]: 'off' });
          assert.deepStrictEqual(off.map((d) => `${d.code}@${d.range.start.line}`), others, `${code} off`);
          const error = await check(text, { [code]: 'error' });
          assert.deepStrictEqual(error.filter((d) => d.code === code).map((d) => d.severity), all.filter((d) => d.code === code).map(() => 1), `${code} as errors`);
          assert.deepStrictEqual(error.filter((d) => d.code !== code), all.filter((d) => d.code !== code), `only ${code}`);
        }
      }
    });
  });

  describe('finding codes', () => {
    it('are those of the checks, of the README table, of the schema\'s rules and of unres.rules', () => {
      const checks = [ECHO, REPEAT, DATE_MISSING, DATE_WRONG, CITATION_STYLE, FOOTNOTE_MISSING, FOOTNOTE_UNUSED, NUMBERING, PUNCTUATION, VERB_PREFIX, BRACKETS, NOTHING_RECOGNISED, NOT_CHINESE, SUPPRESSION_UNKNOWN];
      assert.deepStrictEqual([...FINDING_CODES].sort(), [...checks].sort());
      const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const table = readme.slice(readme.indexOf('### Finding codes'), readme.indexOf('## In an editor'));
      const inTable = [...table.matchAll(/^\| (.+?) \|/gm)].flatMap((m) => [...m[1].matchAll(/`([\w-]+)`/g)].map((c) => c[1]));
      assert.deepStrictEqual(inTable.sort(), [...FINDING_CODES].sort());
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/unres-config.schema.json'), 'utf8'));
      assert.deepStrictEqual(Object.keys(schema.properties.rules.properties).sort(), [...FINDING_CODES].sort());
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      assert.deepStrictEqual([...pkg.contributes.configuration.properties['unres.rules'].propertyNames.enum].sort(), [...FINDING_CODES].sort());
      assert.deepStrictEqual(Object.keys(SARIF_RULES).sort(), [...FINDING_CODES].sort(), 'SARIF describes each');
    });

    it('the schema has the settings\' keys: each `unres.*` setting the server reads is in it, with the same type', () => {
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/unres-config.schema.json'), 'utf8'));
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      for (const section of Object.keys(DEFAULT_SETTINGS) as (keyof typeof DEFAULT_SETTINGS)[]) {
        const keys = section === 'rules' ? [] : Object.keys(DEFAULT_SETTINGS[section]);
        for (const key of keys) {
          const setting = pkg.contributes.configuration.properties[`unres.${section}.${key}`];
          const inSchema = schema.properties[section].properties[key];
          assert.ok(setting && inSchema, `unres.${section}.${key}`);
          const type = inSchema.type;
          assert.strictEqual(type, setting.type, `unres.${section}.${key}`);
        }
      }
    });
  });
});
