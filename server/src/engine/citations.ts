// Citations in clean paragraph text: resolutions and decisions cited the Chinese way
// (`2023 年 12 月 4 日第 78/46 号决议`, `第 56/24 V 号、第 57/72 号和第 60/81 号决议`,
// `第 60/519 号决定`) and document symbols (`A/CONF.192/15`, `A/60/88 和 Corr.2`,
// `A/RES/78/46`). Spans are mapped back to the source through the MappedText.
//
// Every body's numbering: `第 1540 (2004) 号决议` (Security Council, S/RES/1540 (2004)),
// `第 2160 (XXI) 号决议` (the General Assembly before 1976), `第 2004/23 号决议` (the Economic
// and Social Council), `人权理事会第 32/1 号决议` (A/HRC/RES/32/1). Patterns are tried on the
// Simplified view of the text (engine/script.ts), so `第 78/46 號決議` is a citation too.
//
// Every regular expression here has bounded quantifiers only and is tried at most once per
// position (global or sticky), so finding citations is linear in the text length.
import { AdoptionDate, Citation, CitationKind, MappedText, Organ } from './model';
import { mapSpan } from './mapped';
import { DATE_SOURCE, dateFromGroups, halfWidthDigits } from './dates';
import { toSimplified } from './script';

const SP = '[ \\t\\u3000]{0,3}';
const NUM = '[0-9０-９]';
/**
 * One cited number with its optional date and 第: groups 1–3 date, 4 `第`, 5 session
 * (`78`, `ES-10`, the year `2004` of the Economic and Social Council), 6 number, 7 part letter;
 * or 8 number and 9 the year (`1540 (2004)`, Security Council) or session (`2160 (XXI)`).
 * `号` may be left to the last of a list (`第 5/1 和 5/2 号决议`); a citation ends with 决议/决定.
 */
const MEMBER_SOURCE =
  `(?:${DATE_SOURCE}${SP})?(?:(第)${SP})?(?:((?:ES-|S-)?${NUM}{1,4})${SP}[/／]${SP}(${NUM}{1,4})(?:${SP}([A-Z])(?![A-Za-z]))?` +
  `|(${NUM}{1,4})${SP}[(（]${SP}(${NUM}{4}|[IVXL]{1,8})${SP}[)）])(?:${SP}号)?`;
const MEMBER = new RegExp(`(?<![0-9０-９/／.A-Za-z-])${MEMBER_SOURCE}`, 'gd');
const MEMBER_AT = new RegExp(MEMBER_SOURCE, 'yd');
const LIST_SEPARATOR = new RegExp(`${SP}(?:、|以及|和|及|与|并)${SP}`, 'y');
const KIND_WORD = new RegExp(`${SP}(决议|决定)`, 'y');

/**
 * A document symbol: an organ prefix (`A`, `S`, `E`, `A/HRC`...) and slash-separated parts,
 * at least one of them with a digit. Not inside a URL or a longer word.
 */
const SYMBOL = /(?<![A-Za-z0-9/._-])(?:A|S|E|ST|UNEP|TD|DP|CCPR|CRC|CEDAW|CERD|CAT|CRPD|[A-Z]{2,6})(?:\/[A-Za-z0-9][A-Za-z0-9.-]{0,24}){1,7}/g;
const CORRIGENDUM = new RegExp(`^${SP}(?:和|及|以及|、)${SP}((?:Corr|Add|Rev)\\.[0-9]{1,3})(?![A-Za-z0-9])`);

interface Member {
  start: number;
  end: number;
  numberStart: number;
  numberEnd: number;
  number: string;
  date?: AdoptionDate;
  dateStart?: number;
  dateEnd?: number;
}

/** What a bare `第 32/1 号决议` is read as: the body of the document it is in. */
export interface CitationContext {
  organ?: Organ;
}

/** Every citation in the text, in order. */
export function findCitations(m: MappedText, context: CitationContext = {}): Citation[] {
  const found = [...findResolutionCitations(m, context)];
  const taken = found.map((c) => c.textRange);
  for (const c of findSymbolCitations(m)) {
    if (!taken.some((r) => c.textRange[0] < r[1] && r[0] < c.textRange[1])) found.push(c);
  }
  found.sort((a, b) => a.textRange[0] - b.textRange[0]);
  return found.map((c) => c.citation);
}

interface Found {
  citation: Citation;
  textRange: [number, number];
}

function findResolutionCitations(m: MappedText, context: CitationContext): Found[] {
  const out: Found[] = [];
  // Every citation has a `/` or `／`, or a parenthesis and 号 (MEMBER_SOURCE): most paragraphs need no regex scan.
  const x = m.text;
  const slash = x.indexOf('/') >= 0 || x.indexOf('／') >= 0;
  if (!slash && !((x.indexOf('(') >= 0 || x.indexOf('（') >= 0) && (x.indexOf('号') >= 0 || x.indexOf('號') >= 0))) return out;
  const t = toSimplified(m.text);
  MEMBER.lastIndex = 0;
  let first: RegExpExecArray | null;
  while ((first = MEMBER.exec(t))) {
    const members = [readMember(first)];
    let at = first.index + first[0].length;
    let kind: RegExpExecArray | null = null;
    for (;;) {
      KIND_WORD.lastIndex = at;
      kind = KIND_WORD.exec(t);
      if (kind) break;
      LIST_SEPARATOR.lastIndex = at;
      const sep = LIST_SEPARATOR.exec(t);
      if (!sep) break;
      MEMBER_AT.lastIndex = LIST_SEPARATOR.lastIndex;
      const next = MEMBER_AT.exec(t);
      if (!next) break;
      members.push(readMember(next));
      at = MEMBER_AT.lastIndex;
    }
    if (!kind) {
      // Not a citation (`第 3/4 号` alone): look again just after this number, or after the
      // list it opens (a member of it would lead to the same list end, so scanning them again
      // would make a long `第 1/1 号、第 1/1 号、…` quadratic).
      MEMBER.lastIndex = Math.max(first.index + Math.max(1, first[0].length - 1), at - 1);
      continue;
    }
    const end = KIND_WORD.lastIndex;
    const citationKind: CitationKind = kind[1] === '决议' ? 'resolution' : 'decision';
    const group = members.length > 1 ? mapSpan(m, members[0].start, end) : undefined;
    const organ = citedOrgan(t, first.index, context);
    members.forEach((mem, i) => {
      const last = i === members.length - 1;
      const spanEnd = members.length === 1 || last ? end : mem.end;
      out.push({
        textRange: [mem.start, spanEnd],
        citation: {
          kind: citationKind,
          symbol: citationKind === 'resolution' ? resolutionSymbol(mem.number, organ) : decisionSymbol(mem.number, organ),
          number: mem.number,
          span: mapSpan(m, mem.start, spanEnd),
          numberSpan: mapSpan(m, mem.numberStart, mem.numberEnd),
          ...(mem.date ? { date: mem.date, dateSpan: mapSpan(m, mem.dateStart!, mem.dateEnd!) } : {}),
          ...(group ? { groupSpan: group } : {}),
          text: m.text.slice(mem.start, spanEnd),
        },
      });
    });
    MEMBER.lastIndex = end;
  }
  return out;
}

/** Bodies named before a citation (`人权理事会第 32/1 号决议`, `大会 2006 年 3 月 15 日第 60/251 号决议`). */
const CITED_BODIES: [string, Organ][] = [['人权理事会', 'HRC'], ['经济及社会理事会', 'ECOSOC'], ['经社理事会', 'ECOSOC'], ['安全理事会', 'SC'], ['大会', 'GA']];

/**
 * The body a citation names just before it (`人权理事会第…`, `大会…第…`, within its clause),
 * else the document's own when it is the Human Rights Council (whose texts name the General
 * Assembly when they cite it), else the General Assembly.
 */
function citedOrgan(t: string, at: number, context: CitationContext): Organ {
  let from = at;
  while (from > 0 && at - from < 40 && !'，；。,;'.includes(t[from - 1])) from--;
  const before = t.slice(from, at);
  let named: Organ | undefined;
  let last = -1;
  for (const [name, organ] of CITED_BODIES) {
    const i = before.lastIndexOf(name);
    if (i > last) [named, last] = [organ, i];
  }
  if (named) return named;
  return context.organ === 'HRC' ? 'HRC' : 'GA';
}

function readMember(x: RegExpExecArray): Member {
  const at = x.indices!;
  const number = x[8]
    ? `${halfWidthDigits(x[8])} (${halfWidthDigits(x[9])})`
    : `${halfWidthDigits(x[5])}/${halfWidthDigits(x[6])}${x[7] ? ` ${x[7]}` : ''}`;
  const member: Member = {
    start: x.index,
    end: x.index + x[0].length,
    numberStart: (at[5] ?? at[8])[0],
    numberEnd: x[8] ? x.index + x[0].search(/[)）][^)）]*$/) + 1 : (at[7] ?? at[6])[1],
    number,
  };
  if (x[1]) {
    member.date = dateFromGroups(x[1], x[2], x[3]);
    member.dateStart = x.index;
    member.dateEnd = x.index + x[0].indexOf('日') + 1;
  }
  return member;
}

function findSymbolCitations(m: MappedText): Found[] {
  const t = m.text;
  const out: Found[] = [];
  SYMBOL.lastIndex = 0;
  let x: RegExpExecArray | null;
  while ((x = SYMBOL.exec(t))) {
    let raw = x[0].replace(/[.-]+$/, '');
    if (!/[0-9]/.test(raw)) continue;
    const start = x.index;
    // The Security Council's year: S/RES/1540 (2004).
    const year = /^S\/RES\/[0-9]+$/.test(raw) ? /^ ?[(（]([0-9]{4})[)）]/.exec(t.slice(start + raw.length, start + raw.length + 8)) : null;
    const end = start + raw.length + (year ? year[0].length : 0);
    if (year) raw = `${raw} (${year[1]})`;
    out.push(symbolCitation(m, raw, start, end, start, end));
    const corr = CORRIGENDUM.exec(t.slice(end, end + 24));
    if (corr) {
      const cStart = end + corr[0].length - corr[1].length;
      const cEnd = end + corr[0].length;
      out.push(symbolCitation(m, `${raw}/${corr[1]}`, cStart, cEnd, cStart, cEnd));
    }
  }
  return out;
}

function symbolCitation(m: MappedText, symbol: string, start: number, end: number, nStart: number, nEnd: number): Found {
  const res = /^(?:A\/|A\/HRC\/|E\/|S\/)(RES|DEC)\/((?:ES-|S-)?\d{1,4}\/\d{1,4}|\d{1,4} \(\d{4}\))$/.exec(symbol);
  const kind: CitationKind = res ? (res[1] === 'RES' ? 'resolution' : 'decision') : 'document';
  return {
    textRange: [start, end],
    citation: {
      kind,
      symbol,
      number: res ? res[2] : symbol,
      span: mapSpan(m, start, end),
      numberSpan: mapSpan(m, nStart, nEnd),
      text: m.text.slice(start, end),
    },
  };
}

/**
 * The symbol of a resolution numbered `number` by `organ`: `78/46` → `A/RES/78/46`, `56/24 V`
 * → `A/RES/56/24 V`; the form of the number says the body when it can: `1540 (2004)` →
 * `S/RES/1540 (2004)`, `2160 (XXI)` → `A/RES/2160 (XXI)`, `2004/23` → `E/RES/2004/23`.
 */
export function resolutionSymbol(number: string, organ: Organ = 'GA'): string {
  return `${organPrefix(number, organ)}RES/${number}`;
}

export function decisionSymbol(number: string, organ: Organ = 'GA'): string {
  return `${organPrefix(number, organ)}DEC/${number}`;
}

function organPrefix(number: string, organ: Organ): string {
  if (/\([0-9]{4}\)$/.test(number)) return 'S/';
  if (/\([IVXL]+\)$/.test(number)) return 'A/';
  if (/^[0-9]{4}\//.test(number)) return 'E/';
  return organ === 'HRC' ? 'A/HRC/' : 'A/';
}

/**
 * The undocs.org address of a symbol. A part letter is dropped (`A/RES/56/24 V` is published
 * as part of A/RES/56/24).
 */
export function undocsUrl(symbol: string): string {
  const base = symbol.replace(/\s+[A-Z]$/, '').replace(/\s+/g, '');
  return `https://undocs.org/ch/${base.split('/').map(encodeURIComponent).join('/')}`;
}
