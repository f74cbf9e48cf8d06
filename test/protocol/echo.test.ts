// Protocol tests of echo diagnostics (`echo`, `repeat`), their settings and the hover that shows
// earlier wording, through `dist/server.js --stdio`.
//
// The expectations are read off the seed texts, not off the implementation: which A/RES/72/57
// paragraph each A/RES/79/40 paragraph was revised from, which 79/40 paragraphs are new (they
// speak of 2024, the fourth review conference, women's participation, 3D printing, the Saving
// Lives Entity fund..., none of which the older resolutions mention), and which hand-made drafts
// reuse what.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, Hover, MarkupContent, Range } from 'vscode-languageserver-protocol';
import { LspClient, getText, offsetAt, positionAt } from './lspClient';

const SEEDS = path.join(__dirname, '../../../seeds');
const R72 = 'A/RES/72/57';

const INFORMATION = 3;
const WARNING = 2;
const ERROR = 1;
const HINT = 4;

interface EchoData {
  matches: { symbol: string; paragraph: string; score: number }[];
}

const data = (d: Diagnostic) => d.data as EchoData;
const message = (d: Diagnostic) => String(d.message);

/** A fresh cache folder (XDG_CACHE_HOME) per server, so that no index cache outlives a test run. */
function cacheEnv(): { env: NodeJS.ProcessEnv; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-cache-'));
  return { env: { XDG_CACHE_HOME: dir }, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Resolves when the server has loaded its corpus (it logs `corpus ready, N documents`). */
async function corpusReady(client: LspClient): Promise<number> {
  const log = await client.waitForNotification<{ message: string }>('window/logMessage', (p) => /corpus ready/.test(p.message), 20000, 0);
  return Number(/(\d+) documents/.exec(log.message)?.[1]);
}

/** The range's text without line breaks, spaces and trailing footnote markers. */
function squeezed(text: string, range: Range): string {
  return getText(text, range).replace(/\s+/g, '').replace(/(?<=[，；。])\d+$/, '');
}

function contains(text: string, range: Range, offset: number): boolean {
  return offsetAt(text, range.start) <= offset && offset < offsetAt(text, range.end);
}

/** The one offset of `needle` in `text` (the test's own sanity check). */
function uniqueOffset(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the text`);
  assert.strictEqual(text.lastIndexOf(needle), at, `${needle} occurs once`);
  return at;
}

/** Checks that hold for every echo diagnostic, whatever the draft. */
function assertWellFormed(d: Diagnostic, text: string): void {
  assert.strictEqual(d.source, 'unres');
  const { matches } = data(d);
  assert.ok(matches.length >= 1, JSON.stringify(d));
  for (const m of matches) {
    assert.ok(m.score > 0 && m.score <= 1, `score ${m.score}`);
    assert.match(m.paragraph, /^(PP|OP)\d+$/);
  }
  for (let i = 1; i < matches.length; i++) assert.ok(matches[i - 1].score >= matches[i].score, `sorted best first: ${JSON.stringify(matches)}`);
  // The percentage the user reads is the best match's score (rounded; data.score has 3 decimals).
  const pct = Number(/(\d+)%/.exec(message(d))?.[1]);
  assert.ok(Math.abs(pct - matches[0].score * 100) <= 0.6, `${message(d)}: score ${matches[0].score}`);
  // The range starts at the paragraph: nothing but spaces before it on its line.
  const start = offsetAt(text, d.range.start);
  assert.strictEqual(text.slice(offsetAt(text, { line: d.range.start.line, character: 0 }), start).trim(), '');
  assert.match(getText(text, d.range), /^(\d+\.\s*)?[\u4e00-\u9fff]/);
  // Verbatim is information, a revision or partial reuse a warning (the defaults).
  if (message(d).startsWith('与 ')) {
    assert.match(message(d), /^与 .+相同 \d+%/);
    assert.strictEqual(d.severity, INFORMATION, message(d));
  } else {
    assert.match(message(d), /^(改写自|部分沿用) /);
    assert.strictEqual(d.severity, WARNING, message(d));
  }
}

// -------------------------------------------------------------------------------------------
// 1. Leave-one-out: A/RES/79/40 as a draft against the three resolutions before it
// -------------------------------------------------------------------------------------------

type Kind = 'verbatim' | 'changed' | undefined;

/**
 * 79/40 paragraphs (how they open in the text, how they close) and the 72/57 paragraph each was
 * made from, found by reading the two texts side by side. `verbatim`: the same wording but for a
 * character or two (PP4 视为 → 作为, OP16 drops 由); `changed`: clauses reworded, added or dropped.
 * OP35/OP36 only change the session (第七十三届 → 第八十届), so their kind is left open.
 */
const CARRIED: { open: string; close: string; source: string; kind: Kind }[] = [
  { open: '回顾其 2023 年 12 月 4 日第 78/46 号决议', close: '第56/24V号决议，', source: 'PP1', kind: 'changed' },
  { open: '又强调必须继续全面执行《使各国', close: '(《国际追查文书》)，', source: 'PP3', kind: 'verbatim' },
  { open: '回顾各国承诺将《行动纲领》作为', close: '非法贸易的主要框架，', source: 'PP4', kind: 'verbatim' },
  { open: '念及《行动纲领》各次后续会议', close: '成果的执行情况，', source: 'PP6', kind: 'verbatim' },
  { open: '注意到秘书处开发的网络工具', close: '的执行进展情况，', source: 'PP10', kind: 'changed' },
  { open: '注意到关于《行动纲领》执行情况的自愿国家报告', close: '与现有资源和专门知识相匹配，', source: 'PP12', kind: 'changed' },
  { open: '重申国际合作和援助是全面有效执行', close: '的一个重要方面，', source: 'PP14', kind: 'verbatim' },
  { open: '认识到民间社会在协助各国', close: '方面作出的努力，', source: 'PP15', kind: 'changed' },
  { open: '重申小武器和轻武器非法中介活动', close: '的一个严重问题，', source: 'PP17', kind: 'verbatim' },
  { open: '4. 促请所有国家执行', close: '的标识做法的资料；', source: 'OP3', kind: 'changed' },
  { open: '14. 又强调国际社会', close: '执行努力的补充；', source: 'OP10', kind: 'changed' },
  { open: '16. 鼓励各国除其他机制外', close: '提供国际合作和援助；', source: 'OP12', kind: 'verbatim' },
  { open: '21. 鼓励各国视需要加强', close: '对本国边界的主权；', source: 'OP15', kind: 'changed' },
  { open: '35. 请秘书长向大会第八十届会议报告', close: '本决议的执行情况；', source: 'OP22', kind: undefined },
  { open: '36. 决定在大会第八十届会议临时议程', close: '”的分项。', source: 'OP23', kind: undefined },
];

/** 79/40 paragraphs with nothing like them in 58/241, 61/66 or 72/57. */
const NEW = [
  '欢迎 2024 年 6 月 17 日至 28 日在纽约成功召开第四次', // PP7, the fourth review conference
  '认识到需要加强妇女', // PP8, women's participation
  '重申其在 2022 年 12 月 7 日第 77/71 号决议中决定设立', // PP10, the fellowship programme
  '认识到必须及时应对', // PP19, 3D printing
  '回顾 2023年 12月 4日第 78/47 号决议获得通过', // PP23, ammunition framework
  '7. 核可', // the outcome of the fourth review conference
  '8. 决定根据第四次审议大会', // meetings 2024–2030
  '11. 强调需要让妇女平等', // women's participation
  '17. 决定按照第四次审查大会成果文件第 212 段', // a structured process in the Secretariat
  '18. 请秘书处在全球和区域裁军活动信托基金', // a dedicated funding mechanism
  '24. 回顾其在第 77/71 号决议中', // the fellowship programme again
  '27. 欢迎设立拯救生命实体基金', // the Saving Lives Entity
  '30. 重申各国必须承诺酌情查明', // groups and individuals
  '31. 请秘书处在现有资源范围内，根据现有可信信息', // an analytical report
  '32. 又请秘书处报告联合国系统',
  '33. 决定按照第四次审查大会成果文件第 174 至 178 段', // a technical expert group
  '34. 请秘书处在现有资源范围内，根据《国际追查文书》', // obliterated markings
];

describe('protocol: echoes of A/RES/79/40 against the resolutions before it (leave-one-out)', function () {
  this.timeout(30000);
  let client: LspClient;
  let tmp: string;
  let text: string;
  let diagnostics: Diagnostic[];
  const uri = pathToFileURL(path.join(os.tmpdir(), 'unres-drafts', 'draft-79-40.txt')).href;
  const echoes = () => diagnostics.filter((d) => d.code === 'echo');
  const echoAt = (open: string) => echoes().filter((d) => getText(text, d.range).startsWith(open));
  const corpusSettings = () => ({ builtin: false, paths: [tmp] });
  let cache: ReturnType<typeof cacheEnv> | undefined;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-echo-'));
    cache = cacheEnv();
    for (const f of ['A-RES-58-241.txt', 'A-RES-61-66.txt', 'A-RES-72-57.md']) fs.copyFileSync(path.join(SEEDS, f), path.join(tmp, f));
    client = await LspClient.start({ initializationOptions: { corpus: corpusSettings() }, env: cache!.env });
    assert.strictEqual(await corpusReady(client), 3);
    text = fs.readFileSync(path.join(SEEDS, 'A-RES-79-40.txt'), 'utf8');
    client.openDocument(uri, text);
    // Opened after the corpus is ready: the first diagnostics are the final ones.
    diagnostics = await client.waitForDiagnostics(uri);
  });

  after(async () => {
    await client?.shutdown();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    cache?.dispose();
  });

  it('reports carried-over paragraphs as `echo`, well-formed, each naming A/RES/72/57 first', () => {
    assert.ok(echoes().length >= CARRIED.length, `${echoes().length} echoes`);
    for (const d of echoes()) {
      assertWellFormed(d, text);
      // 79/40 was drafted from 72/57: the latest ancestor is the closest wording.
      assert.strictEqual(data(d).matches[0].symbol, R72, `${getText(text, d.range).slice(0, 30)}: ${JSON.stringify(data(d))}`);
      assert.ok(message(d).includes(R72), message(d));
      for (const m of data(d).matches) assert.ok(['A/RES/58/241', 'A/RES/61/66', R72].includes(m.symbol), m.symbol);
    }
  });

  for (const c of CARRIED) {
    it(`${c.open.slice(0, 16)}… ← A/RES/72/57 ${c.source}`, () => {
      const found = echoAt(c.open);
      assert.strictEqual(found.length, 1, `one echo opening ${c.open}: ${JSON.stringify(echoes().map((d) => getText(text, d.range).slice(0, 20)))}`);
      const [d] = found;
      // The range is the whole paragraph, across its hard-wrapped lines and no further.
      assert.ok(squeezed(text, d.range).endsWith(c.close), squeezed(text, d.range));
      assert.deepStrictEqual({ ...data(d).matches[0], score: 0 }, { symbol: R72, paragraph: c.source, score: 0 });
      const label = /^PP/.test(c.source) ? `序言部分第 ${c.source.slice(2)} 段` : `执行部分第 ${c.source.slice(2)} 段`;
      assert.ok(message(d).includes(`${R72} ${label}`), message(d));
      if (c.kind === 'verbatim') {
        assert.strictEqual(d.severity, INFORMATION);
        assert.ok(message(d).startsWith(`与 ${R72} ${label}相同`), message(d));
        assert.ok(data(d).matches[0].score >= 0.95, String(data(d).matches[0].score));
      } else if (c.kind === 'changed') {
        assert.strictEqual(d.severity, WARNING);
        assert.ok(!message(d).startsWith('与 '), message(d));
        assert.ok(data(d).matches[0].score < 1, String(data(d).matches[0].score));
      }
    });
  }

  it('does not report new paragraphs as echoes', () => {
    for (const open of NEW) {
      const at = uniqueOffset(text, open);
      const hit = echoes().filter((d) => contains(text, d.range, at));
      assert.deepStrictEqual(hit.map(message), [], open);
    }
  });

  it('reports later paragraphs that repeat an earlier one of the draft as `repeat`, not the earlier one', () => {
    // OP24 repeats the fellowship programme of PP10 (重申其在…第 77/71 号决议中决定设立…研究金培训方案).
    const repeats = diagnostics.filter((d) => d.code === 'repeat');
    const op24 = repeats.filter((d) => getText(text, d.range).startsWith('24. 回顾其在第 77/71 号决议中'));
    assert.strictEqual(op24.length, 1, JSON.stringify(repeats));
    assert.strictEqual(data(op24[0]).matches[0].paragraph, 'PP10');
    const pp10 = uniqueOffset(text, '重申其在 2022 年 12 月 7 日第 77/71 号决议');
    assert.deepStrictEqual(diagnostics.filter((d) => contains(text, d.range, pp10) && (d.code === 'echo' || d.code === 'repeat')).map(message), []);
  });

  describe('hover', () => {
    const hover = (offset: number) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });

    it('on an echoing paragraph: the source, the earlier wording with the changes marked, a link', async () => {
      const h = await hover(uniqueOffset(text, '国际社会在国际合作和援助方面的举措'));
      assert.ok(h, 'a hover');
      const contents = h.contents as MarkupContent;
      assert.strictEqual(contents.kind, 'markdown');
      const md = contents.value;
      assert.ok(md.includes(`**${R72}**`), md);
      assert.ok(md.includes('执行部分第 10 段') && md.includes('OP10'), md);
      assert.ok(md.includes(`(https://undocs.org/ch/${R72})`), md);
      // 72/57 OP10: 又强调国际社会在国际合作和援助方面采取的举措仍然至关重要，而且是对各国以及区域和全球各级执行工作的补充；
      // 79/40 OP14: 又强调国际社会在国际合作和援助方面的举措仍然至关重要，是对国家执行努力以及区域和全球各级执行努力的补充；
      assert.ok(md.includes('~~〔采取〕~~'), md);
      assert.ok(md.includes('~~〔而且〕~~'), md);
      assert.ok(md.includes('~~〔各国〕~~**国家执行努力**'), md);
      assert.ok(md.includes('~~〔工作〕~~**努力**'), md);
      // Struck-through Chinese alone can look unmarked (the line runs along 工's middle stroke).
      assert.ok(md.endsWith('struck through in 〔〕: deleted; bold: inserted*'), 'a key to the marks');
      // Read without the insertions it is the earlier text; without the deletions, the draft's.
      const body = md.split('\n\n')[1];
      const earlier = body.replace(/\*\*[^*]*\*\*/g, '').replace(/~~〔([^〕]*)〕~~/g, '$1');
      const draft = body.replace(/~~〔[^〕]*〕~~/g, '').replace(/\*\*/g, '');
      assert.strictEqual(earlier, '又强调国际社会在国际合作和援助方面采取的举措仍然至关重要，而且是对各国以及区域和全球各级执行工作的补充；');
      assert.strictEqual(draft, '又强调国际社会在国际合作和援助方面的举措仍然至关重要，是对国家执行努力以及区域和全球各级执行努力的补充；');
      // The hover's range is the paragraph, as the diagnostic's.
      assert.deepStrictEqual(h.range, echoAt('14. 又强调国际社会')[0].range);
    });

    it('anywhere in the paragraph, on its second line too', async () => {
      const first = await hover(uniqueOffset(text, '国际社会在国际合作和援助方面的举措'));
      const second = await hover(uniqueOffset(text, '家执行努力以及区域'));
      assert.ok(second);
      assert.strictEqual(positionAt(text, uniqueOffset(text, '家执行努力以及区域')).line, first!.range!.start.line + 2);
      assert.deepStrictEqual(second, first);
    });

    it('nothing on a blank line or on a new paragraph', async () => {
      const blank = text.indexOf('\n\n') + 1;
      assert.strictEqual(text[blank], '\n');
      assert.strictEqual(await hover(blank), null);
      assert.strictEqual(await hover(uniqueOffset(text, '认识到需要加强妇女') + 3), null);
    });
  });

  describe('settings', () => {
    async function withSettings(echo: Record<string, unknown>, done: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
      const since = client.mark();
      client.setSettings({ unres: { corpus: corpusSettings(), echo } });
      return client.waitForDiagnostics(uri, done, 10000, since);
    }
    const pp1 = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'echo' && getText(text, d.range).startsWith('回顾其 2023 年'));
    const pp3 = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'echo' && getText(text, d.range).startsWith('又强调必须继续全面执行《使各国'));

    after(async () => {
      await withSettings({}, (ds) => pp1(ds).length === 1);
    });

    it('echo.threshold 0.99 keeps only near-identical paragraphs', async () => {
      const ds = await withSettings({ threshold: 0.99 }, (ds) => pp3(ds).length === 1 && pp1(ds).length === 0);
      const echoes = ds.filter((d) => d.code === 'echo' || d.code === 'repeat');
      assert.ok(echoes.length >= 3, JSON.stringify(echoes));
      for (const d of echoes) {
        assert.strictEqual(d.severity, INFORMATION, message(d));
        assert.ok(data(d).matches.every((m) => m.score >= 0.99), JSON.stringify(data(d)));
      }
      // PP4 (视为 → 作为) is verbatim but under 0.99; OP24's partial repeat goes too.
      assert.strictEqual(ds.filter((d) => getText(text, d.range).startsWith('回顾各国承诺将')).length, 0);
      assert.strictEqual(ds.filter((d) => d.code === 'repeat').length, 0);
    });

    it('echo.verbatimSeverity and echo.changedSeverity set the severities', async () => {
      const ds = await withSettings(
        { verbatimSeverity: 'hint', changedSeverity: 'error' },
        (ds) => pp3(ds)[0]?.severity === HINT && pp1(ds)[0]?.severity === ERROR,
      );
      for (const d of ds.filter((x) => x.code === 'echo')) assert.strictEqual(d.severity, message(d).startsWith('与 ') ? HINT : ERROR, message(d));
    });

    it('`off` hides that kind only', async () => {
      const ds = await withSettings({ changedSeverity: 'off' }, (ds) => pp3(ds).length === 1 && pp1(ds).length === 0);
      const echoes = ds.filter((d) => d.code === 'echo');
      assert.ok(echoes.length >= 5);
      for (const d of echoes) {
        assert.strictEqual(d.severity, INFORMATION);
        assert.ok(message(d).startsWith('与 '), message(d));
      }
    });
  });
});

// -------------------------------------------------------------------------------------------
// 2–3, 5. Hand-made drafts against the built-in corpus (the four seeds)
// -------------------------------------------------------------------------------------------

describe('protocol: echoes of hand-made drafts against the built-in corpus', function () {
  this.timeout(30000);
  let client: LspClient;
  let n = 0;
  let cache: ReturnType<typeof cacheEnv> | undefined;

  before(async () => {
    cache = cacheEnv();
    client = await LspClient.start({ initializationOptions: { corpus: { builtin: true, paths: [] } }, env: cache.env });
    assert.strictEqual(await corpusReady(client), 4);
  });

  after(async () => {
    await client?.shutdown();
    cache?.dispose();
  });

  /** Opens a draft; resolves with its text, uri and (final: the corpus is loaded) diagnostics. */
  async function draft(...paragraphs: string[]): Promise<{ uri: string; text: string; diagnostics: Diagnostic[] }> {
    const text = ['小武器和轻武器非法贸易的各方面问题', '大会，', ...paragraphs].join('\n') + '\n';
    const uri = `file:///drafts/hand-${++n}.unres`;
    client.openDocument(uri, text);
    return { uri, text, diagnostics: await client.waitForDiagnostics(uri) };
  }

  const echoesOf = (diagnostics: Diagnostic[], text: string, open: string) =>
    diagnostics.filter((d) => d.code === 'echo' && getText(text, d.range).startsWith(open));

  describe('a draft is never matched against itself', () => {
    const r72 = () => fs.readFileSync(path.join(SEEDS, 'A-RES-72-57.md'), 'utf8');

    it('A/RES/72/57 opened from its corpus file', async () => {
      const text = r72();
      const uri = pathToFileURL(path.join(SEEDS, 'A-RES-72-57.md')).href;
      client.openDocument(uri, text);
      const ds = (await client.waitForDiagnostics(uri)).filter((d) => d.code === 'echo');
      // Its paragraphs go back to 61/66 and 58/241: not a vacuous check. Being adopted (it has its
      // closing date), it cannot echo 79/40, adopted later, though 79/40 carries its paragraphs over.
      assert.ok(ds.length >= 3, `${ds.length} echoes`);
      for (const d of ds) assert.ok(data(d).matches.every((m) => m.symbol !== R72 && m.symbol !== 'A/RES/79/40'), JSON.stringify(data(d)));
      client.closeDocument(uri);
    });

    it('A/RES/72/57 opened elsewhere, unsaved: the same resolution by its symbol', async () => {
      const uri = 'untitled:Untitled-1';
      // Without its closing date, as a draft: 79/40 counts as earlier wording again.
      const text = r72().replace(/\n2017年12月4日[^\n]*\n第62次全体会议\s*$/, '\n');
      assert.ok(!text.includes('第62次全体会议'));
      client.openDocument(uri, text);
      const ds = (await client.waitForDiagnostics(uri)).filter((d) => d.code === 'echo');
      assert.ok(ds.length >= 20, `${ds.length} echoes`);
      for (const d of ds) assert.ok(data(d).matches.every((m) => m.symbol !== R72), JSON.stringify(data(d)));
      // Verbatim paragraphs are still found, in the resolution that carried them over.
      const pp3 = echoesOf(ds, text, '**又强调**必须继续全面执行《使各国');
      assert.strictEqual(pp3.length, 1);
      assert.deepStrictEqual({ ...data(pp3[0]).matches[0], score: 1 }, { symbol: 'A/RES/79/40', paragraph: 'PP3', score: 1 });
      client.closeDocument(uri);
    });
  });

  it('`repeat`: an operative paragraph repeating an earlier preambular one names it; the earlier one is not flagged', async () => {
    const pp2 = '认识到需要在沿海国家建立可持续的渔业监测系统以便更好地保护海洋生物多样性和沿岸社区的生计，';
    const op1 = '1. 鼓励各国在沿海国家建立可持续的渔业监测系统以便更好地保护海洋生物多样性和沿岸社区的生计；';
    const { text, diagnostics } = await draft('回顾其以往各项有关决议，', pp2, '欢迎各国在区域一级开展的合作，', op1, '2. 决定继续审议这个问题。');
    const repeats = diagnostics.filter((d) => d.code === 'repeat');
    assert.strictEqual(repeats.length, 1, JSON.stringify(diagnostics));
    const [d] = repeats;
    assert.strictEqual(getText(text, d.range), op1);
    assert.strictEqual(data(d).matches[0].paragraph, 'PP2');
    assert.ok(message(d).includes('本草案序言部分第 2 段'), message(d));
    assert.strictEqual(d.severity, WARNING);
    // Nothing on the earlier paragraph, and the new wording echoes nothing in the corpus.
    const at = uniqueOffset(text, pp2);
    assert.deepStrictEqual(diagnostics.filter((x) => contains(text, x.range, at)), []);
    assert.deepStrictEqual(diagnostics.filter((x) => x.code === 'echo'), []);
  });

  it('clauses reordered: found in 72/57 OP15', async () => {
    // 72/57 OP15: 鼓励各国视需要巩固国家、次区域和区域一级的跨界合作，从各个方面解决小武器和轻武器非法贸易这一共同问题，同时充分尊重各国对其边境的主权；
    const op = '1. 鼓励各国在充分尊重各国对其边境的主权的同时，视需要巩固国家、次区域和区域一级的跨界合作，从各个方面解决小武器和轻武器非法贸易这一共同问题。';
    const { text, diagnostics } = await draft('回顾其以往各项有关决议，', op);
    const [d] = echoesOf(diagnostics, text, '1. 鼓励各国在充分尊重');
    assert.ok(d, JSON.stringify(diagnostics));
    assertWellFormed(d, text);
    assert.deepStrictEqual({ ...data(d).matches[0], score: 0 }, { symbol: R72, paragraph: 'OP15', score: 0 });
    assert.strictEqual(d.severity, WARNING);
  });

  it('a clause added: found in 72/57 PP11, the clause shown as inserted on hover', async () => {
    // 72/57 PP11, with 特别是在非洲和拉丁美洲各区域， added; 79/40 has no such paragraph.
    const clause = '特别是在非洲和拉丁美洲各区域，';
    const pp = `欣见联合国为执行《行动纲领》进行的协调努力，${clause}包括开发行动纲领执行支助系统，作为推动在小武器和轻武器领域能力建设方面进行国际合作与援助的综合信息中心，`;
    const { uri, text, diagnostics } = await draft(pp, '1. 决定继续审议这个问题。');
    const [d] = echoesOf(diagnostics, text, '欣见联合国');
    assert.ok(d, JSON.stringify(diagnostics));
    assertWellFormed(d, text);
    assert.deepStrictEqual({ ...data(d).matches[0], score: 0 }, { symbol: R72, paragraph: 'PP11', score: 0 });
    assert.strictEqual(d.severity, WARNING);
    assert.ok(message(d).startsWith(`改写自 ${R72} 序言部分第 11 段`), message(d));

    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, text.indexOf('拉丁美洲')) });
    const md = (h!.contents as MarkupContent).value;
    assert.ok(md.includes(`**${clause}**`), md);
    assert.ok(!md.includes('~~'), `nothing deleted: ${md}`);
    assert.ok(md.includes('序言部分第 11 段') && md.includes(`https://undocs.org/ch/${R72}`), md);
  });

  it('a paragraph split in two: each half finds 72/57 OP1', async () => {
    // 72/57 OP1 cut at ，而小武器和轻武器在世界许多地区的肆意扩散…
    const first = '1. 着重指出要解决小武器和轻武器非法贸易的各方面问题，就要在国家、区域和国际各级作出协调一致的努力来防止、打击和消除小武器和轻武器的非法制造、转让和流通；';
    const second = '2. 又着重指出小武器和轻武器在世界许多地区的肆意扩散产生多种人道主义和社会经济后果，在个人、地方、国家、区域和国际各级对和平、和解、安全、安保、稳定和可持续发展构成严重威胁。';
    const { text, diagnostics } = await draft('回顾其以往各项有关决议，', first, second);
    for (const open of ['1. 着重指出', '2. 又着重指出']) {
      const [d] = echoesOf(diagnostics, text, open);
      assert.ok(d, `${open}: ${JSON.stringify(diagnostics)}`);
      assertWellFormed(d, text);
      assert.deepStrictEqual({ ...data(d).matches[0], score: 0 }, { symbol: R72, paragraph: 'OP1', score: 0 });
      // Half a paragraph is not the paragraph.
      assert.strictEqual(d.severity, WARNING);
    }
  });

  it('paragraphs of stock phrases only are not flagged', async () => {
    const stock = [
      '鼓励区域和次区域组织在国家、区域和国际各级执行《从各个方面防止、打击和消除小武器和轻武器非法贸易的行动纲领》和《国际追查文书》，',
      '强调全面有效执行《行动纲领》和《国际追查文书》，处理小武器和轻武器非法贸易的各方面问题，',
      '请有能力的国家在国际合作和援助方面支持区域和次区域组织执行《行动纲领》，',
    ];
    for (const p of stock) {
      const { diagnostics } = await draft(p);
      assert.deepStrictEqual(diagnostics.filter((d) => d.code === 'echo' || d.code === 'repeat'), [], p);
    }
  });

  it('a new paragraph is not flagged', async () => {
    const { diagnostics } = await draft('回顾其以往各项有关决议，', '1. 鼓励会员国加强气候变化适应方面的合作，特别是在小岛屿发展中国家。');
    assert.deepStrictEqual(diagnostics.filter((d) => d.code === 'echo' || d.code === 'repeat'), []);
  });

  describe('hover on citations (positions in UTF-16, after surrogate pairs)', () => {
    // 𠀋 is one character and two UTF-16 code units: a server counting code points would
    // land two units to the right of where the user points.
    const line = '回顾其关于𠀋𠀋问题的 2016 年 12 月 5 日第 71/48 号决议、2023 年 12 月 5 日第 78/46 号决议、第 79/40 号决议和第 99/1 号决议，';
    let uri: string;
    let text: string;
    const hoverAt = (offset: number) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });
    const md = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

    before(async () => {
      ({ uri, text } = await draft(line, '1. 决定继续审议这个问题。'));
    });

    it('shows the adoption date the corpus knows, with a link, over the whole citation', async () => {
      const cite = '2016 年 12 月 5 日第 71/48 号决议';
      const at = uniqueOffset(text, cite);
      const h = await hoverAt(at + cite.length - 1); // on 议, its last character
      assert.ok(md(h).includes('A/RES/71/48'), md(h));
      assert.ok(md(h).includes('https://undocs.org/ch/A/RES/71/48'), md(h));
      assert.ok(md(h).includes('2016 年 12 月 5 日'), md(h));
      assert.ok(md(h).includes(R72), `cited in 72/57: ${md(h)}`);
      assert.ok(getText(text, h!.range!).endsWith('第 71/48 号决议'), getText(text, h!.range!));
      assert.ok(getText(text, h!.range!).includes('71/48'));
      // Just after the citation, it is no longer this citation.
      assert.ok(!md(await hoverAt(at + cite.length)).includes('A/RES/71/48'));
    });

    it('shows what the corpus knows even when the draft says otherwise', async () => {
      // 78/46 was adopted on 4 December 2023 (79/40 cites it so); the draft says the 5th.
      const h = await hoverAt(uniqueOffset(text, '78/46'));
      assert.ok(md(h).includes('2023 年 12 月 4 日'), md(h));
      assert.ok(md(h).includes('A/RES/79/40'), md(h));
    });

    it('a resolution in the corpus: its own date and title', async () => {
      const h = await hoverAt(uniqueOffset(text, '79/40'));
      assert.ok(md(h).includes('2024 年 12 月 2 日'), md(h));
      assert.ok(md(h).includes('小武器和轻武器非法贸易的各方面问题'), md(h));
    });

    it('a resolution the corpus does not know: says so', async () => {
      const h = await hoverAt(uniqueOffset(text, '99/1'));
      assert.ok(md(h).includes('A/RES/99/1'), md(h));
      assert.ok(md(h).includes('没有'), md(h));
      assert.ok(!/\d{4} 年 \d+ 月 \d+ 日/.test(md(h)), md(h));
    });

    it('nothing on the opening 大会，', async () => {
      assert.strictEqual(await hoverAt(uniqueOffset(text, '大会，')), null);
    });
  });
});
