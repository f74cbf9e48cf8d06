// The VS Code client's logic that needs no VS Code (client/src/detect.ts, status.ts, settings.ts,
// wording.ts), and the manifest and translation files it relies on: every command, setting
// description and client string exists in English and Simplified Chinese.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { looksLikeResolution, resolutionSigns } from '../../client/src/detect';
import { CorpusStatus, Translate, statusView } from '../../client/src/status';
import { corpusPathsTarget, detectionAction, effectiveCorpusPaths, withCorpusPaths } from '../../client/src/settings';
import { EarlierWording, clauseLines, diffTitle } from '../../client/src/wording';
import { opensExternally } from '../../client/src/sourceFile';
import { assertBounded } from '../timing';

const ROOT = path.join(__dirname, '../../..');
const SEEDS = path.join(ROOT, 'seeds');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const json = (p: string) => JSON.parse(read(p));

/** l10n.t's substitution, without translation. */
const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

describe('client: resolution detection', () => {
  for (const name of fs.readdirSync(SEEDS)) {
    it(`recognises the seed ${name}`, () => {
      assert.ok(looksLikeResolution(fs.readFileSync(path.join(SEEDS, name), 'utf8')), JSON.stringify(resolutionSigns(fs.readFileSync(path.join(SEEDS, name), 'utf8'))));
    });
  }

  it('recognises a draft as typed, with CRLF, and one with a title and numbered paragraphs but no opening', () => {
    assert.ok(looksLikeResolution('大会，\r\n回顾其以往的决议，\r\n1. 决定继续审议这个问题。\r\n'));
    assert.ok(looksLikeResolution('安道尔、安哥拉：决议草案\n小武器\n1. 促请各国执行；\n2. 请秘书长提交报告。'));
    assert.ok(looksLikeResolution('## 80/12. 某个问题\n\n1. **决定**召开会议；\n\n2. **又决定**继续审议。'));
  });

  it('recognises the resolutions of other bodies, and Traditional copies', () => {
    assert.ok(looksLikeResolution('第 1540 (2004) 号决议\n\n安全理事会，\n\n重申其主席 1992 年 1 月 31 日的声明，\n\n1. 决定所有国家不得向非国家行为者提供任何形式的支持；\n'));
    assert.ok(looksLikeResolution('人權理事會，\n\n回顧《聯合國憲章》的宗旨和原則，\n\n1. 決定繼續審議這個問題；\n\n2. 請秘書長提交報告。\n'));
    assert.ok(looksLikeResolution('經濟及社會理事會,\n1. 注意到秘書長的報告;\n2. 決定繼續審議。'));
    // An opening and one numbered line is not enough.
    assert.ok(!looksLikeResolution('安全理事會，\n1. 今天開會。'));
  });

  it('does not take ordinary text for a resolution', () => {
    assert.ok(!looksLikeResolution(''));
    assert.ok(!looksLikeResolution('会议纪要\n\n1. 讨论了预算；\n2. 确定了下次会议的时间。\n回顾过去一年的工作，大家都很努力。'));
    assert.ok(!looksLikeResolution('# Install\n\n1. Run npm ci\n2. Run npm test\n'));
    // The opening alone, or with a single verb line, is not enough.
    assert.ok(!looksLikeResolution('大会，\n今天天气很好。'));
    assert.ok(!looksLikeResolution('大会，\n欢迎大家。'));
    // A title line with paragraphs that open with no listed verb.
    assert.ok(!looksLikeResolution('12/34. 标题\n1. 第一项；\n2. 第二项。'));
  });

  it('reads only the top of a huge file', () => {
    const text = `${'这是一行普通的文字。\n'.repeat(300)}大会，\n回顾其决议，\n1. 决定召开会议。\n`;
    assert.ok(!looksLikeResolution(text));
    const line = (n: number) => '字'.repeat(n) + '\n大会，\n回顾其决议，\n1. 决定召开会议。\n';
    const [small, big] = [line(5_000), line(5_000_000)];
    assert.ok(!looksLikeResolution(big));
    // A thousand times the text, about the same time: it is not scanned whole.
    assertBounded('a 5 MB line', () => looksLikeResolution(small), () => looksLikeResolution(big));
  });
});

describe('client: status bar text', () => {
  const status = (s: Partial<CorpusStatus>): CorpusStatus => ({ state: 'ready', documents: 0, skipped: 0, ...s });

  it('shows the number of resolutions, and skipped files when there are any', () => {
    assert.strictEqual(statusView(status({ documents: 4 }), undefined, english).text, '$(book) 4 resolutions');
    assert.strictEqual(statusView(status({ documents: 1 }), undefined, english).text, '$(book) 1 resolution');
    const v = statusView(status({ documents: 20000, skipped: 3 }), undefined, english);
    assert.strictEqual(v.text, '$(book) 20000 resolutions $(warning) 3');
    assert.match(v.tooltip, /3 files skipped/);
    assert.strictEqual(v.error, false);
    // The tooltip says a click shows more; the summary (for the details list) does not.
    assert.strictEqual(v.tooltip, `${v.summary} Click for details.`);
    assert.doesNotMatch(v.summary, /Click/);
  });

  it('shows indexing with the share of files read, when the server says', () => {
    assert.strictEqual(statusView(status({ state: 'indexing' }), undefined, english).text, '$(sync~spin) unres');
    const v = statusView(status({ state: 'indexing' }), { done: 150, total: 400 }, english);
    assert.strictEqual(v.text, '$(sync~spin) unres 37%');
    assert.match(v.tooltip, /150 of 400 files/);
    assert.strictEqual(statusView(status({ state: 'indexing' }), { done: 0, total: 0 }, english).text, '$(sync~spin) unres');
  });

  it('marks an error', () => {
    const v = statusView(status({ state: 'error' }), undefined, english);
    assert.strictEqual(v.error, true);
    assert.match(v.tooltip, /could not be loaded/);
  });

  it('goes through the translation function', () => {
    const zh = json('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
    const chinese: Translate = (m, ...args) => english(zh[m] ?? `MISSING ${m}`, ...args);
    assert.strictEqual(statusView(status({ documents: 4 }), undefined, chinese).text, '$(book) 4 篇决议');
  });
});

describe('client: settings', () => {
  const inspected = { defaultValue: [], globalValue: ['/home/me/resolutions'], workspaceValue: ['/etc', '../elsewhere'] };

  it('in a trusted workspace, corpus paths follow the usual precedence', () => {
    assert.deepStrictEqual(effectiveCorpusPaths(inspected, true), ['/etc', '../elsewhere']);
    assert.deepStrictEqual(effectiveCorpusPaths({ defaultValue: [], globalValue: ['/a'] }, true), ['/a']);
    assert.deepStrictEqual(effectiveCorpusPaths({ ...inspected, workspaceFolderValue: ['x'] }, true), ['x']);
    assert.deepStrictEqual(effectiveCorpusPaths(undefined, true), []);
  });

  it('in an untrusted workspace, only the user setting counts', () => {
    assert.deepStrictEqual(effectiveCorpusPaths(inspected, false), ['/home/me/resolutions']);
    assert.deepStrictEqual(effectiveCorpusPaths({ defaultValue: [], workspaceValue: ['/etc'] }, false), []);
  });

  it('adds corpus folders where the setting is in force, the user settings in an untrusted or folderless window', () => {
    assert.strictEqual(corpusPathsTarget({ defaultValue: [] }, true, true), 'workspace');
    assert.strictEqual(corpusPathsTarget({ defaultValue: [], globalValue: ['/a'] }, true, true), 'global');
    assert.strictEqual(corpusPathsTarget({ defaultValue: [], globalValue: ['/a'], workspaceValue: [] }, true, true), 'workspace');
    assert.strictEqual(corpusPathsTarget({ defaultValue: [], workspaceValue: ['b'] }, true, false), 'global');
    assert.strictEqual(corpusPathsTarget({ defaultValue: [] }, false, true), 'global');
  });

  it('appends each folder once, relative to the workspace folder in workspace settings', () => {
    const ws = '/work/drafts';
    assert.deepStrictEqual(withCorpusPaths(['old'], ['/work/drafts/old', '/work/drafts/earlier/2023', '/srv/un'], 'workspace', ws), [
      'old',
      path.join('earlier', '2023'),
      '/srv/un',
    ]);
    assert.deepStrictEqual(withCorpusPaths([], ['/work/drafts/earlier', '/work/drafts/earlier/'], 'global', ws), ['/work/drafts/earlier']);
    assert.deepStrictEqual(withCorpusPaths([], ['/work/drafts'], 'workspace', ws), ['.']);
    // /work/drafts-old is beside the workspace folder, not inside it.
    assert.deepStrictEqual(withCorpusPaths([], ['/work/drafts-old'], 'workspace', ws), ['/work/drafts-old']);
  });

  it('switches a document that looks like a resolution only with consent or the setting', () => {
    assert.strictEqual(detectionAction('ask', undefined, false), 'ask');
    assert.strictEqual(detectionAction('ask', undefined, true), 'none', 'asked once per document');
    assert.strictEqual(detectionAction('ask', 'always', false), 'switch');
    assert.strictEqual(detectionAction('ask', 'never', false), 'none');
    assert.strictEqual(detectionAction('switch', undefined, true), 'switch');
    assert.strictEqual(detectionAction('switch', 'never', false), 'none');
    assert.strictEqual(detectionAction('off', 'always', false), 'none');
  });
});

describe('client: earlier wording view', () => {
  it('puts one clause a line, losing nothing', () => {
    const text = '回顾其第 78/46 号决议，又强调“下一步。”以及《纲领》；请秘书长：提交报告。';
    const lines = clauseLines(text);
    assert.deepStrictEqual(lines.split('\n'), ['回顾其第 78/46 号决议，', '又强调“下一步。”以及《纲领》；', '请秘书长：', '提交报告。']);
    assert.strictEqual(lines.replace(/\n/g, ''), text);
    assert.strictEqual(clauseLines('one, two; three'), 'one,\n two;\n three');
  });

  it('titles the diff with both paragraphs and the share', () => {
    const w = { symbol: 'A/RES/72/57', paragraph: 'PP4', draftParagraph: 'PP1', score: 0.968 } as EarlierWording;
    assert.strictEqual(diffTitle(w), 'A/RES/72/57 PP4 ↔ PP1 (97%)');
  });

  it('opens a Word or PDF source with the system\'s program, a text source in the editor', () => {
    assert.ok(opensExternally('file:///corpus/A-RES-72-57.pdf'));
    assert.ok(opensExternally('file:///corpus/%E8%8D%89%E6%A1%88.DOCX'));
    assert.ok(opensExternally('file:///corpus/a.pdf?x=1'));
    assert.ok(!opensExternally('file:///corpus/A-RES-72-57.txt'));
    assert.ok(!opensExternally('file:///corpus/pdf/notes.md'));
  });
});

describe('client: manifest and translations', () => {
  const pkg = json('package.json');
  const nls = json('package.nls.json') as Record<string, string>;
  const nlsZh = json('package.nls.zh-cn.json') as Record<string, string>;

  it('every %key% of package.json is in package.nls.json and package.nls.zh-cn.json, and no key is unused', () => {
    const text = read('package.json');
    const used = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.ok(used.size > 10);
    for (const key of used) {
      assert.ok(nls[key], `${key} in package.nls.json`);
      assert.ok(nlsZh[key], `${key} in package.nls.zh-cn.json`);
      assert.match(nlsZh[key], /[\u4e00-\u9fff]/, `${key} is Chinese in package.nls.zh-cn.json`);
    }
    assert.deepStrictEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
    assert.deepStrictEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
  });

  it('every client string is in l10n/bundle.l10n.json and has a Chinese translation with the same placeholders', () => {
    const bundle = json('l10n/bundle.l10n.json') as Record<string, string>;
    const zh = json('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
    const strings = new Set<string>();
    for (const f of fs.readdirSync(path.join(ROOT, 'client/src'))) {
      for (const m of read(`client/src/${f}`).matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) strings.add(m[1]);
    }
    assert.ok(strings.size > 20);
    const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    for (const s of strings) {
      assert.strictEqual(bundle[s], s, `"${s}" in bundle.l10n.json`);
      assert.ok(zh[s], `"${s}" in bundle.l10n.zh-cn.json`);
      assert.deepStrictEqual(placeholders(zh[s]), placeholders(s), `placeholders of "${s}"`);
    }
    assert.deepStrictEqual(Object.keys(bundle).filter((k) => !strings.has(k)), [], 'no unused strings');
    assert.deepStrictEqual(Object.keys(zh).sort(), Object.keys(bundle).sort());
    assert.strictEqual(pkg.l10n, './l10n');
  });

  it('declares every command the client registers, under the unres category, and registers every declared one', () => {
    const registered = new Set([...read('client/src/commands.ts').matchAll(/register\('([^']+)'/g)].map((m) => m[1]));
    const declared = new Set((pkg.contributes.commands as { command: string; category: string }[]).map((c) => c.command));
    assert.deepStrictEqual([...registered].sort(), [...declared].sort());
    for (const c of pkg.contributes.commands) assert.strictEqual(c.category, 'unres');
    // The status bar item's command is one of them.
    assert.match(read('client/src/extension.ts'), /statusItem\.command = 'unres\.showCorpusDetails'/);
  });

  it('describes every setting, in both languages', () => {
    for (const [key, p] of Object.entries(pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>)) {
      assert.match(key, /^unres\./);
      const d = (p.markdownDescription ?? p.description) as string | undefined;
      assert.ok(d && /^%.+%$/.test(d), `${key} has a translated description`);
    }
  });

  it('limits an untrusted workspace to the user corpus paths, and sets editor defaults for long Chinese paragraphs', () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.strictEqual(trust.supported, 'limited');
    assert.deepStrictEqual(trust.restrictedConfigurations, ['unres.corpus.paths']);
    const defaults = pkg.contributes.configurationDefaults['[unres]'];
    assert.strictEqual(defaults['editor.wordWrap'], 'on');
    assert.strictEqual(defaults['editor.wordBasedSuggestions'], 'off');
    assert.deepStrictEqual(defaults['editor.rulers'], []);
    assert.strictEqual(defaults['editor.unicodeHighlight.ambiguousCharacters'], false);
    // Activation for plain text and Markdown: the resolution detection.
    for (const e of ['onLanguage:unres', 'onLanguage:plaintext', 'onLanguage:markdown']) assert.ok(pkg.activationEvents.includes(e), e);
  });

  it('keeps the modules the unit tests load free of vscode', () => {
    for (const f of ['detect.ts', 'status.ts', 'settings.ts', 'wording.ts', 'restartPolicy.ts']) {
      assert.doesNotMatch(read(`client/src/${f}`), /from 'vscode'|require\('vscode'\)/, f);
    }
  });
});
