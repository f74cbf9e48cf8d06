// Bundles the client, the server and the CLI into dist/ with esbuild.
import { chmodSync } from 'fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow: its ES
  // module build instead.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // Also the `unres-server` bin: `unres-server --stdio` or `node dist/server.js --stdio`.
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The benchmark's corpus generator (bench/README.md).
  build({ ...common, entryPoints: ['bench/genCorpus.ts'], outfile: 'dist/genCorpus.js' }),
  // The corpus reader threads of the server and the CLI (server/src/node/corpusReaders.ts).
  build({ ...common, entryPoints: ['server/src/node/corpusWorker.ts'], outfile: 'dist/corpusWorker.js' }),
]);

// Runnable as it is, like an installed bin (npm sets the bit only when it links one).
chmodSync('dist/server.js', 0o755);
