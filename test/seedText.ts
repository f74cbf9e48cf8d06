// The seed resolutions as the end-to-end suites (Neovim, VS Code) type them into a draft.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

/** A/RES/79/40 as shipped in seeds/ (a PDF extraction: hard-wrapped lines). */
export const SEED_79_40 = fs.readFileSync(path.join(__dirname, '../../seeds/A-RES-79-40.txt'), 'utf8');

/** A paragraph of A/RES/79/40 on one line: from its opening to its closing words, lines joined. */
export function seedParagraph(open: string, close: string): string {
  const start = SEED_79_40.indexOf(open);
  assert.ok(start >= 0, `${open} is in the seed`);
  const end = SEED_79_40.indexOf(close, start);
  assert.ok(end >= 0, `${close} follows ${open} in the seed`);
  return SEED_79_40.slice(start, end + close.length).replace(/\s*\n\s*/g, '');
}
