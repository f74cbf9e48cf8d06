// The pause between slices of a long check (lsp/pause.ts): what the connection has not yet
// written goes out before the next slice, whichever transport the editor chose.
import * as assert from 'assert';
import { fork } from 'child_process';
import * as path from 'path';
import { connectionOutput, pauseFor } from '../../server/src/lsp/pause';

describe('the pause between slices of a check', () => {
  it('waits while output is pending, and no longer', async () => {
    let asked = 0;
    let pending = 3;
    await pauseFor(() => (asked++, pending-- > 0))();
    assert.strictEqual(asked, 4, 'asked until nothing was pending');
    asked = 0;
    await pauseFor(() => (asked++, false))();
    assert.strictEqual(asked, 1);
  });

  it('gives up waiting for an editor that stopped reading', async () => {
    // Resolves (within MAX_FLUSH_WAIT_MS): the check goes on even if the output never drains.
    let asked = 0;
    await pauseFor(() => (asked++, true))();
    assert.ok(asked > 1, `${asked}`);
  });

  it('knows nothing is pending on a transport it does not watch', () => {
    assert.strictEqual(connectionOutput(['node', 'server.js', '--socket=5000'])(), false);
  });

  it('over node IPC (as VS Code starts the server): pending from process.send until the message is written', async function () {
    this.timeout(20000);
    const child = fork('-e', [
      [
        `const { connectionOutput } = require(${JSON.stringify(path.join(__dirname, '../../server/src/lsp/pause.js'))});`,
        `const pending = connectionOutput(['node', 'server.js', '--node-ipc']);`,
        'const before = pending();',
        `process.send({ big: 'x'.repeat(4_000_000) }, (e) => process.send({ before, during, after: pending(), error: String(e) }));`,
        'const during = pending();',
      ].join('\n'),
    ], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const messages: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m) => {
        messages.push(m);
        if (messages.length === 2) resolve();
      });
      child.on('error', reject);
    });
    child.kill();
    assert.deepStrictEqual(messages[1], { before: false, during: true, after: false, error: 'null' });
  });
});
