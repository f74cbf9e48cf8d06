// `unres compare DRAFT [--against SYMBOL|FILE] [--format text|json|html|docx]`: the draft against
// the resolution it updates, paragraph by paragraph.
import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CorpusDocument } from '../engine/corpus';
import { Logger } from '../engine/fileSystem';
import { Comparison, ComparedParagraph, shortSymbol } from '../engine/compare';
import { comparisonToTracked } from '../engine/compare/tracked';
import { CLASS_NAMES, comparisonHtml } from '../../../shared/compareHtml';
import { comparePredecessor } from '../features/compare';
import { readResolutionFile } from '../node/corpusHost';
import { DocumentError } from '../node/documentError';
import { writeTrackedDocx } from '../node/docx/trackedDocx';
import { readDocumentText } from '../node/readDocument';
import { createLanguageService } from '../service';
import { CliFolderConfig } from './folderConfig';
import { loadCliCorpus } from './loadCorpus';

export const COMPARE_USAGE = `       unres compare DRAFT [--against SYMBOL|FILE] [--corpus PATH…] [--no-builtin] [--no-cache]
                     [--format text|json|html|docx] [--output FILE]

  compare           与所更新的决议逐段比较 compare a draft with the resolution it updates (found
                    in the corpus: same title, latest earlier session), paragraph by paragraph
  --against X       指定比较对象 compare with X instead: a corpus symbol (A/RES/72/57, 72/57) or a file
  --format F        text (default), json, html (a page), docx (Word, tracked changes; needs --output)
  --output FILE     写入文件 write to FILE instead of stdout
  exit status: 0 compared, 2 bad usage, unreadable draft, or nothing to compare with`;

type Format = 'text' | 'json' | 'html' | 'docx';

interface CompareOptions {
  draft: string;
  against?: string;
  corpus: string[];
  builtin: boolean;
  cache: boolean;
  format: Format;
  output?: string;
}

class UsageError extends Error {}

export function parseCompareArgs(argv: string[]): CompareOptions | 'help' {
  const opts: CompareOptions = { draft: '', corpus: [], builtin: true, cache: true, format: 'text' };
  const files: string[] = [];
  let target: 'files' | 'corpus' = 'files';
  const value = (a: string, i: number, argv: string[], name: string): string => {
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i];
    // `--against --no-cache`: the next option is not a value.
    if (v === undefined || v === '' || (!a.includes('=') && v.startsWith('--'))) throw new UsageError(`${name} 需要一个值 needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--no-builtin') opts.builtin = false;
    else if (a === '--no-cache') opts.cache = false;
    else if (a === '--corpus') target = 'corpus';
    else if (a.startsWith('--corpus=')) opts.corpus.push(a.slice('--corpus='.length));
    else if (a === '--against' || a.startsWith('--against=')) opts.against = value(a, a.includes('=') ? i : ++i, argv, '--against');
    else if (a === '--output' || a === '-o' || a.startsWith('--output=')) opts.output = value(a, a.includes('=') ? i : ++i, argv, '--output');
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value(a, a.includes('=') ? i : ++i, argv, '--format');
      if (f !== 'text' && f !== 'json' && f !== 'html' && f !== 'docx') throw new UsageError(`--format takes text, json, html or docx, not '${f}'`);
      opts.format = f;
    } else if (a === '--') target = 'files';
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}' / 未知选项`);
    else (target === 'corpus' ? opts.corpus : files).push(a);
  }
  if (files.length === 0) throw new UsageError('no draft to compare / 未指定要比较的草案');
  if (files.length > 1) throw new UsageError(`one draft at a time, not ${files.length} / 一次只比较一份草案`);
  if (opts.format === 'docx' && !opts.output) throw new UsageError('--format docx writes a file: add --output FILE.docx / 需要 --output');
  opts.draft = files[0];
  return opts;
}

export async function runCompare(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let opts: CompareOptions | 'help';
  try {
    opts = parseCompareArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`unres: ${e.message}\n\n用法 usage: unres compare …\n${COMPARE_USAGE}`);
    return 2;
  }
  if (opts === 'help') {
    out(`用法 usage:\n${COMPARE_USAGE}`);
    return 0;
  }
  const text = await readText(opts.draft, err);
  if (text === undefined) return 2;
  const quiet: Logger = { info() {}, warn() {}, error: (m) => err(m) };
  let against: string | CorpusDocument | undefined = opts.against;
  if (opts.against !== undefined && (await isFile(opts.against))) {
    const read = await readResolutionFile(path.resolve(opts.against));
    if ('skipped' in read) {
      err(`unres: --against ${opts.against}: ${read.skipped}`);
      return 2;
    }
    against = read;
  }
  const folderConfig = new CliFolderConfig(process.cwd(), err);
  const corpusSettings = (await folderConfig.resolve(process.cwd())).settings.corpus;
  const { host, unreadable } = await loadCliCorpus(opts, corpusSettings, quiet, err);
  const { corpus } = host;
  if (unreadable || folderConfig.broken) return 2;
  const service = createLanguageService({ corpus, logger: quiet });
  const doc = service.getDocument(pathToFileURL(path.resolve(opts.draft)).toString(), 1, text);
  const result = comparePredecessor(doc, corpus, (await folderConfig.contextFor(opts.draft)).settings, { ready: corpus.snapshot().ready, against });
  await host.save();
  if ('error' in result) {
    err(`unres: ${opts.draft}: ${result.error}${result.noPredecessor ? '；请用 --against 指定 / name one with --against' : ''}`);
    return 2;
  }
  let output: string | Uint8Array;
  if (opts.format === 'json') output = JSON.stringify(result, null, 2);
  else if (opts.format === 'html') output = comparisonHtml(result);
  else if (opts.format === 'docx') output = await writeTrackedDocx(comparisonToTracked(result, { author: 'unres', date: new Date() }));
  else output = comparisonText(result);
  if (opts.output) await fs.writeFile(opts.output, output);
  else out(String(output));
  err(summaryLine(result));
  return 0;
}

/** The draft's text (a Word draft's with its tracked changes accepted, a PDF's), or undefined when it gives none (said on `err`). */
async function readText(file: string, err: (s: string) => void): Promise<string | undefined> {
  try {
    return (await readDocumentText(file)).text;
  } catch (e) {
    const why = e instanceof DocumentError ? e.message : ((e as { code?: string }).code ?? String(e));
    err(`unres: 无法读取 cannot read ${file}: ${why}`);
    return undefined;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** `unres: 与 A/RES/72/57 比较 compared with …: 12 未改 unchanged, …; 技术性更新 technical update: 否 no`. */
function summaryLine(c: Comparison): string {
  const counts = (Object.keys(CLASS_NAMES) as (keyof typeof CLASS_NAMES)[]).map((k) => `${c.summary[k]} ${CLASS_NAMES[k]}`).join(', ');
  return `unres: ${c.draft.symbol ?? ''} 与 ${c.predecessor.symbol} 比较 compared: ${counts}, ${c.summary.moved} 移动 moved; 技术性更新 technical update: ${c.technicalUpdate ? '是 yes' : '否 no'}`;
}

/**
 * One line per paragraph, `PP3 = PP3 technical …`, the changes marked as a word diff
 * (`[-deleted-]{+inserted+}`), then the counts as a Markdown table.
 */
export function comparisonText(c: Comparison): string {
  const lines = [
    `${c.draft.symbol ?? '草案 draft'}${c.draft.title ? ` 《${c.draft.title}》` : ''}`,
    `与 compared with ${c.predecessor.symbol} (${c.predecessor.file})`,
    `理由 why: ${c.predecessor.reason}`,
    '',
  ];
  for (const r of c.rows) lines.push(rowLine(r, c));
  lines.push('', ...countTable(c), '', `技术性更新 technical update: ${c.technicalUpdate ? '是 yes' : '否 no'}`);
  return lines.join('\n');
}

function rowLine(r: ComparedParagraph, c: Comparison): string {
  const was = r.predecessor ? `${shortSymbol(c.predecessor.symbol)} ${r.predecessor.label}` : '';
  const head = `${(r.draft?.label ?? '—').padEnd(5)} ${r.cls.padEnd(9)} ${was}${r.moved ? ' (moved 移动)' : ''}`;
  if (r.cls === 'unchanged') return head;
  if (r.cls === 'new') {
    const from = r.echoes?.length ? ` [earlier 先前: ${r.echoes.map((e) => `${shortSymbol(e.symbol)} ${e.paragraph} ${Math.round(e.score * 100)}%`).join(', ')}]` : '';
    return `${head}${from}\n      {+${r.draft!.text}+}`;
  }
  if (r.cls === 'dropped') return `${head}\n      [-${r.predecessor!.text}-]`;
  return `${head}\n      ${r.diff.map((d) => (d.op === 'equal' ? d.text : d.op === 'delete' ? `[-${d.text}-]` : `{+${d.text}+}`)).join('')}`;
}

/** The counts as a Markdown table (the README's chain tables are this). */
export function countTable(c: Comparison): string[] {
  const keys = Object.keys(CLASS_NAMES) as (keyof typeof CLASS_NAMES)[];
  return [
    `| ${shortSymbol(c.draft.symbol ?? 'draft')} vs ${shortSymbol(c.predecessor.symbol)} | ${keys.map((k) => CLASS_NAMES[k]).join(' | ')} | 移动 moved |`,
    `|---|${keys.map(() => '---:').join('|')}|---:|`,
    `| paragraphs 段数 | ${keys.map((k) => c.summary[k]).join(' | ')} | ${c.summary.moved} |`,
  ];
}
