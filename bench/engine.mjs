// The project's engine (server/src/engine), bundled by esbuild for the benchmark's plain-Node
// scripts: the draft and the FTS5 comparison read texts exactly as the server does.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const ENTRY = `
export { parseResolution } from './server/src/engine/parse';
export { paragraphs } from './server/src/engine/model';
export { decodeText } from './server/src/engine/decode';
`;

export async function loadEngine(root, workDir) {
  mkdirSync(workDir, { recursive: true });
  const outfile = path.join(workDir, 'engine.cjs');
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}
