// The extension-host suite (test/vscode/, which `npm run test:vscode` runs in a desktop VS Code)
// run in code-server's extension host instead, so that `npm test` runs it where desktop VS Code
// cannot be downloaded. code-server has no flag for extension tests, but VS Code's web workbench
// takes them from the `payload` of its URL: `extensionDevelopmentPath` (the checkout: dist/ and
// package.json, as F5 would load it) and `extensionTestsPath` (out/test/vscode/index.js), as
// vscode-remote URIs. With VS Code's `enable-smoke-test-driver` the page reports the extension
// host's end to `window.codeAutomationExit(code)` (0 when run() resolved) and its log to
// `window.codeAutomationLog`. Each test's result comes from the file index.ts writes
// (UNRES_VSCODE_RESULTS) and becomes a test here.
//
// Same prerequisites as the end-to-end suite (vscode.test.ts): Chromium and the code-server
// cache; skipped with the reason without them, a failure with UNRES_REQUIRE_E2E=1.
import * as assert from 'assert';
import * as fs from 'fs';
import { Test } from 'mocha';
import * as path from 'path';
import { format } from 'util';
import type { TestResult } from '../vscode/index';
import { requireInstall, within } from './codeServer';
import { Session } from './session';

const ROOT = path.resolve(__dirname, '../../..');
const TESTS = path.join(ROOT, 'out/test/vscode/index.js');
/** The whole suite (16 tests took about 6 s here); each test has its own 60 s timeout inside. */
const RUN_TIMEOUT_MS = 240000;

interface Outcome {
  /** The extension host's exit code, or undefined when it did not end in time. */
  exitCode?: number;
  results: TestResult[];
  log: string[];
}

describe('the extension-host suite (test/vscode) in code-server', function () {
  this.timeout(30000);
  let session: Session | undefined;
  let outcome: Outcome;

  const logTail = () => `--- extension host log ---\n${outcome.log.join('\n').slice(-6000)}\n--- code-server log ---\n${session?.server?.logTail(2000) ?? ''}`;

  before(async function () {
    this.timeout(RUN_TIMEOUT_MS + 150000);
    const install = requireInstall(this);
    assert.ok(fs.existsSync(TESTS) && fs.existsSync(path.join(ROOT, 'dist/extension.js')), 'built: dist/ and out/test/');
    session = new Session('unres-exthost-');
    // A copy: whatever the tests do to their workspace leaves the checkout's as it is.
    const workspace = path.join(session.scratch, 'workspace');
    fs.cpSync(path.join(ROOT, 'test/vscode/workspace'), workspace, { recursive: true });
    const resultsFile = path.join(session.scratch, 'results.json');
    const page = await session.start(install, {
      workspace,
      vscodeOptions: ['enable-smoke-test-driver'],
      env: { UNRES_VSCODE_RESULTS: resultsFile },
    });
    const server = session.server!;
    const log: string[] = [];
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => log.push(format(...args)));
    const authority = new URL(server.url).host;
    const remote = (p: string) => `vscode-remote://${authority}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(TESTS)],
    ];
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 60000 });
    const exitCode = await within(exited, RUN_TIMEOUT_MS);
    const results = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as TestResult[]) : [];
    outcome = { exitCode, results, log };

    // One test here for each of the suite's, after the one above that checks the run as a whole.
    const suite = this.test!.parent!;
    for (const r of results) {
      suite.addTest(
        new Test(r.title, function (this: Mocha.Context) {
          if (r.state === 'pending') this.skip();
          if (r.state === 'failed') assert.fail(`in the extension host: ${r.error}`);
        }),
      );
    }
  });

  after(async function () {
    this.timeout(60000);
    await session?.close();
  });

  it('runs to the end in the extension host, which exits with 0', () => {
    assert.notStrictEqual(outcome.exitCode, undefined, `the extension host did not end within ${RUN_TIMEOUT_MS} ms\n${logTail()}`);
    assert.ok(outcome.results.length > 0, `no test results were written (exit code ${outcome.exitCode})\n${logTail()}`);
    const failed = outcome.results.filter((r) => r.state === 'failed').map((r) => r.title);
    // Failed tests tell their own errors below; without one, the log says what went wrong.
    const why = failed.length ? `failed: ${failed.join('; ')}` : `no test failed\n${logTail()}`;
    assert.strictEqual(outcome.exitCode, 0, `exit code ${outcome.exitCode}; ${why}`);
  });
});
