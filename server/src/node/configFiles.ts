// The files that configure a draft's folder, found upward from the draft, for the server and the
// CLI alike:
//  - `.unres.json` (configFile.ts): the settings' keys plus `rules`; nearer files override
//    farther ones, and all override the settings they cascade over;
//  - `.unres/accepted.txt` (features/accepted.ts): the accepted wording of every such file counts.
// The walk stops at `stopAt` (the workspace folder) when the draft is inside it, else at the
// file-system root. Files are read again only when their size or modification time changed.
import * as os from 'os';
import * as path from 'path';
import { CONFIG_FILE_NAME, ConfigAnalysis, analyseConfig } from '../configFile';
import { FileSystem } from '../engine/fileSystem';
import { readAcceptedList } from '../features/accepted';
import { UnresSettings, readSettings } from '../settings';
import { nodeFileSystem } from './nodeFileSystem';

export const ACCEPTED_FILE = path.join('.unres', 'accepted.txt');

export interface LoadedConfig {
  path: string;
  text: string;
  analysis: ConfigAnalysis;
}

export interface FolderContext {
  /** `base` with the folder's `.unres.json` files applied. */
  settings: UnresSettings;
  /** The `.unres.json` files that applied, farthest first (a file that is not JSON does not). */
  applied: string[];
  /** Every `.unres.json` found, with its problems. */
  configs: LoadedConfig[];
  accepted: {
    /** The paragraph texts accepted by any of the files (not to be changed: it may be the cache's). */
    texts: ReadonlySet<string>;
    /** The accepted-wording files found, farthest first. */
    files: string[];
    /** Where a paragraph accepted now is written: the nearest file, else one in `stopAt` (or the folder). */
    writeTo: string;
    /** Its text, when it exists. */
    writeText?: string;
  };
}

export interface ResolveOptions {
  /** The workspace folder: the walk stops there when `folder` is inside it. */
  stopAt?: string;
  /** `corpus` counts in the files of this folder and above it only (one corpus serves every draft). */
  corpusRoot?: string;
}

interface Cached {
  stamp: string;
  text: string;
  /** For an accepted-wording file, its texts, read once. */
  accepted?: Set<string>;
}

export class ConfigFiles {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly fs: FileSystem = nodeFileSystem) {}

  async resolve(folder: string, base: UnresSettings, opts: ResolveOptions = {}): Promise<FolderContext> {
    const start = path.resolve(folder);
    const stopAt = opts.stopAt && isSameOrAncestor(path.resolve(opts.stopAt), start) ? path.resolve(opts.stopAt) : undefined;
    const folders = foldersUp(start, stopAt);
    const configs: LoadedConfig[] = [];
    const applied: string[] = [];
    let settings = base;
    const accepted: FolderContext['accepted'] = { texts: new Set(), files: [], writeTo: '' };
    const lists: Set<string>[] = [];
    // Farthest first: each nearer file overrides.
    for (const dir of [...folders].reverse()) {
      const configPath = path.join(dir, CONFIG_FILE_NAME);
      const text = await this.read(configPath);
      if (text !== undefined) {
        const corpusAllowed = opts.corpusRoot !== undefined && isSameOrAncestor(dir, path.resolve(opts.corpusRoot));
        const analysis = text.error ? unreadable(text.error) : analyseConfig(text.text, corpusAllowed);
        configs.push({ path: configPath, text: text.text, analysis });
        if (analysis.value) {
          settings = readSettings(withAbsoluteCorpusPaths(analysis.value, dir), [], settings);
          applied.push(configPath);
        }
      }
      const acceptedPath = path.join(dir, ACCEPTED_FILE);
      const list = await this.read(acceptedPath);
      if (list !== undefined && !list.error) {
        lists.push(this.acceptedTexts(acceptedPath, list.text));
        accepted.files.push(acceptedPath);
        accepted.writeTo = acceptedPath;
        accepted.writeText = list.text;
      }
    }
    // One list (the usual case) is used as it is, not copied at every check.
    accepted.texts = lists.length === 1 ? lists[0] : new Set(lists.flatMap((l) => [...l]));
    if (!accepted.writeTo) accepted.writeTo = path.join(stopAt ?? start, ACCEPTED_FILE);
    return { settings, applied, configs, accepted };
  }

  private acceptedTexts(file: string, text: string): Set<string> {
    const cached = this.cache.get(file);
    if (!cached || cached.text !== text) return readAcceptedList(text);
    return (cached.accepted ??= readAcceptedList(text));
  }

  /** The file's text; undefined when there is no such file; `error` when it cannot be read. */
  private async read(file: string): Promise<{ text: string; error?: string } | undefined> {
    let stamp: string;
    try {
      const s = await this.fs.stat(file);
      if (!s.isFile) return undefined;
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      this.cache.delete(file);
      return undefined;
    }
    const cached = this.cache.get(file);
    if (cached?.stamp === stamp) return { text: cached.text };
    try {
      const text = new TextDecoder('utf-8').decode(await this.fs.readFile(file));
      this.cache.set(file, { stamp, text });
      return { text };
    } catch (e) {
      return { text: '', error: (e as { code?: string }).code ?? String(e) };
    }
  }
}

function unreadable(error: string): ConfigAnalysis {
  return { problems: [{ start: 0, end: 0, severity: 'error', message: `无法读取此文件 / This file cannot be read (${error})` }] };
}

/** `folder` and its parents, nearest first, up to `stopAt` when `folder` is inside it, else to the root. */
export function foldersUp(folder: string, stopAt?: string): string[] {
  const out = [folder];
  const stop = stopAt && isSameOrAncestor(stopAt, folder) ? stopAt : undefined;
  let dir = folder;
  while (dir !== stop) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    out.push((dir = parent));
  }
  return out;
}

function isSameOrAncestor(ancestor: string, p: string): boolean {
  const rel = path.relative(ancestor, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Corpus paths of a file are relative to its folder (`~/` is the home folder). */
function withAbsoluteCorpusPaths(value: Record<string, unknown>, dir: string): Record<string, unknown> {
  const corpus = value.corpus as { paths?: unknown } | undefined;
  if (!corpus || !Array.isArray(corpus.paths)) return value;
  const paths = corpus.paths.map((p) =>
    typeof p !== 'string' || p.trim() === '' ? p : p.startsWith('~/') ? path.join(os.homedir(), p.slice(2)) : path.resolve(dir, p),
  );
  return { ...value, corpus: { ...corpus, paths } };
}
