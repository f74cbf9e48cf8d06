// Property (issue 13): a draft made of seed paragraphs parses to the same paragraphs (count,
// kind, number, verb) whatever shape it arrives in: flattened onto one line (joined with spaces
// or with nothing), converted to Traditional characters (Taiwan or Hong Kong), given half-width
// punctuation (`, ; : ( )`) or full-width digits, or several of these at once.
//
// Joined with nothing, a preambular paragraph holding a clause that opens with a verb after a
// comma (A/RES/72/57 PP8 `……大会主席，还欢迎法国……`) cannot be told from two paragraphs; such
// paragraphs are left out of that shape only (test/realworld/README.md).
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { Paragraph, Resolution, paragraphs } from '../../server/src/engine/model';
import { parseResolution } from '../../server/src/engine/parse';
import { matchVerb } from '../../server/src/engine/verbs';
import { params } from './arbitraries';

// opencc-js's full build (Simplified → Traditional as well), through its CommonJS entry.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenCC = require('opencc-js') as { Converter(o: { from: string; to: string }): (s: string) => string };
const TO_TRADITIONAL = { tw: OpenCC.Converter({ from: 'cn', to: 'tw' }), hk: OpenCC.Converter({ from: 'cn', to: 'hk' }) };

const SEEDS = path.join(__dirname, '../../../seeds');
const seeds = fs.readdirSync(SEEDS).sort().map((f) => parseResolution(fs.readFileSync(path.join(SEEDS, f), 'utf8')));

/** A clause inside the paragraph that opens with a verb after closing punctuation. */
function hasVerbClause(p: Paragraph): boolean {
  const t = p.body.text;
  for (let i = 1; i < t.length - 1; i++) if ('，,；;'.includes(t[i]) && matchVerb(t.slice(i + 1))) return true;
  return false;
}

/** The draft as typed, one paragraph a line, operative paragraphs numbered from 1. */
function typed(pps: Paragraph[], ops: Paragraph[]): string[] {
  return ['大会，', ...pps.map((p) => p.body.text), ...ops.map((p, i) => `${i + 1}. ${p.body.text}`)];
}

type Shape = (lines: string[]) => string;
const HALF_WIDTH: Record<string, string> = { '，': ',', '；': ';', '：': ':', '（': '(', '）': ')' };
const halfWidth = (s: string) => s.replace(/[，；：（）]/g, (c) => HALF_WIDTH[c]);
const fullWidthDigits = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const SHAPES: Record<string, Shape> = {
  'one line, spaces': (ls) => ls.join(' '),
  'one line, no spaces': (ls) => ls.join(''),
  'Traditional (Taiwan)': (ls) => TO_TRADITIONAL.tw(ls.join('\n')),
  'Traditional (Hong Kong)': (ls) => TO_TRADITIONAL.hk(ls.join('\n')),
  'half-width punctuation': (ls) => halfWidth(ls.join('\n')),
  'full-width digits': (ls) => fullWidthDigits(ls.join('\n')),
  'one line, half-width, spaces (a web copy)': (ls) => halfWidth(ls.join(' ')),
  'one line, Traditional, no spaces': (ls) => TO_TRADITIONAL.tw(ls.join('')),
};

const shapeOf = (res: Resolution) => paragraphs(res).map((p) => `${p.label}:${p.kind}:${p.number ?? '-'}:${p.verb?.base ?? '-'}`);

describe('fuzz: seed paragraphs in any shape parse to the same paragraphs', function () {
  this.timeout(120000);

  for (const [name, shape] of Object.entries(SHAPES)) {
    it(name, () => {
      const joinedBare = name.includes('no spaces');
      const draft = fc
        .nat({ max: seeds.length - 1 })
        .chain((i) => {
          const pps = joinedBare ? seeds[i].preambular.filter((p) => !hasVerbClause(p)) : seeds[i].preambular;
          return fc.tuple(fc.subarray(pps, { minLength: 0 }), fc.subarray(seeds[i].operative, { minLength: 1 }));
        });
      fc.assert(
        fc.property(draft, ([pps, ops]) => {
          const lines = typed(pps, ops);
          const want = shapeOf(parseResolution(lines.join('\n')));
          assert.strictEqual(want.length, pps.length + ops.length, 'the draft as typed parses to its paragraphs');
          assert.deepStrictEqual(shapeOf(parseResolution(shape(lines))), want);
        }),
        params(),
      );
    });
  }
});
