// Protocol tests of the language features (issue #2): `dist/server.js --stdio` is spawned and
// spoken to over LSP as an editor would, and what an editor would show is checked against the
// text itself: outline, links, folding, completion, settings and bad input.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { LspClient, applyTextEdits, getText, positionAt } from './lspClient';

const SEEDS = path.join(__dirname, '../../../seeds');
const seedText = (name: string) => readFileSync(path.join(SEEDS, name), 'utf8');
const SEED_FILES = ['A-RES-58-241.txt', 'A-RES-61-66.txt', 'A-RES-72-57.md', 'A-RES-79-40.txt'];

/** A URI that is no file of the corpus, so that a seed opened there is a draft like any other. */
let uriCount = 0;
const draftUri = (name: string) => `file:///tmp/unres-protocol-tests/${++uriCount}-${name}`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(outer: Range, inner: Range): boolean {
  return !isBefore(inner.start, outer.start) && !isBefore(outer.end, inner.end);
}

async function symbolsOf(client: LspClient, uri: string): Promise<DocumentSymbol[]> {
  const result = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(result), `documentSymbol answered ${JSON.stringify(result)}`);
  return result;
}

async function linksOf(client: LspClient, uri: string): Promise<DocumentLink[]> {
  return client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
}

async function foldsOf(client: LspClient, uri: string): Promise<FoldingRange[]> {
  return client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
}

async function complete(client: LspClient, uri: string, position: Position): Promise<CompletionItem[]> {
  const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
    textDocument: { uri },
    position,
    context: { triggerKind: 1 },
  });
  const items = result === null ? [] : Array.isArray(result) ? result : result.items;
  // The order an editor shows: by sortText, then label.
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
}

/** The number of times the corpus says it has seen a verb (`语料 30 次`), from the item's detail. */
function corpusCount(item: CompletionItem): number {
  const m = /语料 (\d+) 次/.exec(item.detail ?? '');
  assert.ok(m, `no corpus count in ${JSON.stringify(item.detail)}`);
  return Number(m[1]);
}

/** Every symbol of a tree with its parent. */
function* walk(symbols: DocumentSymbol[], parent?: DocumentSymbol): Generator<[DocumentSymbol, DocumentSymbol | undefined]> {
  for (const s of symbols) {
    yield [s, parent];
    yield* walk(s.children ?? [], s);
  }
}

/** VS Code refuses an outline where a selection range leaves its range or a child its parent. */
function assertWellFormedOutline(symbols: DocumentSymbol[], where: string): void {
  for (const [s, parent] of walk(symbols)) {
    assert.ok(contains(s.range, s.selectionRange), `${where}: selectionRange of ${s.name} is outside its range`);
    if (parent) assert.ok(contains(parent.range, s.range), `${where}: ${s.name} is outside its parent ${parent.name}`);
    assert.ok(!LONE_SURROGATE.test(s.name), `${where}: name with half a surrogate pair: ${JSON.stringify(s.name)}`);
  }
}

function waitForCorpus(client: LspClient, documents: number): Promise<unknown> {
  return client.waitForNotification(
    'window/logMessage',
    (p: { message: string }) => new RegExp(`corpus ready, ${documents} documents`).test(p.message),
    15000,
    0,
  );
}

/** The messages the server asked the editor to pop up, as notifications or as requests. */
function shownMessages(client: LspClient): { type: number; message: string }[] {
  return [
    ...client.notifications.filter((n) => n.method === 'window/showMessage').map((n) => n.params),
    ...client.serverRequests.filter((r) => r.method === 'window/showMessageRequest').map((r) => r.params),
  ];
}

const echoes = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'echo');

// ---------------------------------------------------------------------------------------------

describe('protocol: initialize and exit', () => {
  it('advertises outline, links, folding, completion with triggers, hover and quick fixes in UTF-16, and exits 0', async () => {
    const client = await LspClient.start();
    try {
      const caps = client.initializeResult.capabilities;
      assert.ok(caps.documentSymbolProvider, 'documentSymbolProvider');
      assert.ok(caps.documentLinkProvider, 'documentLinkProvider');
      assert.ok(caps.foldingRangeProvider, 'foldingRangeProvider');
      assert.ok(caps.hoverProvider, 'hoverProvider');
      // Typing `2.` or a full-width `２．` asks for the operative verbs.
      const triggers = caps.completionProvider?.triggerCharacters ?? [];
      assert.ok(triggers.includes('.') && triggers.includes('．'), `triggerCharacters ${JSON.stringify(triggers)}`);
      const ca = caps.codeActionProvider;
      assert.ok(ca === true || (typeof ca === 'object' && (ca.codeActionKinds ?? ['quickfix']).includes('quickfix')), JSON.stringify(ca));
      // Only UTF-16 is offered by the client; a server may leave the field out (UTF-16 then).
      assert.ok(caps.positionEncoding === undefined || caps.positionEncoding === 'utf-16', `positionEncoding ${caps.positionEncoding}`);
      const sync = caps.textDocumentSync;
      const change = typeof sync === 'number' ? sync : sync?.change;
      assert.ok(change === 1 || change === 2, `textDocumentSync ${JSON.stringify(sync)}`);
    } finally {
      const exit = await client.shutdown();
      assert.deepStrictEqual(exit, { code: 0, signal: null }, client.stderr);
      assert.deepStrictEqual(client.protocolErrors, []);
    }
  });
});

describe('protocol: language features on drafts and seeds', function () {
  this.timeout(20000);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ settings: { unres: { corpus: { builtin: true, paths: [] } } } });
    await waitForCorpus(client, 4);
  });
  after(async () => {
    if (!client) return;
    await client.shutdown();
    assert.deepStrictEqual(client.protocolErrors, []);
  });

  describe('outline (textDocument/documentSymbol)', () => {
    it('A/RES/79/40: title, 23 preambular and 36 operative paragraphs, footnotes and closing', async () => {
      const text = seedText('A-RES-79-40.txt');
      const uri = draftUri('79-40.txt');
      client.openDocument(uri, text);
      const symbols = await symbolsOf(client, uri);
      assertWellFormedOutline(symbols, '79/40');

      const byName = (prefix: string) => {
        const s = symbols.find((x) => x.name.startsWith(prefix));
        assert.ok(s, `no top-level symbol ${prefix} in ${JSON.stringify(symbols.map((x) => x.name))}`);
        return s;
      };
      const title = byName('79/40.');
      assert.strictEqual(title.name, '79/40. 小武器和轻武器非法贸易的各方面问题');
      assert.strictEqual(getText(text, title.selectionRange), '小武器和轻武器非法贸易的各方面问题');

      const preamble = byName('序言部分');
      const operative = byName('执行部分');
      assert.strictEqual(preamble.name, '序言部分 Preamble (23)');
      assert.strictEqual(operative.name, '执行部分 Operative (36)');
      assert.strictEqual(getText(text, preamble.selectionRange), '大会，');
      const pps = preamble.children ?? [];
      const ops = operative.children ?? [];
      assert.deepStrictEqual(pps.map((s) => s.name.split(' ')[0]), Array.from({ length: 23 }, (_, i) => `PP${i + 1}`));
      assert.deepStrictEqual(ops.map((s) => s.name.split(' ')[0]), Array.from({ length: 36 }, (_, i) => `OP${i + 1}`));

      // Names and ranges read straight off the seed.
      const pp3 = pps[2];
      assert.ok(pp3.name.startsWith('PP3 又强调必须继续全面执行《使各国能够'), pp3.name);
      assert.strictEqual(getText(text, pp3.selectionRange), '又强调');
      assert.strictEqual(pp3.range.start.line, text.split('\n').findIndex((l) => l.includes('又强调必须继续全面执行《使各国')));
      assert.match(getText(text, pp3.range), /^又强调必须继续全面执行《使各国能够及时和可靠地识别和追查非法小武\s+器和轻武器的国际文书》\(《国际追查文书》\)，(2)?$/);

      const op12 = ops[11];
      assert.ok(op12.name.startsWith('OP12 鼓励各国在执行《行动纲领》和《国际追查文书》'), op12.name);
      assert.ok(op12.name.endsWith('…'), 'a long paragraph is shortened in the outline');
      assert.strictEqual(getText(text, op12.selectionRange), '鼓励');
      const op12Text = getText(text, op12.range);
      assert.ok(op12Text.startsWith('12. 鼓励各国在执行《行动纲领》和《国际追查文书》时考虑到小武器和'), op12Text);
      assert.ok(op12Text.endsWith('包括罪犯和恐怖分子获得小武器和轻武器；'), op12Text);
      assert.match(getText(text, ops[35].range), /^36\. 决定在大会第八十届会议.*的分项。$/s);

      // Every paragraph: the selection is the verb its name starts with; the range starts with the
      // paragraph (its number first in the operative part) and never runs into the next one.
      for (const [list, numbered] of [[pps, false], [ops, true]] as const) {
        list.forEach((s, i) => {
          const [label, ...rest] = s.name.split(' ');
          const nameText = rest.join(' ').replace(/…$/, '');
          const verb = getText(text, s.selectionRange);
          assert.match(verb, /^[\u4e00-\u9fff]+$/, `${label}: selection ${JSON.stringify(verb)}`);
          assert.ok(nameText.startsWith(verb), `${label}: ${JSON.stringify(s.name)} does not start with its verb ${verb}`);
          let body = getText(text, s.range);
          if (numbered) {
            const m = /^(\d+)\.\s*/.exec(body);
            assert.ok(m && Number(m[1]) === i + 1, `${label} range starts ${JSON.stringify(body.slice(0, 10))}`);
            body = body.slice(m[0].length);
          }
          const squeeze = (t: string) => t.replace(/\s+/g, '');
          assert.ok(squeeze(body).startsWith(squeeze(nameText).slice(0, 8)), `${label}: range ${JSON.stringify(body.slice(0, 20))} vs name ${s.name}`);
          if (i > 0) assert.ok(!isBefore(s.range.start, list[i - 1].range.end), `${label} overlaps the paragraph before`);
        });
      }

      // Its footnotes sit at the foot of each page, between paragraphs: listed one by one, in order.
      const footnotes = symbols.filter((s) => s.name.startsWith('脚注 '));
      assert.deepStrictEqual(footnotes.map((f) => f.name.split(' ')[1]), ['1', '2', '3', '4', '5', '6', '7', '8']);
      const closing = symbols[symbols.length - 1];
      assert.strictEqual(closing.name, '2024 年 12 月 2 日 第 43 次全体会议');
      assert.strictEqual(getText(text, closing.selectionRange), '2024 年 12 月 2 日');
    });

    it('every seed gives an outline VS Code accepts (selections inside ranges, children inside parents)', async () => {
      const counts: Record<string, [number, number]> = {
        'A-RES-58-241.txt': [9, 15],
        'A-RES-61-66.txt': [10, 12],
        'A-RES-72-57.md': [21, 23],
        'A-RES-79-40.txt': [23, 36],
      };
      for (const file of SEED_FILES) {
        const uri = draftUri(file);
        client.openDocument(uri, seedText(file));
        const symbols = await symbolsOf(client, uri);
        assertWellFormedOutline(symbols, file);
        const names = symbols.map((s) => s.name);
        assert.ok(names.includes(`序言部分 Preamble (${counts[file][0]})`), `${file}: ${names}`);
        assert.ok(names.includes(`执行部分 Operative (${counts[file][1]})`), `${file}: ${names}`);
      }
    });

    it('a typed draft with CRLF and surrogate pairs: ranges cut out exactly the paragraph, in UTF-16 units', async () => {
      const pp1 = '回顾其第 78/46 号决议及𠀋𠀋文书，';
      const head = '又回顾各国承诺将《行动纲领》作为国际社会活动中';
      assert.strictEqual(head.length, 23);
      // 𠀋 is the 24th character of PP2: the outline name may not cut it in half.
      const pp2 = `${head}𠀋的主要框架，`;
      const op1 = '1. 鼓励各国在执行《𠀋国际追查文书》时考虑到建议；';
      const op2 = '2. 请秘书长向大会第八十届会议\r\n报告本决议的执行情况。';
      const text = ['安道尔、安哥拉：决议草案', '小武器和轻武器非法贸易的各方面问题', '大会，', pp1, pp2, op1, op2].join('\r\n') + '\r\n';
      const uri = draftUri('typed.unres');
      client.openDocument(uri, text);
      const symbols = await symbolsOf(client, uri);
      assertWellFormedOutline(symbols, 'typed draft');
      assert.deepStrictEqual(
        symbols.map((s) => s.name),
        ['小武器和轻武器非法贸易的各方面问题', '序言部分 Preamble (2)', '执行部分 Operative (2)'],
      );
      const [, preamble, operative] = symbols;
      assert.deepStrictEqual(
        [...(preamble.children ?? []), ...(operative.children ?? [])].map((s) => [s.name, getText(text, s.range), getText(text, s.selectionRange)]),
        [
          [`PP1 ${pp1}`, pp1, '回顾其'],
          [`PP2 ${head}𠀋…`, pp2, '又回顾'],
          [`OP1 ${op1.slice(3)}`, op1, '鼓励'],
          ['OP2 请秘书长向大会第八十届会议报告本决议的执行情况。', op2, '请'],
        ],
      );
      // The same in plain positions: a server counting code points or bytes ends PP1 too early.
      const pp1Symbol = preamble.children![0];
      assert.deepStrictEqual(pp1Symbol.range, { start: { line: 3, character: 0 }, end: { line: 3, character: pp1.length } });
      assert.strictEqual(pp1.length, [...pp1].length + 2);
      assert.deepStrictEqual(operative.children![1].range, { start: { line: 6, character: 0 }, end: { line: 7, character: 11 } });
      assert.strictEqual(getText(text, preamble.selectionRange), '大会，');
      assert.deepStrictEqual(preamble.range.start, { line: 2, character: 0 });
    });

    it('follows edits: a paragraph typed in gets its own symbol', async () => {
      const text = '大会，\n回顾其第 78/46 号决议，\n1. 决定设立工作组。\n';
      const uri = draftUri('edit.unres');
      client.openDocument(uri, text);
      assert.deepStrictEqual((await symbolsOf(client, uri)).map((s) => s.name), ['序言部分 Preamble (1)', '执行部分 Operative (1)']);
      // Type a second preambular paragraph at the start of line 2, as incremental changes.
      client.changeDocument(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '𠀋重申各国承诺，\n' }]);
      const symbols = await symbolsOf(client, uri);
      assert.deepStrictEqual(symbols.map((s) => s.name), ['序言部分 Preamble (2)', '执行部分 Operative (1)']);
      const op1 = symbols[1].children![0];
      assert.strictEqual(getText(client.documentText(uri)!, op1.range), '1. 决定设立工作组。');
      assert.strictEqual(op1.range.start.line, 3);
    });
  });

  describe('document links', () => {
    it('resolutions, documents and part letters link to undocs.org; a decision does not', async () => {
      const lines = [
        '大会，',
        '回顾其第 78/46 号决议及 2001 年 12 月 24 日第 56/24 V 号决议，',
        '又回顾𠀋第 60/519 号决定及《大会的报告》(A/CONF.192/15)，',
        '还回顾第 56/24 V 号、第 57/72 号和第 60/81 号决议，',
        '1. 请秘书长报告第 78/46 号决议的执行情况。',
      ];
      const text = lines.join('\n');
      const uri = draftUri('links.unres');
      client.openDocument(uri, text);
      const links = await linksOf(client, uri);
      const got = links.map((l) => [l.range.start.line, getText(text, l.range), l.target]);
      assert.deepStrictEqual(got, [
        [1, '第 78/46 号决议', 'https://undocs.org/ch/A/RES/78/46'],
        // undocs.org publishes the parts of 56/24 as one document: the letter is dropped.
        [1, '2001 年 12 月 24 日第 56/24 V 号决议', 'https://undocs.org/ch/A/RES/56/24'],
        [2, 'A/CONF.192/15', 'https://undocs.org/ch/A/CONF.192/15'],
        [3, '第 56/24 V 号', 'https://undocs.org/ch/A/RES/56/24'],
        [3, '第 57/72 号', 'https://undocs.org/ch/A/RES/57/72'],
        [3, '第 60/81 号决议', 'https://undocs.org/ch/A/RES/60/81'],
        [4, '第 78/46 号决议', 'https://undocs.org/ch/A/RES/78/46'],
      ]);
      // UTF-16 columns: the symbol comes after a surrogate pair on its line.
      const cnf = links[2].range;
      assert.deepStrictEqual(cnf, {
        start: { line: 2, character: lines[2].indexOf('A/CONF') },
        end: { line: 2, character: lines[2].indexOf('A/CONF') + 'A/CONF.192/15'.length },
      });
      // A decision has no symbol of its own on undocs.org (the official PDF of 79/40 links none either).
      const decision = lines[2].indexOf('第 60/519 号决定');
      assert.ok(!links.some((l) => l.range.start.line === 2 && l.range.start.character <= decision + 12 && l.range.end.character > decision));
      assert.ok(!links.some((l) => /519|DEC/.test(l.target ?? '')));
    });

    it('A/RES/79/40: the links are exactly the hyperlinks the official document carries', async () => {
      const text = seedText('A-RES-79-40.txt');
      const uri = draftUri('79-40-links.txt');
      client.openDocument(uri, text);
      const links = await linksOf(client, uri);
      // The seed keeps the PDF's hyperlinks as URL lines. A/79/408 is the report named in the PDF's
      // heading, which the seed's text leaves out; `(supp)` is a suffix of the link, not of the symbol.
      const urlLines = text.split(/\r?\n/).filter((l) => l.startsWith('https://'));
      const withoutUrls = text.split(/\r?\n/).filter((l) => !l.startsWith('https://')).join('\n');
      assert.ok(!withoutUrls.includes('79/408'));
      const expected = new Set(urlLines.map((l) => l.trim().replace(/\(supp\)$/, '')).filter((u) => !u.endsWith('/A/79/408')));
      assert.deepStrictEqual(new Set(links.map((l) => l.target)), expected);
      for (const l of links) {
        const cut = getText(text, l.range);
        assert.ok(!/https?:|undocs/.test(cut), `a link inside a URL line: ${cut}`);
        const symbol = l.target!.replace('https://undocs.org/ch/', '');
        const number = symbol.replace(/^A\/RES\//, '');
        assert.ok(cut.replace(/\s+/g, '').includes(number), `${JSON.stringify(cut)} does not show ${number}`);
      }
    });
  });

  describe('folding ranges', () => {
    it('fold the preamble from 大会， and the operative part, and each paragraph wrapped over lines', async () => {
      const text = [
        '小武器和轻武器非法贸易的各方面问题',
        '大会，',
        '回顾其 2023 年 12 月 4 日第',
        '78/46 号决议及以往所有决议，',
        '强调必须执行，',
        '1. 决定于 2026 年',
        '召开会议；',
        '2. 请秘书长报告。',
      ].join('\n');
      const uri = draftUri('fold.unres');
      client.openDocument(uri, text);
      const folds = await foldsOf(client, uri);
      assert.deepStrictEqual(
        folds.map((f) => [f.startLine, f.endLine]),
        [
          [1, 4], // 大会， … 强调必须执行，
          [2, 3], // PP1 over two lines
          [5, 7], // operative part
          [5, 6], // OP1 over two lines
        ],
      );
    });

    it('on every seed the folds nest: none starts inside another and ends outside it', async () => {
      for (const file of SEED_FILES) {
        const text = seedText(file);
        const uri = draftUri(file);
        client.openDocument(uri, text);
        const folds = await foldsOf(client, uri);
        assert.ok(folds.length >= 2, `${file}: ${folds.length} folds`);
        for (const a of folds) {
          assert.ok(a.endLine > a.startLine, `${file}: empty fold ${JSON.stringify(a)}`);
          for (const b of folds) {
            const crosses = a.startLine < b.startLine && b.startLine <= a.endLine && b.endLine > a.endLine;
            assert.ok(!crosses, `${file}: fold ${JSON.stringify(b)} starts inside ${JSON.stringify(a)} and ends after it`);
          }
        }
      }
    });

    it('A/RES/79/40: the preamble, the operative part and the footnotes at the foot of page 1', async () => {
      const text = seedText('A-RES-79-40.txt');
      const lines = text.split('\n');
      const uri = draftUri('79-40-fold.txt');
      client.openDocument(uri, text);
      const folds = (await foldsOf(client, uri)).map((f) => [f.startLine, f.endLine]);
      const line = (re: RegExp, from = 0) => lines.findIndex((l, i) => i >= from && re.test(l));
      const opening = line(/^\s*大会，\s*$/);
      const op1 = line(/^\s*1\. 着重指出/);
      const lastPP = line(/^\s*回顾 2023年 12月 4日第 78\/47 号/);
      const ppEnd = line(/，\s*$/, lastPP);
      const opEnd = line(/的分项。\s*$/);
      assert.ok([opening, op1, lastPP, ppEnd, opEnd].every((n) => n > 0));
      assert.deepStrictEqual(folds.filter((f) => f[0] === opening), [[opening, ppEnd]]);
      assert.ok(folds.some((f) => f[0] === op1 && f[1] === opEnd), `no fold ${op1}–${opEnd}`);
      // Footnotes 1 and 2 fold together, and no further.
      const fn1 = line(/^\s*1 《联合国小武器和轻武器非法贸易/);
      const fn2 = line(/^\s*2 见第 60\/519 号决定/);
      assert.ok(folds.some((f) => f[0] === fn1 && f[1] === fn2), `no fold ${fn1}–${fn2} in ${JSON.stringify(folds)}`);
      assert.ok(folds.filter((f) => f[0] === fn1).every((f) => f[1] <= fn2), JSON.stringify(folds.filter((f) => f[0] === fn1)));
    });
  });

  describe('completion', () => {
    const DRAFT = ['小武器和轻武器非法贸易的各方面问题', '大会，', '回顾其第 78/46 号决议，', '又回顾各国承诺，'];

    it('at the start of a preambular line: preambular verbs by corpus frequency, the 还 form of the repeated verb first', async () => {
      const text = [...DRAFT, ''].join('\n');
      const uri = draftUri('complete-pp.unres');
      client.openDocument(uri, text);
      const items = await complete(client, uri, { line: 4, character: 0 });
      const labels = items.map((i) => i.label);
      // 回顾其 … 又回顾 … : the third in a row takes 还.
      assert.strictEqual(labels[0], '还回顾');
      assert.deepStrictEqual(items.filter((i) => i.preselect).map((i) => i.label), ['还回顾']);
      for (const v of ['回顾', '重申', '念及', '注意到', '欢迎']) assert.ok(labels.includes(v), `${v} missing`);
      assert.ok(!labels.includes('促请'), '促请 opens operative paragraphs only');
      const verbs = items.filter((i) => /语料/.test(i.detail ?? ''));
      const counts = verbs.map(corpusCount);
      assert.deepStrictEqual(counts, [...counts].sort((a, b) => b - a), 'verbs not ranked by corpus frequency');
      assert.ok(counts[0] > 0);
      // Every preambular paragraph of the seeds that opens with (又/还)欢迎.
      const welcomed = SEED_FILES.map(seedText)
        .join('\n')
        .split('\n')
        .filter((l) => /^\s*(?:\*\*)?(?:又|还)?欢迎/.test(l)).length;
      assert.strictEqual(corpusCount(items.find((i) => i.label === '欢迎')!), welcomed);
      // the first operative number is offered too, after the verbs
      const one = items.find((i) => i.label === '1. ');
      assert.ok(one && !one.preselect && labels.indexOf('1. ') > labels.indexOf('欢迎'));
      for (const i of items) assert.deepStrictEqual(i.textEdit && 'range' in i.textEdit ? i.textEdit.range : undefined, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
    });

    it('the 又 form of the previous verb comes first and preselected', async () => {
      const text = [...DRAFT.slice(0, 3), ''].join('\n');
      const uri = draftUri('complete-you.unres');
      client.openDocument(uri, text);
      const items = await complete(client, uri, { line: 3, character: 0 });
      assert.strictEqual(items[0].label, '又回顾其');
      assert.strictEqual(items[0].preselect, true);
      assert.strictEqual(items.filter((i) => i.preselect).length, 1);
    });

    it('after `N. `: operative verbs, counted in the corpus; a half-typed verb is replaced in UTF-16 units', async () => {
      const text = [...DRAFT, '1. 决定设立工作组；', '2. '].join('\r\n');
      const uri = draftUri('complete-op.unres');
      client.openDocument(uri, text);
      // The user types 鼓 after `2. `, as an incremental change.
      const at = positionAt(text, text.length);
      client.changeDocument(uri, [{ range: { start: at, end: at }, text: '鼓' }]);
      const typed = client.documentText(uri)!;
      const cursor = positionAt(typed, typed.length);
      assert.deepStrictEqual(cursor, { line: 5, character: 4 });
      const items = await complete(client, uri, cursor);
      const labels = items.map((i) => i.label);
      assert.strictEqual(labels[0], '又决定', 'the paragraph before opens with 决定');
      assert.ok(!labels.includes('念及'), '念及 opens preambular paragraphs only');
      // Counted independently in the seeds: operative paragraphs opening with (又/还/继续)鼓励, 决定, 强调.
      const all = SEED_FILES.map(seedText).join('\n').split('\n');
      const opens = (verb: string) => all.filter((l) => new RegExp(`^\\s*(?:\\*\\*)?\\d{1,2}\\.\\s*(?:\\*\\*)?(?:又|还|继续|再次)?${verb}`).test(l)).length;
      const ranked = items.filter((i) => /语料/.test(i.detail ?? ''));
      assert.strictEqual(ranked[0].label, '鼓励');
      for (const v of ['鼓励', '决定', '强调']) assert.strictEqual(corpusCount(ranked.find((i) => i.label === v)!), opens(v), v);
      assert.ok(opens('鼓励') > opens('决定') && opens('决定') > opens('强调'));
      const counts = ranked.map(corpusCount);
      assert.deepStrictEqual(counts, [...counts].sort((a, b) => b - a));

      const encourage = items.find((i) => i.label === '鼓励')!;
      const edit = encourage.textEdit as TextEdit;
      assert.deepStrictEqual(edit.range, { start: { line: 5, character: 3 }, end: { line: 5, character: 4 } });
      assert.ok(typed.endsWith('\r\n2. 鼓'));
      assert.ok(applyTextEdits(typed, [edit]).endsWith('\r\n2. 鼓励'));
    });

    it('on an empty line after operative paragraph N: `N+1. ` and no verbs', async () => {
      const text = [...DRAFT, '1. 决定设立工作组；', '2. 请秘书长报告；', ''].join('\n');
      const uri = draftUri('complete-number.unres');
      client.openDocument(uri, text);
      const items = await complete(client, uri, { line: 6, character: 0 });
      assert.deepStrictEqual(items.map((i) => i.label), ['3. ']);
      assert.strictEqual(items[0].preselect, true);
      assert.strictEqual(applyTextEdits(text, [items[0].textEdit as TextEdit]), text + '3. ');
      // in the middle of the part, the number that follows the paragraph above
      const between = [...DRAFT, '1. 决定设立工作组；', '', '2. 请秘书长报告。'].join('\n');
      const uri2 = draftUri('complete-between.unres');
      client.openDocument(uri2, between);
      assert.deepStrictEqual((await complete(client, uri2, { line: 5, character: 0 })).map((i) => i.label), ['2. ']);
    });

    it('offers nothing in the middle of a paragraph or after the closing', async () => {
      const text = [...DRAFT, '1. 决定设立工作组。', '', '2024 年 12 月 2 日', '第 43 次全体会议', ''].join('\n');
      const uri = draftUri('complete-none.unres');
      client.openDocument(uri, text);
      assert.deepStrictEqual(await complete(client, uri, { line: 2, character: 5 }), []);
      assert.deepStrictEqual(await complete(client, uri, { line: 8, character: 0 }), []);
    });
  });
});

describe('protocol: settings', function () {
  this.timeout(20000);
  let client: LspClient | undefined;
  after(async () => {
    await client?.shutdown();
  });

  it('corpus.builtin false in initializationOptions means no echoes; switching it on by configuration brings them', async () => {
    client = await LspClient.start({ initializationOptions: { corpus: { builtin: false } } });
    await waitForCorpus(client, 0);
    // 79/40 opened as a draft: its own symbol keeps it from matching itself; 72/57 is what it echoes.
    const text = seedText('A-RES-79-40.txt');
    const uri = draftUri('79-40-settings.txt');
    client.openDocument(uri, text);
    const first = await client.waitForDiagnostics(uri, (ds) => ds.length > 0);
    assert.ok(first.some((d) => d.code === 'verb-prefix'), 'the draft was checked');
    assert.deepStrictEqual(echoes(first), []);
    // The server asks for `workspace/configuration` after didChangeConfiguration.
    const asked = client.serverRequests.length;
    client.setSettings({ unres: { corpus: { builtin: true } } });
    const withCorpus = await client.waitForDiagnostics(uri, (ds) => echoes(ds).length > 0, 15000);
    assert.ok(client.serverRequests.slice(asked).some((r) => r.method === 'workspace/configuration'));
    const found = echoes(withCorpus);
    assert.ok(found.length >= 10, `${found.length} echoes`);
    for (const d of found) {
      const matches = (d.data as { matches: { symbol: string; paragraph: string; score: number }[] }).matches;
      assert.ok(matches.length > 0);
      assert.ok(!matches.some((m) => m.symbol === 'A/RES/79/40'), 'a draft is never matched against itself');
    }
    // PP1 (回顾其 2023 年 12 月 4 日第 78/46 号决议…) was revised from 72/57 PP1.
    const lines = text.split('\n');
    const pp1Line = lines.findIndex((l) => l.includes('回顾其 2023 年 12 月 4 日第 78/46 号决议'));
    const pp1 = found.find((d) => d.range.start.line === pp1Line);
    assert.ok(pp1, `no echo on line ${pp1Line}`);
    assert.strictEqual(pp1.range.start.character, lines[pp1Line].indexOf('回顾其'));
    assert.deepStrictEqual((pp1.data as { matches: { symbol: string; paragraph: string }[] }).matches[0].symbol, 'A/RES/72/57');
    assert.match(typeof pp1.message === 'string' ? pp1.message : pp1.message.value, /A\/RES\/72\/57/);

    // and off again
    client.setSettings({ unres: { corpus: { builtin: false } } });
    const without = await client.waitForDiagnostics(uri, (ds) => ds.length > 0 && echoes(ds).length === 0, 15000);
    assert.ok(without.some((d) => d.code === 'verb-prefix'));
  });
});

describe('protocol: bad input', function () {
  this.timeout(20000);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { corpus: { builtin: false } } });
  });
  after(async () => {
    const exit = await client.shutdown();
    assert.deepStrictEqual(exit, { code: 0, signal: null }, client.stderr);
  });

  it('a 3 MB document gets one warning and structure features only (issue #4), and the server goes on', async () => {
    const line = '回顾其第 78/46 号决议，A/CONF.192/15 and some filler text\n';
    const text = line.repeat(Math.ceil(3_000_000 / line.length));
    assert.ok(text.length >= 3_000_000);
    const uri = draftUri('huge.unres');
    client.openDocument(uri, text);
    // Over unres.limits.maxDocumentSize (2,000,000): structure checks only, no corpus or citation checks.
    const diagnostics = await client.waitForDiagnostics(uri, undefined, 30000);
    for (const d of diagnostics) assert.ok(['numbering', 'punctuation', 'verb-prefix'].includes(String(d.code)), String(d.code));
    assert.ok((await symbolsOf(client, uri)).length > 0);
    assert.ok(Array.isArray(await linksOf(client, uri)));
    assert.ok(Array.isArray(await foldsOf(client, uri)));
    // A pop-up (window/showMessage, or window/showMessageRequest as vscode-languageserver sends
    // it), said once and not at every request.
    const said = shownMessages(client).filter((m) => m.message.includes(uri));
    assert.strictEqual(said.length, 1, JSON.stringify(shownMessages(client)));
    assert.strictEqual(said[0].type, 2, 'a warning');
    assert.match(said[0].message, /过大|larger/);
    client.closeDocument(uri);
  });

  it('a binary-looking document and an empty one are answered, and the server keeps answering', async () => {
    const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('') + '\u0000\uFFFD\uD800';
    for (const [name, text] of [['binary.unres', binary], ['empty.unres', '']]) {
      const uri = draftUri(name);
      client.openDocument(uri, text);
      assert.ok(Array.isArray(await symbolsOf(client, uri)), name);
      assert.ok(Array.isArray(await linksOf(client, uri)), name);
      assert.ok(Array.isArray(await foldsOf(client, uri)), name);
      await complete(client, uri, { line: 0, character: 0 });
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      await client.waitForDiagnostics(uri);
    }
    // an editor typing into the empty document
    const uri = draftUri('typed-after.unres');
    client.openDocument(uri, '');
    client.changeDocument(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '大会，\n回顾其决议，\n1. 决定设立工作组。' }]);
    const symbols = await symbolsOf(client, uri);
    assert.deepStrictEqual(symbols.map((s) => s.name), ['序言部分 Preamble (1)', '执行部分 Operative (1)']);
    assert.deepStrictEqual(client.protocolErrors, []);
  });
});
