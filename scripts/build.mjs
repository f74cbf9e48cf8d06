// Bundles the client, the server and the CLI into dist/ with esbuild.
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync } from 'fs';
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

// The client and the CLI are minified (names kept, for messages; the source maps stay beside the
// bundles), so that the .vsix stays under 2 MB with pdf.js in it. The server and its reader
// threads lose only white space and redundant syntax: their identifiers stay as written, so the
// code the benchmark measures is the code as written, less its layout.
const small = { minify: true, keepNames: true };
const compact = { minifyWhitespace: true, minifySyntax: true };

await Promise.all([
  build({ ...common, ...small, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // Also the `unres-server` bin: `unres-server --stdio` or `node dist/server.js --stdio`.
  build({ ...common, ...compact, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, ...small, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The benchmark's corpus generator (bench/README.md).
  build({ ...common, entryPoints: ['bench/genCorpus.ts'], outfile: 'dist/genCorpus.js' }),
  // The corpus reader threads of the server and the CLI (server/src/node/corpusReaders.ts).
  build({ ...common, ...compact, entryPoints: ['server/src/node/corpusWorker.ts'], outfile: 'dist/corpusWorker.js' }),
]);

// Runnable as it is, like an installed bin (npm sets the bit only when it links one).
chmodSync('dist/server.js', 0o755);

// pdf.js reads PDFs for the server, the CLI and the reader threads (server/src/node/pdf/readPdf.ts).
// It is an ES module that loads its worker module beside it, so it is copied, not bundled: its
// minified legacy build (for Node 20) and the character maps of Chinese fonts (Simplified: GB,
// Traditional: CNS, Big5, HK), which it reads from disk: the Unicode ones in UCS-2 and UTF-16 (what
// PDF writers use for fonts they do not embed) and the legacy GB and Big5 encodings, not the
// rare UTF-8 and UTF-32 ones (170 KB in the .vsix; a PDF that needs one reads as having no text).
// Its licence goes with it.
const pdfjs = 'node_modules/pdfjs-dist';
rmSync('dist/pdfjs', { recursive: true, force: true });
mkdirSync('dist/pdfjs/cmaps', { recursive: true });
copyFileSync(`${pdfjs}/legacy/build/pdf.min.mjs`, 'dist/pdfjs/pdf.mjs');
copyFileSync(`${pdfjs}/legacy/build/pdf.worker.min.mjs`, 'dist/pdfjs/pdf.worker.mjs');
copyFileSync(`${pdfjs}/LICENSE`, 'dist/pdfjs/LICENSE');
for (const name of readdirSync(`${pdfjs}/cmaps`)) {
  const chinese = /^(Uni)?(GB|CNS|B5|ETen|ETHK|HK)|^Adobe-(GB1|CNS1)-/.test(name);
  if (chinese && !/-UTF(8|32)-/.test(name)) copyFileSync(`${pdfjs}/cmaps/${name}`, `dist/pdfjs/cmaps/${name}`);
}
