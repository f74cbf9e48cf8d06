// The command line: batch checks of drafts with the same engine and features as the server.
//
//   unres check FILE… [--corpus PATH…] [--no-builtin] [--no-cache] [--format text|json]
//
// Exit codes: 0 no warnings, 1 warnings found, 2 bad usage or unreadable input.
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { Corpus, loadCorpus } from '../engine/corpus';
import { decodeText } from '../engine/decode';
import { Logger } from '../engine/fileSystem';
import { builtinSeedsFolder, nodeFileSystem } from '../node/nodeFileSystem';
import { indexCacheFolder, openIndexCache } from '../node/indexCache';
import { createLanguageService } from '../service';

const USAGE = `用法 usage: unres check FILE… [--corpus PATH…] [--no-builtin] [--no-cache] [--format text|json]

  check          检查决议草案 check draft resolutions (text or Markdown files)
  --corpus PATH  额外语料文件或文件夹 extra corpus file or folder (repeatable; several paths may follow)
  --no-builtin   不使用自带语料 leave out the built-in seed resolutions
  --no-cache     不读写语料索引缓存 neither read nor write the corpus index cache
                 ($XDG_CACHE_HOME/unres, else ~/.cache/unres)
  --format F     text (default) or json

Exit status: 0 no warnings, 1 warnings found, 2 bad usage or unreadable input.`;

interface Options {
  files: string[];
  corpus: string[];
  builtin: boolean;
  cache: boolean;
  format: 'text' | 'json';
}

class UsageError extends Error {}

export function parseArgs(argv: string[]): Options | 'help' {
  const opts: Options = { files: [], corpus: [], builtin: true, cache: true, format: 'text' };
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return 'help';
  if (argv.length === 0) throw new UsageError('no command / 未指定命令');
  if (argv[0] !== 'check') throw new UsageError(`unknown command '${argv[0]}' / 未知命令`);
  let target: 'files' | 'corpus' = 'files';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--no-builtin') opts.builtin = false;
    else if (a === '--no-cache') opts.cache = false;
    else if (a === '--corpus') target = 'corpus';
    else if (a.startsWith('--corpus=')) opts.corpus.push(a.slice('--corpus='.length));
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = a.includes('=') ? a.slice('--format='.length) : argv[++i];
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format takes text or json, not '${f ?? ''}'`);
      opts.format = f;
    } else if (a === '--') target = 'files';
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}' / 未知选项`);
    else (target === 'corpus' ? opts.corpus : opts.files).push(a);
  }
  if (opts.files.length === 0) throw new UsageError('no file to check / 未指定要检查的文件');
  return opts;
}

interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code?: string;
  message: string;
  data?: unknown;
}

const SEVERITY: Record<number, Finding['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let opts: Options | 'help';
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`unres: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (opts === 'help') {
    out(USAGE);
    return 0;
  }
  const quiet: Logger = { info() {}, warn() {}, error: (m) => err(m) };
  const corpus = new Corpus();
  const roots = [...(opts.builtin ? [builtinSeedsFolder()] : []), ...opts.corpus.map((p) => path.resolve(p))];
  const cache = await openIndexCache(opts.cache ? indexCacheFolder() : undefined, quiet);
  const report = await loadCorpus(corpus, roots, { fs: nodeFileSystem, logger: quiet, cache });
  let unreadable = false;
  for (const s of report.skipped) {
    const missing = /cannot/.test(s.reason);
    unreadable ||= missing && opts.corpus.some((c) => path.resolve(c) === s.path);
    err(`unres: ${missing ? '无法读取语料 cannot read corpus' : '跳过语料 skipped corpus file'} ${s.path}: ${s.reason}`);
  }
  const service = createLanguageService({ corpus, logger: quiet });

  const findings: Finding[] = [];
  for (const file of opts.files) {
    let bytes: Uint8Array;
    try {
      bytes = await nodeFileSystem.readFile(file);
    } catch (e) {
      err(`unres: 无法读取 cannot read ${file}: ${(e as { code?: string }).code ?? String(e)}`);
      unreadable = true;
      continue;
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      err(`unres: 不是文本文件 ${file} is not a text file`);
      unreadable = true;
      continue;
    }
    const uri = pathToFileURL(path.resolve(file)).toString();
    const doc = service.getDocument(uri, 1, decoded.text);
    for (const d of service.getDiagnostics(doc)) findings.push(toFinding(file, d));
  }

  if (opts.format === 'json') out(JSON.stringify(findings, null, 2));
  else {
    for (const f of findings) out(`${f.file}:${f.line}:${f.column}: ${f.severity}${f.code ? ` [${f.code}]` : ''} ${f.message}`);
    const warnings = findings.filter((f) => f.severity === 'warning' || f.severity === 'error').length;
    err(`unres: ${opts.files.length} 个文件 file(s), ${warnings} 个警告 warning(s), ${findings.length - warnings} 条提示 note(s)`);
  }
  await cache.flush(corpus);
  if (unreadable) return 2;
  return findings.some((f) => f.severity === 'warning' || f.severity === 'error') ? 1 : 0;
}

/** LSP positions are 0-based; terminals and editors read `file:line:col` 1-based (columns in UTF-16 units). */
function toFinding(file: string, d: Diagnostic): Finding {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY[d.severity ?? DiagnosticSeverity.Warning],
    code: d.code === undefined ? undefined : String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
    data: d.data,
  };
}

if (require.main === module) {
  // `unres check … | head`: once the reader has gone, further output is dropped quietly instead
  // of crashing with `Error: write EPIPE`; the exit status still says whether warnings were found.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  run(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n')).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`unres: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(2);
    },
  );
}
