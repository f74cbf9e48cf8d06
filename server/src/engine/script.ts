// Traditional → Simplified Chinese, one UTF-16 unit for one, so that offsets stay valid.
//
// Taiwan and Hong Kong copies and older UN texts arrive in Traditional characters (回顧, 號決議,
// 安全理事會). The parser reads its patterns (verbs, citations, openings, closings) on a
// Simplified view of the text and normalisation folds both scripts into one, so that a
// Traditional copy of a paragraph reads as the same wording. Context-dependent conversion
// (乾 → 干 or 乾) does not matter here: both sides of a comparison go through the same table.
//
// The table is OpenCC's character data as opencc-js ships it (its t2cn preset): the Taiwan and
// Hong Kong variant tables, then Traditional → Simplified. Only BMP-to-BMP pairs are kept, so
// the view has the length of the text; phrases (one-to-many) are left out.
import type { LocalePreset } from 'opencc-js/core' with { 'resolution-mode': 'import' };

let table: Uint16Array | undefined;

/** The Simplified code unit for each UTF-16 unit (itself when it has none), built once. */
export function simplifiedTable(): Uint16Array {
  return (table ??= buildTable());
}

/** `text` with each unit replaced by its Simplified form; `text` itself when nothing changes. */
export function toSimplified(text: string): string {
  const t = simplifiedTable();
  let i = 0;
  // Most texts are Simplified already: look for the first unit that changes before copying.
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (t[c] !== c) break;
    i++;
  }
  if (i === text.length) return text;
  const out = new Uint16Array(text.length);
  for (let j = 0; j < text.length; j++) out[j] = t[text.charCodeAt(j)];
  let s = '';
  for (let at = 0; at < out.length; at += 8192) s += String.fromCharCode.apply(null, out.subarray(at, Math.min(out.length, at + 8192)) as never);
  return s;
}

function buildTable(): Uint16Array {
  // opencc-js is an ES module package whose CommonJS build is what a bundle or Node's require gets.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Locale } = require('opencc-js/t2cn') as { Locale: LocalePreset };
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < t.length; c++) t[c] = c;
  // Each group is [phrases…, characters]: the last dictionary is the character table.
  const characters = (groups: readonly (readonly unknown[])[]) => pairs(groups.map((g) => g[g.length - 1]));
  const toSimplified = characters(Locale.to.cn);
  const variants = characters([...Locale.from.tw, ...Locale.from.hk]);
  for (const [from, to] of toSimplified) t[from] = to;
  // A regional variant (為, 著) is read as its standard form (爲, 着), then made Simplified.
  for (const [from, to] of variants) {
    if (t[from] === from) t[from] = t[to];
  }
  // Idempotent (a few chains, 麼 → 麽 → 么, take more than one step): simplified text maps to itself.
  for (let c = 0; c < t.length; c++) while (t[t[c]] !== t[c]) t[c] = t[t[c]];
  return t;
}

/** The single-unit pairs of OpenCC dictionaries written as `from to|from to…`. */
function pairs(dicts: unknown[]): [number, number][] {
  const out: [number, number][] = [];
  for (const d of dicts) {
    if (typeof d !== 'string') continue;
    for (const entry of d.split('|')) {
      const [from, to] = entry.split(' ');
      if (from?.length === 1 && to?.length === 1) out.push([from.charCodeAt(0), to.charCodeAt(0)]);
    }
  }
  return out;
}
