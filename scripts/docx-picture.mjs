// A picture of a Word document as LibreOffice shows it (tracked changes in colour), for the
// README: the .docx printed to PDF by LibreOffice (headless, with a private profile), its first
// page rendered to PNG by poppler's pdftoppm.
//
//   node scripts/docx-picture.mjs [FILE.docx] [--out images/compare-docx.png] [--page N] [--dpi D]
//                                 [--height FRACTION]   (the top part of the page; default 0.55)
//
// Without FILE, A/RES/79/40 compared with its predecessor A/RES/72/57 by
// `unres compare seeds/A-RES-79-40.txt --format docx` (run `npm run build` first).
// Needs soffice (Debian: libreoffice-writer-nogui) and pdftoppm (poppler-utils).
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'fs';
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
const dpi = Number(option('--dpi', '72'));
const height = Number(option('--height', '0.55'));
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
    const cli = join(root, 'dist/cli.js');
    if (!existsSync(cli)) {
      console.error('no FILE.docx given, and no dist/cli.js to make one: run `npm run build` first');
      process.exit(2);
    }
    docx = join(temp, 'A-RES-79-40-vs-72-57.docx');
    run(process.execPath, [cli, 'compare', join(root, 'seeds/A-RES-79-40.txt'), '--format', 'docx', '--output', docx]);
  }
  const input = join(temp, 'document.docx');
  copyFileSync(docx, input);
  run('soffice', [`-env:UserInstallation=${pathToFileURL(join(temp, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', temp, input]);
  // A4: 595 × 842 points.
  const crop = ['-W', String(Math.round((595 * dpi) / 72)), '-H', String(Math.round((842 * dpi * height) / 72))];
  run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), ...crop, '-singlefile', join(temp, 'document.pdf'), join(temp, 'page')]);
  copyFileSync(join(temp, 'page.png'), out);
  console.log(`${basename(docx)}, page ${page} → ${out}`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
