// `npm run test:vscode`: the extension-host suite (test/vscode/*.vscode-test.ts) in a desktop VS
// Code that @vscode/test-electron downloads, opened on test/vscode/workspace/.
//
// Where VS Code cannot be downloaded (no network but the npm registry, as in CI here), or there
// is no display to open it on, it says so and why, and exits 0 — at once, not after a long
// download attempt: the update server is asked first with a short timeout. UNRES_VSCODE_EXECUTABLE
// names a VS Code binary to use instead of a download; UNRES_REQUIRE_VSCODE=1 turns a skip into
// a failure; UNRES_VSCODE_VERSION picks the version to download (default: stable).
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const UPDATE_SERVER = 'https://update.code.visualstudio.com/api/releases/stable';
const REACH_TIMEOUT_MS = 5000;

/** Whether `url` answers within `timeoutMs`; the reason when it does not. */
export function reachable(url: string, timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const req = https.request(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status > 0 && status < 500 ? { ok: true } : { ok: false, reason: `${url} answered HTTP ${status}` });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, reason: `${url} cannot be reached (${e.code ?? e.message})` }));
    req.end();
  });
}

function skip(reason: string): never {
  const message = `test:vscode: skipped — ${reason}. Set UNRES_VSCODE_EXECUTABLE to a VS Code binary to run the extension-host suite without a download (npm test runs the suite in code-server when its cache is there: test/e2e/extensionHost.test.ts).`;
  if (process.env.UNRES_REQUIRE_VSCODE === '1') {
    console.error(`${message} (UNRES_REQUIRE_VSCODE=1: a failure)`);
    process.exit(1);
  }
  console.log(message);
  process.exit(0);
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  let vscodeExecutablePath = process.env.UNRES_VSCODE_EXECUTABLE;
  const reasons: string[] = [];
  if (!vscodeExecutablePath) {
    const reach = await reachable(UPDATE_SERVER, REACH_TIMEOUT_MS);
    if (!reach.ok) reasons.push(`desktop VS Code cannot be downloaded here: ${reach.reason}`);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    reasons.push('there is no display to open VS Code on (run it under xvfb-run)');
  }
  if (reasons.length > 0) skip(reasons.join('; '));
  vscodeExecutablePath ??= await downloadAndUnzipVSCode(process.env.UNRES_VSCODE_VERSION ?? 'stable');
  // A fresh profile: no user settings, no other extension, no state from an earlier run.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-vscode-test-'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [
        path.join(root, 'test', 'vscode', 'workspace'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(profile, 'user')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`,
      ],
      // The server's index cache goes to the profile too, never to the user's ~/.cache.
      extensionTestsEnv: { XDG_CACHE_HOME: path.join(profile, 'cache') },
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`test:vscode: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
