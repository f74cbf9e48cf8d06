// Synthetic General Assembly resolutions for benchmarks: whole documents (heading, symbol,
// title, 大会，, preambular and operative paragraphs, footnotes, closing date and meeting) made
// of the seeds' paragraphs, mutated and recombined, in the three layouts the parser reads
// (text extracted from a PDF, Markdown, typed), deterministic for a given seed.
//
// The paragraphs come from the seeds through the engine's own parser, so the pool is exactly
// the clean texts the server compares; the citations in them are replaced by citations of
// resolutions generated earlier in the same run, with their adoption dates (a few missing or
// wrong, as drafts have them).
import { parseResolution } from '../server/src/engine/parse';
import { Paragraph, paragraphs } from '../server/src/engine/model';

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same corpus. */
export class Random {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  /** In [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Where a citation goes in a pooled text: the citations of the seeds are replaced by it. */
const CITE = '\u0001';
/** `2023 年 12 月 4 日第 78/46 号` (the date optional; 号 too, inside lists: `第 53/77 E 和第 53/77 T 号`). */
const SEED_CITATION = /(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*)?第\s*\d{2,3}\/\d{1,4}(?!\d)(?:\s*[A-Z]{1,2}(?![A-Za-z]))?\s*号?(?![号\s]*决定)/g;

interface PooledParagraph {
  operative: boolean;
  /** As written in the seed: `又强调`; '' when the paragraph has no recognised verb. */
  verb: string;
  /** The rest of the clean text, without the closing punctuation, citations as CITE. */
  rest: string;
}

export interface Pools {
  preambular: PooledParagraph[];
  operative: PooledParagraph[];
  /** Clauses of every paragraph (split after ，；), for insertions and recombined paragraphs. */
  clauses: string[];
  footnotes: string[];
  titles: string[];
  /** Every character of the pooled texts, for typos and replaced runs. */
  chars: string;
  /** Each seed resolution's paragraphs in order: the series the dense shape revises. */
  series: PooledParagraph[][];
}

/**
 * `generator`: resolutions of random seed paragraphs, a third verbatim, the rest mutated or
 * stitched (about ten variants of a paragraph per hundred resolutions);
 * `dense`: an archive of a few agenda items, each resolution last year's text revised: the
 * paragraphs of one seed resolution in order, each verbatim or lightly revised (one or two
 * edits), a few dropped, so every seed paragraph has thousands of close variants.
 */
export type Shape = 'generator' | 'dense';
export const SHAPES: readonly Shape[] = ['generator', 'dense'];

/** Titles of General Assembly agenda items, besides the seeds' own. */
const TITLES = [
  '小武器和轻武器非法贸易的各方面问题',
  '全面彻底裁军',
  '常规武器领域的建立信任措施',
  '区域裁军',
  '防止外层空间的军备竞赛',
  '从国际安全角度看信息和电信领域的发展',
  '核裁军',
  '化学武器公约的执行情况',
  '巩固和平的实际裁军措施',
  '协助各国遏制小武器非法贸易并收集小武器',
  '联合国常规武器登记册',
  '裁军与发展的关系',
  '防止恐怖分子获取大规模毁灭性武器的措施',
  '妇女与裁军、不扩散和军备控制',
  '青年与裁军和不扩散',
  '弹药储存过剩产生的问题',
];

/**
 * Word substitutions of the kind translators and delegations make between years; applied
 * either way round.
 */
const SYNONYMS: [string, string][] = [
  ['强调', '着重指出'],
  ['执行', '实施'],
  ['各国', '会员国'],
  ['加强', '增强'],
  ['促进', '推动'],
  ['鼓励', '激励'],
  ['重要作用', '关键作用'],
  ['国际合作', '国际协作'],
  ['努力', '工作'],
  ['有关', '相关'],
  ['能力', '本国能力'],
  ['援助', '协助'],
  ['区域和次区域', '区域、次区域'],
  ['进展', '进步'],
  ['措施', '办法'],
  ['建议', '提议'],
  ['报告', '报告书'],
  ['审议', '审查'],
  ['继续', '持续'],
  ['充分', '全面'],
  ['以便', '以期'],
  ['非法', '不法'],
  ['贸易', '交易'],
  ['注意到', '获悉'],
];

/** Typing slips: a character and the one often typed for it. */
const TYPOS: [string, string][] = [
  ['的', '地'],
  ['地', '的'],
  ['在', '再'],
  ['已', '以'],
  ['做', '作'],
  ['及', '即'],
  ['和', '合'],
  ['其', '期'],
];

/** What a resolution may cite: one generated earlier (or a seed's). */
interface Cited {
  session: number;
  number: number;
  date: Date3;
}

interface Date3 {
  year: number;
  month: number;
  day: number;
}

export function buildPools(seedTexts: readonly string[]): Pools {
  const pools: Pools = { preambular: [], operative: [], clauses: [], footnotes: [], titles: [...TITLES], chars: '', series: [] };
  let chars = '';
  for (const text of seedTexts) {
    const r = parseResolution(text);
    if (r.title?.text && !pools.titles.includes(r.title.text)) pools.titles.push(r.title.text);
    const series: PooledParagraph[] = [];
    for (const p of paragraphs(r)) {
      const pooled = pool(p);
      if (pooled.rest.length < 8) continue;
      series.push(pooled);
      (p.kind === 'preambular' ? pools.preambular : pools.operative).push(pooled);
      for (const c of pooled.rest.split(/(?<=[，；,;])/)) if (c.length > 4 && !c.includes(CITE)) pools.clauses.push(c.replace(/[；;]$/, '，'));
      chars += pooled.rest.replace(/[\s\u0001]/g, '');
    }
    for (const f of r.footnotes) if (f.body.text.length > 2) pools.footnotes.push(f.body.text.replace(SEED_CITATION, CITE));
    if (series.some((p) => p.operative) && series.some((p) => !p.operative)) pools.series.push(series);
  }
  if (!pools.preambular.length || !pools.operative.length) throw new Error('the seeds have no preambular or no operative paragraphs');
  pools.chars = chars;
  return pools;
}

function pool(p: Paragraph): PooledParagraph {
  const text = p.body.text;
  const verb = p.verb && text.startsWith(p.verb.text) ? p.verb.text : '';
  const rest = text
    .slice(verb.length)
    .replace(/[，；。,;.]\s*$/, '')
    .replace(SEED_CITATION, CITE);
  return { operative: p.kind === 'operative', verb, rest };
}

export type Layout = 'pdf' | 'markdown' | 'typed';

/** A generated resolution and what the parser should find in it. */
export interface Generated {
  /** `A-RES-79-40` (file name without the extension). */
  name: string;
  extension: '.txt' | '.md';
  text: string;
  layout: Layout;
  expected: { symbol: string; preambular: number; operative: number; footnotes: number; date: Date3; cited: string[] };
}

/**
 * Makes resolutions one after another: each may cite those made before it. Symbols are
 * unique within a generator.
 */
export class ResolutionGenerator {
  private readonly rnd: Random;
  /** Resolutions made so far, by session. */
  private readonly made = new Map<number, Cited[]>();
  private readonly nextNumber = new Map<number, number>();

  constructor(
    private readonly pools: Pools,
    seed: number,
    private readonly shape: Shape = 'generator',
  ) {
    this.rnd = new Random(seed);
  }

  next(): Generated {
    const rnd = this.rnd;
    const session = rnd.int(40, 80);
    const number = (this.nextNumber.get(session) ?? rnd.int(1, 20)) + rnd.int(0, 2);
    this.nextNumber.set(session, number + 1);
    const date = { year: 1945 + session, month: rnd.chance(0.8) ? 12 : rnd.int(10, 11), day: rnd.int(1, 28) };
    const meeting = rnd.int(40, 90);
    const title = rnd.chance(0.15) ? this.substitute(rnd.pick(this.pools.titles)) : rnd.pick(this.pools.titles);
    const layout: Layout = rnd.chance(0.35) ? 'pdf' : rnd.chance(0.4) ? 'markdown' : 'typed';
    const halfWidth = rnd.chance(0.05);
    const cited: string[] = [];

    const paras: Para[] = [];
    // The generator shape draws its paragraphs as it goes (its corpora stay as they were).
    const sources = this.shape === 'dense' ? this.revision() : undefined;
    const pre = sources ? sources.filter((p) => !p.operative).length : rnd.int(6, 25);
    const ops = sources ? sources.length - pre : rnd.int(8, 40);
    let lastVerb = '';
    for (let i = 0; i < pre + ops; i++) {
      const operative = i >= pre;
      const source = sources ? sources[i] : rnd.pick(operative ? this.pools.operative : this.pools.preambular);
      let verb = source.verb;
      // 又/还 when the verb repeats the one before, as the house style has it.
      const base = verb.replace(/^[又还并再次继续]+/, '');
      if (base && base === lastVerb) verb = (operative ? '还' : '又') + base;
      else verb = base || verb;
      lastVerb = base;
      let rest = this.shape === 'dense' ? this.revise(source.rest) : rnd.chance(0.15) ? this.recombine() : this.mutate(source.rest);
      rest = rest.replace(/[，；。,;.\s]+$/, '').replace(/\u0001/g, () => this.citation(session, cited));
      const last = i === pre + ops - 1;
      let end = operative ? (last ? '。' : '；') : '，';
      let body = verb + rest;
      if (halfWidth || rnd.chance(0.02)) {
        body = body.replace(/，/g, ',').replace(/；/g, ';').replace(/（/g, '(').replace(/）/g, ')');
        end = end === '，' ? ',' : end === '；' ? ';' : end;
      }
      paras.push({ body, end, verb, operative, footnote: layout !== 'typed' && rnd.chance(0.1) ? this.footnote(session, cited) : undefined });
    }
    this.remember(session, { session, number, date });

    const doc: Doc = { session, number, date, meeting, title, paras };
    let text = layout === 'pdf' ? this.pdf(doc) : layout === 'markdown' ? this.markdown(doc) : this.typed(doc);
    if (rnd.chance(0.1)) text = text.replace(/\n/g, '\r\n');
    return {
      name: `A-RES-${session}-${number}`,
      extension: layout === 'markdown' ? '.md' : '.txt',
      text,
      layout,
      expected: {
        symbol: `A/RES/${session}/${number}`,
        preambular: pre,
        operative: ops,
        footnotes: paras.filter((p) => p.footnote).length,
        date,
        cited,
      },
    };
  }

  /** The dense shape's paragraphs: one seed resolution's, in order, each kept with chance 0.95. */
  private revision(): PooledParagraph[] {
    const series = this.rnd.pick(this.pools.series);
    const kept = series.filter(() => this.rnd.chance(0.95));
    return kept.some((p) => p.operative) && kept.some((p) => !p.operative) ? kept : series;
  }

  // --- mutations -------------------------------------------------------------------------------

  /** A pooled text with 0–4 edits: substitutions, clauses inserted, deleted or swapped, typos, runs replaced. */
  private mutate(text: string): string {
    if (this.rnd.chance(0.35)) return text;
    return this.edits(text, this.rnd.int(1, 4));
  }

  /** A year's revision of a paragraph: as it was (chance 0.4), or with one or two edits. */
  private revise(text: string): string {
    return this.rnd.chance(0.4) ? text : this.edits(text, this.rnd.int(1, 2));
  }

  private edits(text: string, count: number): string {
    let s = text;
    for (let k = count; k > 0; k--) {
      const r = this.rnd.next();
      if (r < 0.25) s = this.substitute(s);
      else if (r < 0.4) s = this.editClauses(s, 'insert');
      else if (r < 0.5) s = this.editClauses(s, 'delete');
      else if (r < 0.6) s = this.editClauses(s, 'swap');
      else if (r < 0.75) s = this.typo(s);
      else s = this.replaceRun(s);
    }
    return s;
  }

  private substitute(s: string): string {
    const [a, b] = this.rnd.pick(SYNONYMS);
    const [from, to] = this.rnd.chance(0.5) ? [a, b] : [b, a];
    const at = s.indexOf(from);
    return at < 0 ? s : s.slice(0, at) + to + s.slice(at + from.length);
  }

  private editClauses(s: string, how: 'insert' | 'delete' | 'swap'): string {
    const parts = s.split(/(?<=[，；,;])/);
    const i = this.rnd.int(0, parts.length - 1);
    if (how === 'insert') parts.splice(i, 0, this.rnd.pick(this.pools.clauses));
    else if (parts.length < 2) return s;
    else if (how === 'delete') parts.splice(i, 1);
    else {
      const j = this.rnd.int(0, parts.length - 1);
      [parts[i], parts[j]] = [parts[j], parts[i]];
    }
    return parts.join('');
  }

  private typo(s: string): string {
    const [from, to] = this.rnd.pick(TYPOS);
    const at = s.indexOf(from, this.rnd.int(0, Math.max(0, s.length - 1)));
    return at < 0 ? s : s.slice(0, at) + to + s.slice(at + 1);
  }

  /** 2–8 characters replaced, deleted or inserted from elsewhere in the pool. */
  private replaceRun(s: string): string {
    const rnd = this.rnd;
    const chars = this.pools.chars;
    const i = rnd.int(0, Math.max(0, s.length - 9));
    // Never through a citation placeholder: its text must stay whole.
    if (s.slice(i, i + 8).includes(CITE)) return s;
    const k = rnd.int(2, 8);
    const j = rnd.int(0, chars.length - k);
    const r = rnd.next();
    if (r < 0.4) return s.slice(0, i) + chars.slice(j, j + k) + s.slice(i + k);
    if (r < 0.7) return s.slice(0, i) + s.slice(i + k);
    return s.slice(0, i) + chars.slice(j, j + k) + s.slice(i);
  }

  /** A new paragraph stitched from 2–4 clauses of others. */
  private recombine(): string {
    let s = '';
    for (let k = this.rnd.int(2, 4); k > 0; k--) s += this.rnd.pick(this.pools.clauses);
    return s;
  }

  // --- citations and footnotes ----------------------------------------------------------------

  private remember(session: number, c: Cited): void {
    let list = this.made.get(session);
    if (!list) this.made.set(session, (list = []));
    list.push(c);
  }

  /** `2019 年 12 月 12 日第 74/61 号` of a resolution made before, of an earlier session when there is one. */
  private citation(session: number, cited: string[]): string {
    const rnd = this.rnd;
    let c: Cited | undefined;
    for (let tries = 0; tries < 4 && !c && session > 40; tries++) {
      const list = this.made.get(rnd.int(40, session - 1));
      if (list?.length) c = rnd.pick(list);
    }
    c ??= { session: Math.max(40, session - 1), number: rnd.int(1, 300), date: { year: 1944 + session, month: 12, day: rnd.int(1, 28) } };
    cited.push(`A/RES/${c.session}/${c.number}`);
    const r = rnd.next();
    // Mostly as the house style has it; some without the date, a few with a wrong day.
    const d = r < 0.02 ? { ...c.date, day: (c.date.day % 28) + 1 } : c.date;
    const dated = r < 0.9 ? `${d.year} 年 ${d.month} 月 ${d.day} 日` : '';
    return `${dated}第 ${c.session}/${c.number} 号`;
  }

  private footnote(session: number, cited: string[]): string {
    const rnd = this.rnd;
    const r = rnd.next();
    if (r < 0.5) return rnd.pick(this.pools.footnotes).replace(/\u0001/g, () => this.citation(session, cited));
    const doc = `A/${session}/${rnd.int(50, 600)}`;
    return r < 0.8 ? `见 ${doc}。` : `${doc}，附件。`;
  }

  // --- layouts -------------------------------------------------------------------------------

  /** One paragraph per line, as a draft is typed. Typed drafts here carry no footnotes. */
  private typed(d: Doc): string {
    const out = [`${d.session}/${d.number}. ${d.title}`, '大会，'];
    let n = 0;
    for (const p of d.paras) out.push(`${p.operative ? `${++n}. ` : ''}${p.body}${p.end}`);
    out.push(dateText(d.date), `第 ${d.meeting} 次全体会议`);
    return out.join('\n') + '\n';
  }

  /** Like A/RES/72/57: heading lines, `**verb**`, `<sup>n</sup>` markers, footnotes in blocks between paragraphs. */
  private markdown(d: Doc): string {
    const rnd = this.rnd;
    const out = [
      `第${chineseNumber(d.session)}届会议`,
      `议程项目 ${rnd.int(20, 140)}${rnd.chance(0.5) ? `(${String.fromCharCode(97 + rnd.int(0, 20))})` : ''}`,
      `## ${dateText(d.date)}大会决议`,
      `[根据第一委员会的报告(A/${d.session}/${rnd.int(300, 600)})通过]`,
      `## ${d.session}/${d.number}. ${d.title}`,
      '大会，',
    ];
    let n = 0;
    let fn = 0;
    let notes: string[] = [];
    d.paras.forEach((p, i) => {
      const body = p.verb && p.body.startsWith(p.verb) ? `**${p.verb}**${p.body.slice(p.verb.length)}` : p.body;
      const marker = p.footnote ? `<sup>${++fn}</sup>` : '';
      if (p.footnote) notes.push(`<sup>${fn}</sup> ${p.footnote}`);
      out.push(`${p.operative ? `${++n}. ` : ''}${body}${p.end}${marker}`);
      // Footnotes where a page ended, every dozen paragraphs or so.
      if (notes.length && (i % 12 === 11 || i === d.paras.length - 1)) {
        out.push(...notes);
        notes = [];
      }
    });
    out.push(`${dateText(d.date).replace(/ /g, '')}  \n第${d.meeting}次全体会议`);
    return out.join('\n\n') + '\n';
  }

  /**
   * Like text extracted from a PDF (A/RES/79/40, A/RES/58/241): hard-wrapped lines with blank
   * lines between, indented paragraph openings, footnote markers at the end of a line or on a
   * line of their own, footnote blocks after a rule at the foot of each page, URL lines, page
   * headers with the symbol and the page number.
   */
  private pdf(d: Doc): string {
    const rnd = this.rnd;
    const width = rnd.int(30, 38);
    const bareMarkers = rnd.chance(0.3);
    const symbol = `A/RES/${d.session}/${d.number}`;
    const out = [`  ${d.session}/${d.number}. ${d.title} `, ' ', '', ' ', '', ' 大会， ', ''];
    let n = 0;
    let fn = 0;
    let page = 1;
    let lines = 0;
    let notes: string[] = [];
    for (const p of d.paras) {
      const text = `${p.operative ? `${++n}. ` : ''}${p.body}${p.end}`;
      const wrapped = wrap(text, width);
      wrapped.forEach((l, k) => {
        out.push(`${k === 0 ? ' ' : ''}${l} `, '');
      });
      if (p.footnote) {
        fn++;
        if (bareMarkers) out.splice(out.length - 2, 2, out[out.length - 2].trimEnd(), String(fn), ' ', '');
        else out[out.length - 2] = `${out[out.length - 2].trimEnd()}${fn} `;
        notes.push(...wrap(`${fn} ${p.footnote}`, width + 10).map((l, k) => (k === 0 ? ` ${l} ` : `${l} `)));
      }
      lines += wrapped.length;
      if (lines > 40) {
        // The foot of the page: footnotes, links, then the next page's header.
        if (notes.length) out.push('__________________ ', '', ...notes.flatMap((l) => [l, '']));
        out.push(`https://undocs.org/ch/${symbol}`, '', `${symbol} `, '', ` ${++page} `, '', '');
        notes = [];
        lines = 0;
      }
    }
    if (notes.length) out.push('__________________ ', '', ...notes.flatMap((l) => [l, '']));
    out.push(' ', `${dateText(d.date)} `, '', `第 ${d.meeting} 次全体会议 `, ' ', '');
    return out.join('\n');
  }
}

interface Para {
  body: string;
  end: string;
  verb: string;
  operative: boolean;
  footnote?: string;
}

interface Doc {
  session: number;
  number: number;
  date: Date3;
  meeting: number;
  title: string;
  paras: Para[];
}

function dateText(d: Date3): string {
  return `${d.year} 年 ${d.month} 月 ${d.day} 日`;
}

/**
 * Hard-wraps at about `width` full-width characters (a half-width one counts half), never
 * inside a run of half-width characters (a date, a symbol), as PDF extraction mostly does.
 */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    w += text.charCodeAt(i) < 0x2e80 ? 0.5 : 1;
    // Not before a space either: an indented line opens a paragraph.
    if (w >= width && i + 1 < text.length && !(isHalf(text, i) && isHalf(text, i + 1)) && text[i + 1] !== ' ') {
      lines.push(text.slice(start, i + 1));
      start = i + 1;
      w = 0;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function isHalf(s: string, i: number): boolean {
  return s.charCodeAt(i) < 0x2e80;
}

const DIGITS = '〇一二三四五六七八九';

/** 72 → 七十二 (1–99). */
export function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens > 1 ? DIGITS[tens] : '') + (tens > 0 ? '十' : '') + (ones > 0 ? DIGITS[ones] : '');
}
