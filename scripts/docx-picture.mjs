// A picture of a Word document as LibreOffice shows it (tracked changes in colour), for the
// README: the .docx printed to PDF by LibreOffice (headless, with a private profile), its first
// page rendered to PNG by poppler's pdftoppm.
//
//   node scripts/docx-picture.mjs [FILE.docx] [--out images/compare-docx.png] [--page N] [--dpi D]
//
// Without FILE, the example of the tests (test/unit/trackedExamples.ts: A/RES/72/57 with the
// changes of 79/40), written by writeTrackedDocx: run `npm run compile-tests` first.
// Needs soffice (Debian: libreoffice-writer-nogui) and pdftoppm (poppler-utils).
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { basename, join, resolve } from 'path';
import { fileURLToPath, pathToFileURL } from 'url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const out = resolve(option('--out', join(root, 'images/compare-docx.png')));
const page = Number(option('--page', '1'));
const dpi = Number(option('--dpi', '80'));
const temp = mkdtempSync(join(tmpdir(), 'unres-picture-'));

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', timeout: 120000 });
  if (r.error || r.status !== 0) {
    console.error(`${cmd} failed: ${r.error?.message ?? r.stderr}`);
    process.exit(1);
  }
}

try {
  let docx = args[0] && resolve(args[0]);
  if (!docx) {
    const compiled = join(root, 'out/test/unit/trackedExamples.js');
    if (!existsSync(compiled)) {
      console.error('no FILE.docx given, and no compiled example: run `npm run compile-tests` first');
      process.exit(2);
    }
    const require = createRequire(import.meta.url);
    const { EXAMPLE } = require(compiled);
    const { writeTrackedDocx } = require(join(root, 'out/server/src/node/docx/trackedDocx.js'));
    docx = join(temp, 'compare-docx.docx');
    writeFileSync(docx, await writeTrackedDocx(EXAMPLE));
  }
  const input = join(temp, 'document.docx');
  copyFileSync(docx, input);
  run('soffice', [`-env:UserInstallation=${pathToFileURL(join(temp, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', temp, input]);
  run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', join(temp, 'document.pdf'), join(temp, 'page')]);
  copyFileSync(join(temp, 'page.png'), out);
  console.log(`${basename(docx)}, page ${page} → ${out}`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
