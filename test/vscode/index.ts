// The entry of the extension-host test suite, the standard shape @vscode/test-electron (and any
// runner that loads an `extensionTestsPath`) expects: `run()` runs every `*.vscode-test.js` beside
// this file with mocha inside VS Code, and rejects when a test fails. Started by runTest.ts
// (`npm run test:vscode`); `npm test` never loads these files (.mocharc.json's spec is *.test.js).
import * as fs from 'fs';
import * as path from 'path';

export async function run(): Promise<void> {
  // mocha is an ES module: imported, not required, so that any Node of an extension host loads it.
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.vscode-test.js')).sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
