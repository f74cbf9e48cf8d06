// `npm run test:e2e [-- --screenshots]`: the VS Code end-to-end test (test/e2e/) on its own.
// Installs code-server into its cache if needed (scripts/e2e-setup.mjs), builds, and runs the
// suite with UNRES_REQUIRE_E2E=1, so that a missing prerequisite is a failure, not a skip.
// `--screenshots` also saves the README's screenshot (images/echo-hover.png).
import { spawnSync } from 'child_process';
import { dirname, resolve } from 'path';
import { fileURLToPath } from 'url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--screenshots');
if (unknown.length) {
  console.error(`用法 usage: npm run test:e2e [-- --screenshots]   (unknown: ${unknown.join(' ')})`);
  process.exit(2);
}

function step(command, commandArgs, env = process.env) {
  const r = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step(process.execPath, ['scripts/e2e-setup.mjs']);
step('npm', ['run', '--silent', 'build']);
step('npm', ['run', '--silent', 'compile-tests']);
step('npx', ['mocha', '--no-config', '--require', 'out/test/setup.js', '--timeout', '60000', 'out/test/e2e/**/*.test.js'], {
  ...process.env,
  UNRES_REQUIRE_E2E: '1',
  ...(args.includes('--screenshots') ? { UNRES_E2E_SCREENSHOTS: '1' } : {}),
});
