// The TextMate grammar (syntaxes/unres.tmLanguage.json): its regexes compile, stay in the subset
// that Oniguruma (what VS Code runs) and JavaScript share, and the key rules match the lines
// they are for and not the ones they are not.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { OPERATIVE_VERBS, PREAMBULAR_VERBS, VERB_PREFIXES } from '../../server/src/engine/verbs';

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  captures?: Record<string, { name?: string; patterns?: Rule[] }>;
  beginCaptures?: Record<string, { name?: string; patterns?: Rule[] }>;
  endCaptures?: Record<string, { name?: string; patterns?: Rule[] }>;
  patterns?: Rule[];
}

interface Grammar {
  scopeName: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const GRAMMAR_PATH = path.join(__dirname, '../../../syntaxes/unres.tmLanguage.json');
const grammar: Grammar = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));

/** Every rule of the grammar, with a label saying where it is. */
function allRules(): Array<{ where: string; rule: Rule }> {
  const out: Array<{ where: string; rule: Rule }> = [];
  const visit = (rule: Rule, where: string): void => {
    out.push({ where, rule });
    rule.patterns?.forEach((r, i) => visit(r, `${where}.patterns[${i}]`));
    for (const key of ['captures', 'beginCaptures', 'endCaptures'] as const) {
      for (const [n, c] of Object.entries(rule[key] ?? {})) c.patterns?.forEach((r, i) => visit(r, `${where}.${key}[${n}][${i}]`));
    }
  };
  grammar.patterns.forEach((r, i) => visit(r, `patterns[${i}]`));
  for (const [name, r] of Object.entries(grammar.repository)) visit(r, `repository.${name}`);
  return out;
}

function regexes(): Array<{ where: string; source: string }> {
  const out: Array<{ where: string; source: string }> = [];
  for (const { where, rule } of allRules()) {
    for (const key of ['match', 'begin', 'end'] as const) {
      const source = rule[key];
      if (source !== undefined) out.push({ where: `${where}.${key}`, source });
    }
  }
  return out;
}

/** The `match` of a repository rule as a JavaScript RegExp. */
function rx(name: string): RegExp {
  const source = grammar.repository[name]?.match;
  assert.ok(source, `repository.${name} has a match`);
  return new RegExp(source);
}

/** The text the repository rule matches in `line`, or undefined. */
function matched(name: string, line: string): string | undefined {
  return rx(name).exec(line)?.[0];
}

function group(name: string, line: string, n: number): string | undefined {
  return rx(name).exec(line)?.[n];
}

describe('TextMate grammar', () => {
  it('is the text.unres grammar', () => {
    assert.strictEqual(grammar.scopeName, 'text.unres');
    assert.ok(grammar.patterns.length > 0);
  });

  it('every regex compiles in JavaScript', () => {
    const list = regexes();
    assert.ok(list.length > 10);
    for (const { where, source } of list) {
      assert.doesNotThrow(() => new RegExp(source), `${where}: ${source}`);
    }
  });

  it('keeps to the Oniguruma/JavaScript common subset', () => {
    // Constructs that either engine lacks or reads differently. \b is out because Oniguruma
    // counts Chinese characters as word characters and JavaScript (without /u) does not.
    const foreign: Array<[RegExp, string]> = [
      [/\\[bBAzZGhHKRXQE]/, 'an anchor or escape that differs between Oniguruma and JavaScript'],
      [/\(\?>/, 'an atomic group'],
      [/[*+?}]\+/, 'a possessive quantifier'],
      [/\(\?[imx-]+[:)]/, 'inline flags'],
      [/\\p\{/, 'a Unicode property (needs /u in JavaScript)'],
      [/\\[0-9]/, 'a back-reference'],
      [/\(\?<[A-Za-z]/, 'a named group'],
    ];
    for (const { where, source } of regexes()) {
      // Drop escaped backslashes first so that `\\b` (a literal backslash then b) is not read as \b.
      const s = source.replace(/\\\\/g, '');
      for (const [re, what] of foreign) assert.ok(!re.test(s), `${where} uses ${what}: ${source}`);
    }
  });

  it('every include names a repository rule', () => {
    for (const { where, rule } of allRules()) {
      if (rule.include === undefined || rule.include === '$self' || rule.include === '$base') continue;
      assert.ok(rule.include.startsWith('#'), `${where}: ${rule.include}`);
      assert.ok(grammar.repository[rule.include.slice(1)], `${where}: ${rule.include} is not in the repository`);
    }
  });

  it('every capture number exists in its regex', () => {
    for (const { where, rule } of allRules()) {
      const pairs: Array<[string | undefined, Rule['captures']]> = [
        [rule.match, rule.captures],
        [rule.begin, rule.beginCaptures ?? rule.captures],
        [rule.end, rule.endCaptures ?? rule.captures],
      ];
      for (const [source, captures] of pairs) {
        if (source === undefined || !captures) continue;
        const groups = new RegExp(`${source}|`).exec('')!.length - 1;
        for (const n of Object.keys(captures)) assert.ok(Number(n) <= groups, `${where}: capture ${n} of ${groups} groups`);
      }
    }
  });

  it('gives every named rule a scope name that ends in .unres', () => {
    for (const { where, rule } of allRules()) {
      if (rule.name) for (const s of rule.name.split(' ')) assert.match(s, /\.unres$/, where);
      for (const key of ['captures', 'beginCaptures', 'endCaptures'] as const) {
        for (const c of Object.values(rule[key] ?? {})) {
          if (c.name) for (const s of c.name.split(' ')) assert.match(s, /\.unres$/, where);
        }
      }
    }
  });

  describe('operative numbers', () => {
    it('match a number and a dot at line start', () => {
      assert.strictEqual(group('operative', '1. 决定于 2006 年召开会议，', 1), '1');
      assert.strictEqual(group('operative', ' 12. 继续鼓励所有旨在调动资源的举措；', 1), '12');
      assert.strictEqual(group('operative', '  13．请秘书长继续整理；', 1), '13');
      assert.strictEqual(group('operative', '12.', 1), '12');
      assert.strictEqual(group('operative', '17. **鼓励**为建设有效执行', 1), '17');
    });
    it('do not match decimals, dates, titles or numbers inside a line', () => {
      assert.strictEqual(matched('operative', '16.4；'), undefined);
      assert.strictEqual(matched('operative', '79/40. 小武器和轻武器非法贸易的各方面问题'), undefined);
      assert.strictEqual(matched('operative', '2023 年 12 月 4 日'), undefined);
      assert.strictEqual(matched('operative', '具体目标 16. 以及'), undefined);
      assert.strictEqual(matched('operative', ' 1 见 A/58/207。'), undefined);
    });
    it('take the operative verb after the number, plain or bold', () => {
      assert.strictEqual(group('operative', '2. 又决定 2006年 1月在纽约举行', 7), '又决定');
      assert.strictEqual(group('operative', '12. 继续鼓励所有旨在调动资源', 7), '继续鼓励');
      assert.strictEqual(group('operative', '22. **请**秘书长向大会第七十三届会议报告', 4), '请');
      assert.strictEqual(group('operative', '1. **着重指出**要解决', 4), '着重指出');
      assert.strictEqual(group('operative', '2. 遗憾的是联合国审查行动纲领执行进度大会未能议定', 7), '遗憾的是');
    });
  });

  describe('paragraph verbs', () => {
    it('match a listed verb opening a line, longest first, with 又/还/继续/再次', () => {
      assert.strictEqual(group('preambular', ' 回顾其 2023 年 12 月 4 日第 78/46 号决议', 5), '回顾其');
      assert.strictEqual(group('preambular', '又强调必须继续全面执行', 5), '又强调');
      assert.strictEqual(group('preambular', '还欢迎法国为筹备这次会议', 5), '还欢迎');
      assert.strictEqual(group('preambular', '再次重申各国需要', 5), '再次重申');
      assert.strictEqual(group('preambular', '满意地注意到正在进行区域努力', 5), '满意地注意到');
      assert.strictEqual(group('preambular', '表示注意到秘书长的报告', 5), '表示注意到');
      assert.strictEqual(group('preambular', '**又欢迎**裁军审议委员会', 2), '又欢迎');
      assert.strictEqual(group('preambular', '**满意地注意到**为支持执行', 2), '满意地注意到');
    });
    it('do not match text that does not open with a verb', () => {
      assert.strictEqual(matched('preambular', '通过的《从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领》，'), undefined);
      assert.strictEqual(matched('preambular', '大会，'), undefined);
      assert.strictEqual(matched('preambular', '各国需要回顾'), undefined);
    });
    it('know every verb of the engine (shared/verbs.ts), with every prefix', () => {
      const re = rx('preambular');
      for (const verb of new Set([...PREAMBULAR_VERBS, ...OPERATIVE_VERBS])) {
        for (const prefix of ['', ...VERB_PREFIXES.filter((p) => p !== '并')]) {
          const phrase = prefix + verb;
          assert.strictEqual(re.exec(`${phrase}各国……，`)?.[5], phrase, `plain ${phrase}`);
          assert.strictEqual(re.exec(`**${phrase}**各国……，`)?.[2], phrase, `bold ${phrase}`);
          assert.strictEqual(rx('operative').exec(`3. ${phrase}各国……；`)?.[7], phrase, `operative ${phrase}`);
        }
      }
    });
  });

  describe('opening and closing', () => {
    it('match 大会， on its own line', () => {
      assert.strictEqual(group('opening', '大会，', 1), '大会');
      assert.strictEqual(group('opening', ' 大会， ', 1), '大会');
      assert.strictEqual(group('opening', '大会,', 1), '大会');
      assert.strictEqual(matched('opening', '大会，回顾其'), undefined);
      assert.strictEqual(matched('opening', '联合国大会，'), undefined);
    });
    it('match the closing meeting line', () => {
      assert.strictEqual(group('closing', '第 43 次全体会议 ', 2), '43');
      assert.strictEqual(group('closing', '第62次全体会议', 2), '62');
      assert.strictEqual(matched('closing', '在第 43 次全体会议上通过'), undefined);
    });
  });

  describe('citations', () => {
    it('match resolution and decision citations', () => {
      assert.strictEqual(matched('citation', '第 78/46 号决议'), '第 78/46 号决议');
      assert.strictEqual(matched('citation', '回顾其 2023 年 12 月 4 日第 78/46 号决议及以往'), '2023 年 12 月 4 日第 78/46 号决议');
      assert.strictEqual(group('citation', '2023 年 12 月 4 日第 78/46 号决议', 1), '2023 年 12 月 4 日');
      assert.strictEqual(group('citation', '第 56/24 V 号决议', 3), '56/24 V');
      assert.strictEqual(group('citation', '根据第 56/24 V号决议设立', 3), '56/24 V');
      assert.strictEqual(group('citation', '第76/233 号决议', 3), '76/233');
      assert.strictEqual(group('citation', '见第 60/519 号决定及', 6), '决定');
      assert.strictEqual(group('citation', '见第 60/519 号决定及', 5), undefined);
      assert.strictEqual(group('citation', '第 78/46 号决议', 5), '决议');
    });
    it('match the items of a list of citations', () => {
      const line = '第 56/24 V 号、2002 年 11 月 22 日第 57/72 号和第 60/81 号决议';
      const all = [...line.matchAll(new RegExp(grammar.repository.citation.match!, 'g'))].map((m) => m[0]);
      assert.deepStrictEqual(all, ['第 56/24 V 号', '2002 年 11 月 22 日第 57/72 号', '第 60/81 号决议']);
      assert.strictEqual(matched('citation', '第 53/77 E 和第 53/77 T 号'), '第 53/77 E');
    });
    it('do not match paragraphs, chapters, sessions or supplements', () => {
      assert.strictEqual(matched('citation', '第 24 段'), undefined);
      assert.strictEqual(matched('citation', '第四章，第 24 段。'), undefined);
      assert.strictEqual(matched('citation', '补编第 42 号'), undefined);
      assert.strictEqual(matched('citation', '第 43 次全体会议'), undefined);
      assert.strictEqual(matched('citation', '第 1段(b)'), undefined);
    });
  });

  describe('document symbols', () => {
    for (const symbol of ['A/CONF.192/15', 'A/60/88/Corr.2', 'A/RES/78/46', 'A/C.1/79/L.43', 'A/CONF.192/2024/RC/3', 'A/79/77', 'A/CONF.192/BMS/2003/1']) {
      it(`match ${symbol}`, () => {
        assert.strictEqual(matched('symbol', `见${symbol}。`), symbol);
        assert.strictEqual(matched('symbol', `(${symbol})，第四章`), symbol);
      });
    }
    it('stop before a trailing dot and do not match inside a URL path or plain words', () => {
      assert.strictEqual(matched('symbol', '见 A/58/207.'), 'A/58/207');
      assert.strictEqual(matched('symbol', 'ch/A/RES/78/46'), undefined);
      assert.strictEqual(matched('symbol', 'and/or'), undefined);
      assert.strictEqual(matched('symbol', 'A/B'), undefined);
    });
    it('leave URLs to the url rule', () => {
      assert.strictEqual(matched('url', 'https://undocs.org/ch/A/CONF.192/15(supp)'), 'https://undocs.org/ch/A/CONF.192/15(supp)');
      assert.strictEqual(matched('url', '见 https://undocs.org/ch/A/79/77，附件'), 'https://undocs.org/ch/A/79/77');
    });
  });

  describe('dates', () => {
    it('match dates with and without spaces, and ranges', () => {
      assert.strictEqual(matched('date', '2024 年 12 月 2 日'), '2024 年 12 月 2 日');
      assert.strictEqual(matched('date', '通过2003年7月7日至11日在纽约'), '2003年7月7日至11日');
      assert.strictEqual(matched('date', '2001 年 7 月 9 日至 20 日，纽约'), '2001 年 7 月 9 日至 20 日');
      assert.strictEqual(matched('date', '于 2006 年 6 月和 7 月'), '2006 年 6 月');
    });
    it('do not match a bare year or numbers without 年/月', () => {
      assert.strictEqual(matched('date', '2018 年第三次会议'), undefined);
      assert.strictEqual(matched('date', '第 78/46 号'), undefined);
    });
  });

  describe('footnotes as PDF extraction leaves them', () => {
    const glued = (line: string) => [...line.matchAll(new RegExp(grammar.repository['footnote-marker-glued'].match!, 'g'))].map((m) => m[1]);
    it('match a number glued after closing punctuation', () => {
      assert.deepStrictEqual(glued('《从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领》，1 '), ['1']);
      assert.deepStrictEqual(glued('(《国际追查文书》)，2  '), ['2']);
      assert.deepStrictEqual(glued('的报告(A/CONF.192/BMS/2003/1)，3'), ['3']);
    });
    it('leave counters, dates, paragraph numbers and numbers in words alone', () => {
      assert.deepStrictEqual(glued('，2001 年 7 月 9 日至 20 日'), []);
      assert.deepStrictEqual(glued('第四章，第 24 段。'), []);
      assert.deepStrictEqual(glued('具体目标 16.4，'), []);
      assert.deepStrictEqual(glued('，2 个区域，'), []);
      assert.deepStrictEqual(glued('，10 月召开'), []);
      assert.deepStrictEqual(glued('报告6 未经表决'), ['6']);
      assert.deepStrictEqual(glued('2003年7月7日至11日'), []);
      assert.deepStrictEqual(glued('第24 段'), []);
      assert.deepStrictEqual(glued('有3 个'), []);
    });
    it('match a marker on a line of its own, and a footnote that starts with its number', () => {
      assert.strictEqual(group('footnote-bare-line', ' 1 ', 1), '1');
      assert.strictEqual(matched('footnote-bare-line', ' 2024 '), undefined);
      assert.strictEqual(group('footnote-definition-plain', ' 1 《联合国小武器和轻武器非法贸易各方面问题大会的报告》', 1), '1');
      assert.strictEqual(group('footnote-definition-plain', ' 2 见第 60/519 号决定及 A/60/88 和 A/60/88/Corr.2，附件。', 2), '见第 60/519 号决定及 A/60/88 和 A/60/88/Corr.2，附件。');
      assert.strictEqual(matched('footnote-definition-plain', ' 12 月 4 日的决议'), undefined);
      assert.strictEqual(matched('footnote-definition-plain', '2024 年 12 月 2 日'), undefined);
      assert.strictEqual(matched('footnote-definition-plain', ' 1. 决定召开会议；'), undefined);
      assert.strictEqual(matched('footnote-definition-plain', '第 43 次全体会议'), undefined);
    });
  });

  describe('report, adoption and sub-paragraph lines', () => {
    it('match the report and adoption lines of the heading', () => {
      assert.strictEqual(group('report-line', '[根据第一委员会的报告(A/72/409)通过]', 2), '根据第一委员会的报告(A/72/409)通过');
      assert.strictEqual(group('adopted-line', ' 2017 年 12 月 4 日大会决议 ', 2), '大会决议');
      assert.strictEqual(matched('adopted-line', '2017 年 12 月 4 日大会决议通过的'), undefined);
    });
    it('match sub-paragraph letters at line start', () => {
      assert.strictEqual(group('subparagraph', '(a) 加强国家能力；', 1), '(a)');
      assert.strictEqual(group('subparagraph', '（iv）请秘书长', 1), '（iv）');
      assert.strictEqual(matched('subparagraph', '(A/72/409)'), undefined);
    });
  });

  describe('titles, quotes, footnotes, bold and headings', () => {
    it('open and close titles and quotes', () => {
      const t = grammar.repository.title;
      assert.strictEqual(new RegExp(t.begin!).exec('通过的《行动纲领》')?.index, 3);
      assert.strictEqual(new RegExp(t.end!).exec('行动纲领》，')?.[0], '》');
      // An unclosed title ends with its sentence, not at the end of the document.
      assert.strictEqual(new RegExp(t.end!).exec('行动纲领的执行；')?.index, 7);
      const q = grammar.repository.quote;
      assert.ok(new RegExp(q.begin!).test('题为“下一步行动”'));
      assert.strictEqual(new RegExp(q.end!).exec('下一步行动”的各节')?.[0], '”');
    });
    it('match footnote markers and footnote lines', () => {
      assert.strictEqual(group('footnote-marker', '《行动纲领》，<sup>1</sup> 并确认', 2), '1');
      assert.strictEqual(group('footnote-marker', '成果文件<sup>10</sup>和', 2), '10');
      assert.strictEqual(group('footnote-definition', '<sup>2</sup> 见第 60/519 号决定', 2), '2');
      assert.strictEqual(matched('footnote-definition', '正文<sup>2</sup>'), undefined);
      assert.ok(rx('footnote-separator').test('__________________ '));
    });
    it('match Markdown bold and headings', () => {
      assert.strictEqual(group('bold', '**回顾**其', 2), '回顾');
      assert.strictEqual(group('heading', '## 2017 年 12 月 4 日大会决议', 2), '2017 年 12 月 4 日大会决议');
      assert.strictEqual(matched('heading', '#没有空格'), undefined);
    });
    it('match the title line, with or without a heading mark', () => {
      assert.strictEqual(group('title-line', ' 79/40. 小武器和轻武器非法贸易的各方面问题 ', 2), '79/40');
      assert.strictEqual(group('title-line', '## 72/57. 小武器和轻武器非法贸易的各方面问题', 4), '小武器和轻武器非法贸易的各方面问题');
      assert.strictEqual(matched('title-line', '第 78/46 号决议'), undefined);
    });
  });
});
