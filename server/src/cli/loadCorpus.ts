// The corpus a CLI command works with: the built-in seeds, the working folder's .unres.json corpus
// settings and the --corpus paths, loaded by the corpus host the server uses too (reader threads,
// the index cache), each skipped file told on stderr.
import * as path from 'path';
import { Logger } from '../engine/fileSystem';
import { CorpusHost, corpusRoots } from '../node/corpusHost';
import { indexCacheFolder } from '../node/indexCache';

export interface CliCorpus {
  host: CorpusHost;
  /** A --corpus path could not be read. */
  unreadable: boolean;
}

export async function loadCliCorpus(
  opts: { builtin: boolean; corpus: string[]; cache: boolean },
  configured: { builtin: boolean; paths: string[] },
  quiet: Logger,
  err: (s: string) => void,
): Promise<CliCorpus> {
  const host = new CorpusHost({ logger: quiet });
  host.cacheFolder = opts.cache ? indexCacheFolder() : undefined;
  const roots = corpusRoots({ builtin: opts.builtin && configured.builtin, paths: [...configured.paths, ...opts.corpus] }, process.cwd());
  const outcome = await host.load(roots);
  let unreadable = false;
  const skipped = 'loaded' in outcome ? outcome.loaded.skipped : [];
  if ('failed' in outcome) throw outcome.failed;
  for (const s of skipped) {
    const missing = /cannot/.test(s.reason);
    unreadable ||= missing && opts.corpus.some((c) => path.resolve(c) === s.path);
    err(`unres: ${missing ? '无法读取语料 cannot read corpus' : '跳过语料 skipped corpus file'} ${s.path}: ${s.reason}`);
  }
  return { host, unreadable };
}
