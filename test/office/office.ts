// LibreOffice for the tests: Debian's libreoffice-writer-nogui with python3-uno, driven by
// test/office/office.py (one soffice for all the files of a call), and poppler's pdftotext.
//
// Without them a test is skipped with a message, unless UNRES_REQUIRE_OFFICE=1 (as .ci/run sets,
// after installing them) makes their absence a failure.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'test/office/office.py');
const INSTALL = 'apt-get install libreoffice-writer-nogui python3-uno poppler-utils qpdf';

/** A Python that can `import uno` (Debian's, not a pyenv one), once soffice and pdftotext are on PATH. */
function findOffice(): string | undefined {
  const runs = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 60000 });
    return !r.error && r.status === 0;
  };
  if (!runs('soffice', ['--version']) || !runs('pdftotext', ['-v'])) return undefined;
  return ['/usr/bin/python3', 'python3'].find((py) => runs(py, ['-c', 'import uno']));
}

let found: string | undefined | null = null;

function missing(ctx: Mocha.Context, why: string): never {
  if (process.env.UNRES_REQUIRE_OFFICE === '1') throw new Error(`${why}, and UNRES_REQUIRE_OFFICE=1 requires them`);
  console.log(`      [skipped] ${why}: this test does not run (UNRES_REQUIRE_OFFICE=1 makes this a failure).`);
  ctx.skip();
}

/** The Python to run office.py with; skips the test (or fails it, under UNRES_REQUIRE_OFFICE=1) without LibreOffice. */
export function requireOffice(ctx: Mocha.Context): string {
  if (found === null) found = findOffice();
  return found ?? missing(ctx, `no LibreOffice with Python-UNO, or no pdftotext (${INSTALL})`);
}

/** A PDF protected by a password (qpdf, 256-bit AES); skips as requireOffice does without qpdf. */
export function encryptPdf(ctx: Mocha.Context, pdf: string, out: string, password: string): void {
  const r = spawnSync('qpdf', ['--encrypt', password, `${password}-owner`, '256', '--', pdf, out], { encoding: 'utf8' });
  if (r.error) missing(ctx, `no qpdf (${INSTALL})`);
  if (r.status !== 0) throw new Error(`qpdf failed: ${r.stderr}`);
}

/** What LibreOffice made of one .docx: its PDF, and its text with all changes accepted and all rejected. */
export interface OfficeResult {
  pdf: string;
  accepted: string;
  rejected: string;
}

/**
 * Has LibreOffice open each .docx (in one soffice, with a private profile) and write its PDF and
 * its two texts into `outDir`. Rejects if LibreOffice fails on any of them.
 */
export async function officeConvert(python: string, files: string[], outDir: string): Promise<Map<string, OfficeResult>> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-office-profile-'));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(python, [SCRIPT, profile, outDir, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`office.py exit ${code}:\n${out}\n${err}`))));
    });
    const errors = output.split('\n').filter((l) => l.startsWith('error '));
    if (errors.length > 0) throw new Error(`LibreOffice failed:\n${errors.join('\n')}`);
    const results = new Map<string, OfficeResult>();
    for (const file of files) {
      const name = path.basename(file, '.docx');
      const text = (view: string) => fs.readFileSync(path.join(outDir, `${name}.${view}.txt`), 'utf8').replace(/^\uFEFF/, '');
      results.set(file, { pdf: path.join(outDir, `${name}.pdf`), accepted: text('accepted'), rejected: text('rejected') });
    }
    return results;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** pdftotext's text of a PDF (UTF-8, reading order). */
export function pdfToText(pdf: string): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}
