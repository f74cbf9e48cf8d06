// `unres check --format sarif`: the findings as a SARIF 2.1.0 log, for code-scanning and review
// tools. One run; one rule per finding code that occurs; one result per finding, located by a URI
// relative to the working folder (`uriBaseId` %SRCROOT%) when the file is under it, else by an
// absolute file: URI. Regions are 1-based with exclusive end columns counted in UTF-16 code units
// (run.columnKind says so), the same numbers as the text output. Quick fixes become `fixes`.
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ENGINE_VERSION } from '../engine/version';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/**
 * Where the finding codes are documented (tool.driver.informationUri, rules' helpUri). The project
 * has no public address yet: until it has, both are left out rather than pointing nowhere.
 */
export const INFORMATION_URI: string | undefined = undefined;

/** A finding as the CLI reports it: 1-based lines and columns, exclusive end. */
export interface CliFinding {
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

export interface CliRegion {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CliFix {
  title: string;
  edits: { region: CliRegion; newText: string }[];
}

/** The finding codes, in the order of the README table, with what each one means. */
export const RULES: Record<string, string> = {
  echo: '段落沿用或改写语料中的措辞 The paragraph carries over or revises wording of an earlier resolution',
  repeat: '段落重复本草案前文的措辞 The paragraph repeats wording of an earlier paragraph of the same draft',
  'citation-date-missing': '引用决议未注明通过日期 A resolution is cited without its adoption date',
  'citation-date-wrong': '引用决议的日期有误 The date of a cited resolution contradicts its own date',
  'citation-style': '引用格式不合规范 A citation is not in the house form 2023 年 12 月 4 日第 78/46 号决议',
  'footnote-missing': '脚注标记没有对应脚注 A footnote marker has no footnote',
  'footnote-unused': '脚注未被引用 A footnote is never referenced',
  numbering: '执行部分编号有误 Operative paragraph numbers have a gap, a duplicate or a missing number',
  punctuation: '段落结尾标点有误 A paragraph is not closed by ，(preamble) ；(operative) or 。(the last)',
  'verb-prefix': '同一动词连用未加又/还 The same opening verb as the paragraph before, without 又/还',
  'suppression-unknown': '停用注释中的未知代码或指令 An unres-disable comment names an unknown code, or misspells the directive',
};

const LEVEL: Record<CliFinding['severity'], 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** `artifactLocation` of a file: relative to `cwd` (with %SRCROOT%) when under it, else absolute. */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function region(r: CliRegion) {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

export function toSarif(findings: { finding: CliFinding; fixes: CliFix[] }[], cwd: string): object {
  const used = new Set(findings.map((f) => f.finding.code ?? 'unres'));
  const ruleIds = [...Object.keys(RULES).filter((c) => used.has(c)), ...[...used].filter((c) => !(c in RULES)).sort()];
  const rules = ruleIds.map((id) => ({
    id,
    shortDescription: { text: RULES[id] ?? id },
    ...(INFORMATION_URI ? { helpUri: INFORMATION_URI } : {}),
  }));
  const results = findings.map(({ finding: f, fixes }) => {
    const ruleId = f.code ?? 'unres';
    const location = artifactLocation(f.file, cwd);
    const result: Record<string, unknown> = {
      ruleId,
      ruleIndex: ruleIds.indexOf(ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(f) } }],
    };
    if (f.data !== undefined) {
      result.properties = typeof f.data === 'object' && f.data !== null && !Array.isArray(f.data) ? { ...f.data } : { data: f.data };
    }
    if (fixes.length > 0) {
      result.fixes = fixes.map((fix) => ({
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation: location,
            replacements: fix.edits.map((e) => ({ deletedRegion: region(e.region), insertedContent: { text: e.newText } })),
          },
        ],
      }));
    }
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'unres', version: ENGINE_VERSION, ...(INFORMATION_URI ? { informationUri: INFORMATION_URI } : {}), rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
