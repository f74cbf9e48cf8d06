// The corpus a CLI command works with: the built-in seeds, the working folder's .unres.json corpus
// settings and the --corpus paths, through the index cache, each skipped file told on stderr.
import * as path from 'path';
import { Corpus, loadCorpus } from '../engine/corpus';
import { Logger } from '../engine/fileSystem';
import { builtinSeedsFolder, nodeFileSystem } from '../node/nodeFileSystem';
import { IndexCache, indexCacheFolder, openIndexCache } from '../node/indexCache';
import { workerReaders } from '../node/corpusReaders';

export interface CliCorpus {
  corpus: Corpus;
  cache: IndexCache;
  /** A --corpus path could not be read. */
  unreadable: boolean;
}

export async function loadCliCorpus(
  opts: { builtin: boolean; corpus: string[]; cache: boolean },
  configured: { builtin: boolean; paths: string[] },
  quiet: Logger,
  err: (s: string) => void,
): Promise<CliCorpus> {
  const corpus = new Corpus();
  const roots = [
    ...(opts.builtin && configured.builtin ? [builtinSeedsFolder()] : []),
    ...configured.paths,
    ...opts.corpus.map((p) => path.resolve(p)),
  ];
  const cache = await openIndexCache(opts.cache ? indexCacheFolder() : undefined, quiet);
  const report = await loadCorpus(corpus, roots, { fs: nodeFileSystem, reader: workerReaders(quiet), logger: quiet, cache });
  let unreadable = false;
  for (const s of report.skipped) {
    const missing = /cannot/.test(s.reason);
    unreadable ||= missing && opts.corpus.some((c) => path.resolve(c) === s.path);
    err(`unres: ${missing ? '无法读取语料 cannot read corpus' : '跳过语料 skipped corpus file'} ${s.path}: ${s.reason}`);
  }
  return { corpus, cache, unreadable };
}
