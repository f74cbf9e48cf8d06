// `npm run package` into a given file: the .vsix as a user makes it (vsce, offline; the
// `vscode:prepublish` script builds dist/ first).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

export function packageVsix(out: string): void {
  const run = spawnSync('npm', ['run', 'package', '--', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 110000 });
  assert.strictEqual(run.status, 0, `npm run package failed (${run.error ?? `exit ${run.status}`}):\n${run.stdout}\n${run.stderr}`);
}
