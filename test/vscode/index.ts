// The entry of the extension-host test suite, the standard shape @vscode/test-electron (and any
// runner that loads an `extensionTestsPath`) expects: `run()` runs every `*.vscode-test.js` beside
// this file with mocha inside VS Code, and rejects when a test fails. Started by runTest.ts
// (`npm run test:vscode`) and by test/e2e/extensionHost.test.ts in code-server (`npm test`),
// which reads each test's result from the file named by UNRES_VSCODE_RESULTS. `npm test` never
// loads these files itself (.mocharc.json's spec is *.test.js).
import * as fs from 'fs';
import * as path from 'path';

/** One test's (or failed hook's) outcome, as written to UNRES_VSCODE_RESULTS. */
export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  error?: string;
}

export async function run(): Promise<void> {
  // mocha is an ES module: imported, not required, so that any Node of an extension host loads it.
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.vscode-test.js')).sort()) mocha.addFile(path.join(__dirname, f));
  const results: TestResult[] = [];
  // Written after each test, so that a run that never ends still tells how far it got.
  const record = (r: TestResult) => {
    results.push(r);
    if (process.env.UNRES_VSCODE_RESULTS) fs.writeFileSync(process.env.UNRES_VSCODE_RESULTS, JSON.stringify(results, null, 2));
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
    runner.on('pass', (t) => record({ title: t.fullTitle(), state: 'passed' }));
    runner.on('pending', (t) => record({ title: t.fullTitle(), state: 'pending' }));
    // A failed hook comes here too, titled `"before all" hook …`.
    runner.on('fail', (t, err: Error) => record({ title: t.fullTitle(), state: 'failed', error: err.stack ?? String(err) }));
  });
}
