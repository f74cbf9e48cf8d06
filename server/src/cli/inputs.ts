// What `unres check` is asked to check: files, folders and glob patterns → the list of files.
//
// - a file named on the command line is checked whatever its extension;
// - a folder is searched recursively for corpus-like files (isCorpusFileName: .txt .md .unres
//   .unres.md .markdown .docx .pdf), in name order, leaving out dot-folders and node_modules as the corpus
//   loader does;
// - an argument with glob characters (`*`, `?`, `[…]`, `{a,b}`) that names no existing path is a
//   pattern (`drafts/**/*.txt`, quoted so that the CLI, not the shell, expands it), matched with
//   tinyglobby: `**` crosses folders, dot-files are left out, every match is checked.
// Each file is listed once, at its first mention.
import * as path from 'path';
import { isCorpusFileName } from '../engine/corpus';
import { FileSystem } from '../engine/fileSystem';

// Through require(), not import: esbuild then bundles tinyglobby's (and fdir's) CommonJS build;
// their ES module build reads import.meta.url, which is undefined in the CommonJS dist/cli.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { globSync } = require('tinyglobby') as typeof import('tinyglobby');

export interface Inputs {
  /** Files to check, as they will be named in the output. */
  files: string[];
  /** Arguments that could not be used: missing paths, unreadable folders, patterns matching nothing. */
  problems: string[];
}

const GLOB_CHARS = /[*?[\]{}]/;

export async function expandInputs(args: string[], fs: FileSystem, cwd = process.cwd()): Promise<Inputs> {
  const files: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(cwd, file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };

  for (const arg of args) {
    let stat;
    try {
      stat = await fs.stat(path.resolve(cwd, arg));
    } catch (e) {
      if (GLOB_CHARS.test(arg)) {
        const matches = globMatches(arg, cwd);
        if (matches.length === 0) problems.push(`没有匹配的文件 no file matches ${arg}`);
        matches.forEach(add);
      } else {
        // Left in the list: reading it reports the error (ENOENT…) the way it always has.
        add(arg);
      }
      continue;
    }
    if (!stat.isDirectory) {
      add(arg);
      continue;
    }
    const found: string[] = [];
    await walk(arg, fs, cwd, found, problems);
    if (found.length === 0) problems.push(`文件夹中没有草案 no draft (.txt .md .unres .docx .pdf) in folder ${arg}`);
    found.forEach(add);
  }
  return { files, problems };
}

async function walk(folder: string, fs: FileSystem, cwd: string, out: string[], problems: string[]): Promise<void> {
  let names: string[];
  try {
    names = await fs.readDirectory(path.resolve(cwd, folder));
  } catch (e) {
    problems.push(`无法读取文件夹 cannot list folder ${folder}: ${(e as { code?: string }).code ?? String(e)}`);
    return;
  }
  for (const name of [...names].sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const child = path.join(folder, name);
    let stat;
    try {
      stat = await fs.stat(path.resolve(cwd, child));
    } catch {
      continue; // a dangling link or an entry gone since the listing
    }
    if (stat.isDirectory) await walk(child, fs, cwd, out, problems);
    else if (stat.isFile && isCorpusFileName(name)) out.push(child);
  }
}

/** Files matching a glob pattern, sorted; relative to `cwd` unless the pattern is absolute. */
export function globMatches(pattern: string, cwd: string): string[] {
  // tinyglobby takes `/` as the separator everywhere; a Windows user may type `drafts\**\*.txt`.
  const posix = path.sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
  const found = globSync([posix], { cwd, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] });
  const absolute = path.isAbsolute(pattern);
  return found
    .map((f) => path.normalize(f))
    .sort()
    .map((f) => (absolute ? f : path.relative(cwd, f)));
}
