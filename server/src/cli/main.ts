// The command line: batch checks of drafts with the same engine and features as the server.
//
//   unres check FILE|FOLDER|GLOB… [--corpus PATH…] [--no-builtin] [--no-cache]
//               [--format text|json|sarif] [--max-warnings N]
//   unres check --print-config FILE
//
// Exit codes: 0 no more warnings than --max-warnings (default 0), 1 more, 2 bad usage or
// unreadable input.
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CodeActionKind, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { Logger } from '../engine/fileSystem';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { DocumentError } from '../node/documentError';
import { readDocumentText } from '../node/readDocument';
import { DocumentContext, Finding as ServiceFinding, Fix, MAX_DIAGNOSTICS, MAX_PARSED_CHARS, createLanguageService } from '../service';
import { DraftDocument, toRange } from '../features/document';
import { CliFolderConfig } from './folderConfig';
import { paragraphs } from '../engine/model';
import { NOTHING_RECOGNISED } from '../features/recognition';
import { expandInputs } from './inputs';
import { loadCliCorpus } from './loadCorpus';
import { COMPARE_USAGE, runCompare } from './compare';
import { CliFinding, CliFix, CliRegion, toSarif } from './sarif';

const USAGE = `用法 usage: unres check FILE|FOLDER|GLOB… [--corpus PATH…] [--no-builtin] [--no-cache]
                   [--format text|json|sarif] [--max-warnings N]
       unres check --print-config FILE

  check             检查决议草案 check draft resolutions: files (any extension; Word .docx
                    with tracked changes accepted, PDF), folders (searched for .txt .md
                    .unres .unres.md .docx .pdf) and quoted globs ('drafts/**/*.txt')
  --corpus PATH     额外语料文件或文件夹 extra corpus file or folder (repeatable; several paths may follow)
  --no-builtin      不使用自带语料 leave out the built-in seed resolutions
  --no-cache        不读写语料索引缓存 neither read nor write the corpus index cache
                    ($XDG_CACHE_HOME/unres, else ~/.cache/unres)
  --format F        text (default), json, or sarif (SARIF 2.1.0 log for code-scanning tools)
  --max-warnings N  容许的警告数 exit 1 only when there are more than N warnings (default 0)
  --print-config    显示适用于 FILE 的配置 print the configuration in force for FILE (settings
                    with the .unres.json files found upward applied) and the files it came from

Each draft is checked with the .unres.json files found from its folder upward (nearer ones
override farther ones) and the accepted wording of the .unres/accepted.txt files there; the
corpus of .unres.json is read from the working folder and above.

A summary goes to stderr: files, paragraphs, echoes, citation problems, other warnings.
As in the editor, a draft over unres.limits.maxDocumentSize characters (.unres.json; default
2,000,000) gets the structure checks only, and one over 10,000,000 is not checked.

${COMPARE_USAGE}

Exit status 退出状态:
  0  警告数不超过 N  no more warnings (and errors) than --max-warnings allows (default: none)
  1  警告数超过 N    more warnings than that, or a file in which no paragraph was recognised
     (whatever --max-warnings says: nothing was checked)
  2  用法错误或无法读取 bad usage, an unreadable or too large file, a folder/glob with no
     draft, or an error in a .unres.json`;

interface Options {
  files: string[];
  corpus: string[];
  builtin: boolean;
  cache: boolean;
  format: 'text' | 'json' | 'sarif';
  maxWarnings: number;
  printConfig: boolean;
}

class UsageError extends Error {}

export function parseArgs(argv: string[]): Options | 'help' {
  const opts: Options = { files: [], corpus: [], builtin: true, cache: true, format: 'text', maxWarnings: 0, printConfig: false };
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return 'help';
  if (argv.length === 0) throw new UsageError('no command / 未指定命令');
  if (argv[0] !== 'check') throw new UsageError(`unknown command '${argv[0]}' / 未知命令`);
  let target: 'files' | 'corpus' = 'files';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--no-builtin') opts.builtin = false;
    else if (a === '--no-cache') opts.cache = false;
    else if (a === '--print-config') opts.printConfig = true;
    else if (a === '--corpus') target = 'corpus';
    else if (a.startsWith('--corpus=')) opts.corpus.push(a.slice('--corpus='.length));
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = a.includes('=') ? a.slice('--format='.length) : argv[++i];
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format takes text, json or sarif, not '${f ?? ''}'`);
      opts.format = f;
    } else if (a === '--max-warnings' || a.startsWith('--max-warnings=')) {
      const n = a.includes('=') ? a.slice('--max-warnings='.length) : argv[++i];
      if (n === undefined || !/^\d+$/.test(n)) throw new UsageError(`--max-warnings takes a whole number ≥ 0, not '${n ?? ''}'`);
      opts.maxWarnings = Number(n);
    } else if (a === '--') target = 'files';
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}' / 未知选项`);
    else (target === 'corpus' ? opts.corpus : opts.files).push(a);
  }
  if (opts.files.length === 0) throw new UsageError('no file to check / 未指定要检查的文件');
  return opts;
}

type Finding = CliFinding;

const SEVERITY: Record<number, Finding['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (argv[0] === 'compare') return runCompare(argv.slice(1), out, err);
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
  const folderConfig = new CliFolderConfig(process.cwd(), err);
  if (opts.printConfig) {
    const described = [];
    for (const file of opts.files) described.push(await folderConfig.describe(file));
    out(JSON.stringify(described.length === 1 ? described[0] : described, null, 2));
    return folderConfig.broken ? 2 : 0;
  }
  const quiet: Logger = { info() {}, warn() {}, error: (m) => err(m) };
  // The corpus: the working folder's .unres.json (and above), then the options.
  const corpusSettings = (await folderConfig.resolve(process.cwd())).settings.corpus;
  const loaded = await loadCliCorpus(opts, corpusSettings, quiet, err);
  const { host } = loaded;
  let unreadable = loaded.unreadable;
  const contexts = new Map<string, DocumentContext>();
  const service = createLanguageService({ corpus: host.corpus, logger: quiet, contextFor: (uri) => contexts.get(uri) });

  const inputs = await expandInputs(opts.files, nodeFileSystem);
  for (const p of inputs.problems) err(`unres: ${p}`);
  if (inputs.problems.length > 0) unreadable = true;

  const findings: Finding[] = [];
  const fixes: CliFix[][] = [];
  let paragraphCount = 0;
  let checked = 0;
  let unrecognised = 0;
  for (const file of inputs.files) {
    let text: string;
    try {
      text = (await readDocumentText(file)).text;
    } catch (e) {
      // A file that cannot be read, is not text, or is a Word or PDF document that gives none.
      const why = e instanceof DocumentError ? e.message : ((e as { code?: string }).code ?? String(e));
      err(`unres: 无法读取 cannot read ${file}: ${why}`);
      unreadable = true;
      continue;
    }
    // The editor's size policy: not checked above MAX_PARSED_CHARS, structure only above the
    // size limit (a 24 MB text checked whole took 22 s and 2.9 GB of memory).
    if (text.length > MAX_PARSED_CHARS) {
      err(`unres: 文件过大，未检查 — ${file} is larger than ${MAX_PARSED_CHARS.toLocaleString('en')} characters: not checked.`);
      unreadable = true;
      continue;
    }
    const uri = pathToFileURL(path.resolve(file)).toString();
    contexts.set(uri, await folderConfig.contextFor(file));
    const doc = service.getDocument(uri, 1, text);
    checked++;
    paragraphCount += paragraphs(doc.resolution).length;
    const structureOnly = service.isStructureOnly(doc);
    if (structureOnly) {
      const limit = service.maxDocumentSize(doc).toLocaleString('en');
      err(
        `unres: 文件过大（超过 ${limit} 个字符），只检查结构，不检索语料 — ${file} is larger than ${limit} characters ` +
          `(unres.limits.maxDocumentSize): structure checks only, no corpus search.`,
      );
    }
    // As many as an editor is sent.
    const found = (await service.computeFindings(doc, { structureOnly })).slice(0, MAX_DIAGNOSTICS);
    const nothing = found.find((f) => f.diagnostic.code === NOTHING_RECOGNISED);
    if (nothing) {
      unrecognised++;
      err(`unres: ${file}: ${nothing.diagnostic.message}`);
    }
    for (const f of found) {
      findings.push(toFinding(file, f));
      // Quick fixes only where SARIF can carry them: those that correct the text, not the comment that would silence the finding.
      fixes.push(opts.format === 'sarif' ? f.fixes.filter((x) => (x.kind ?? CodeActionKind.QuickFix) === CodeActionKind.QuickFix).map((x) => toFix(doc, x)) : []);
    }
    // Checked once: nothing of it is kept for a next version.
    service.closeDocument(uri);
  }

  if (opts.format === 'json') out(JSON.stringify(findings, null, 2));
  else if (opts.format === 'sarif') out(JSON.stringify(toSarif(findings.map((finding, i) => ({ finding, fixes: fixes[i] })), process.cwd()), null, 2));
  else for (const f of findings) out(`${f.file}:${f.line}:${f.column}: ${f.severity}${f.code ? ` [${f.code}]` : ''} ${f.message}`);
  const warnings = findings.filter(isWarning).length;
  err(summary(checked, paragraphCount, findings, warnings));
  await host.save();
  if (unreadable || folderConfig.broken) return 2;
  return warnings > opts.maxWarnings || unrecognised > 0 ? 1 : 0;
}

function isWarning(f: Finding): boolean {
  return f.severity === 'warning' || f.severity === 'error';
}

/**
 * `unres: 2 个文件 file(s), 9 个警告 warning(s), 7 条提示 note(s); 85 个段落 paragraph(s),
 * 14 处沿用 echo(es), 2 个引文问题 citation problem(s), 1 个其他警告 other warning(s)`.
 * Echoes (echo, repeat) and citation problems (citation-*, footnote-*) are counted whatever their
 * severity; other warnings are the remaining warnings and errors (numbering, punctuation…).
 */
function summary(files: number, paragraphCount: number, findings: Finding[], warnings: number): string {
  const isEcho = (f: Finding) => f.code === 'echo' || f.code === 'repeat';
  const isCitation = (f: Finding) => /^(citation|footnote)-/.test(f.code ?? '');
  const echoes = findings.filter(isEcho).length;
  const citations = findings.filter(isCitation).length;
  const other = findings.filter((f) => isWarning(f) && !isEcho(f) && !isCitation(f)).length;
  return (
    `unres: ${files} 个文件 file(s), ${warnings} 个警告 warning(s), ${findings.length - warnings} 条提示 note(s); ` +
    `${paragraphCount} 个段落 paragraph(s), ${echoes} 处沿用 echo(es), ${citations} 个引文问题 citation problem(s), ` +
    `${other} 个其他警告 other warning(s)`
  );
}

function toRegion(r: Range): CliRegion {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** A fix's edits of the draft (an edit of another file, the accepted-wording list, as the workspace edit names it). */
function toFix(doc: DraftDocument, fix: Fix): CliFix {
  const edits = fix.workspaceEdit
    ? Object.values(fix.workspaceEdit.changes ?? {}).flat()
    : fix.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText }));
  return { title: fix.title, edits: edits.map((e) => ({ region: toRegion(e.range), newText: e.newText })) };
}

/** LSP positions are 0-based; terminals and editors read `file:line:col` 1-based (columns in UTF-16 units). */
function toFinding(file: string, { diagnostic: d }: ServiceFinding): Finding {
  return {
    file,
    ...toRegion(d.range),
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
