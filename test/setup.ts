// Loaded by mocha before any test (.mocharc.json `require`): the servers and CLIs the tests start
// inherit this environment, so their corpus index cache goes to a temporary folder, never to the
// user's ~/.cache/unres. Tests that look at the cache set XDG_CACHE_HOME themselves.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-test-cache-'));
process.env.XDG_CACHE_HOME = folder;
process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
