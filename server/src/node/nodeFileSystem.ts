// The engine's FileSystem on Node's fs.
import { stat as statCallback, promises as fs, statSync } from 'fs';
import * as path from 'path';
import { FileStat, FileSystem } from '../engine/fileSystem';
import { wordOrPdfText } from './readDocument';

export const nodeFileSystem: FileSystem = {
  // fs.stat with a callback, not fs.promises.stat: a warm start stats every corpus file, and for
  // 30,000 files the promise API took 2–3 times the main thread's time (0.4–0.6 s against
  // 0.2 s of CPU, measured side by side on the 2-core machine under load).
  stat: (p: string) =>
    new Promise<FileStat>((resolve, reject) =>
      statCallback(p, (e, s) => (e ? reject(e) : resolve({ isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size, mtimeMs: s.mtimeMs }))),
    ),
  readFile: (p) => fs.readFile(p),
  readDirectory: (p) => fs.readdir(p),
  join: (...parts) => path.join(...parts),
  realpath: (p) => fs.realpath(p),
  documentText: wordOrPdfText,
};

/** The seeds/ folder of the extension: beside dist/ in the bundle, at the top when run from out/. */
export function builtinSeedsFolder(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'seeds');
    if (isDirectory(candidate) && isDirectory(path.join(dir, 'server'))) return candidate;
    if (isDirectory(candidate) && path.basename(__dirname) === 'dist') return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '..', 'seeds');
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
