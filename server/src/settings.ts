// The `unres` settings section: the same shape in initializationOptions, workspace/configuration
// and the VS Code settings (package.json `contributes.configuration`).
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { THRESHOLDS } from './engine/match/echo';
import { FINDING_CODES } from './features/codes';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const SEVERITY: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface UnresSettings {
  corpus: {
    /** Include the resolutions shipped in seeds/. */
    builtin: boolean;
    /** Extra corpus files and folders. */
    paths: string[];
  };
  echo: {
    /** Lowest score (0..1) of an echo worth reporting. */
    threshold: number;
    /** Severity of a paragraph carried over verbatim. */
    verbatimSeverity: SeverityName;
    /** Severity of a paragraph that revises or partly reuses earlier wording. */
    changedSeverity: SeverityName;
  };
  limits: {
    /**
     * Above this many characters (UTF-16 code units, JavaScript string length) a document gets
     * structure features only: no corpus search, no repeat check.
     */
    maxDocumentSize: number;
  };
  /** Severity by finding code (features/rules.ts), overriding the checks' own; `off` drops the code. */
  rules: Record<string, SeverityName>;
}

export const DEFAULT_SETTINGS: UnresSettings = {
  corpus: { builtin: true, paths: [] },
  echo: { threshold: THRESHOLDS.score, verbatimSeverity: 'information', changedSeverity: 'warning' },
  limits: { maxDocumentSize: 2_000_000 },
  rules: {},
};

const SEVERITIES: SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * Reads settings from whatever a client (or a `.unres.json`) sent, over `base`: anything missing
 * or malformed keeps its value in `base` (the defaults, or the settings a folder's file cascades
 * over); `rules` are merged code by code.
 */
export function readSettings(raw: unknown, problems: string[] = [], base: UnresSettings = DEFAULT_SETTINGS): UnresSettings {
  const obj = isObject(raw) ? raw : {};
  const corpus = isObject(obj.corpus) ? obj.corpus : {};
  const echo = isObject(obj.echo) ? obj.echo : {};
  const limits = isObject(obj.limits) ? obj.limits : {};
  const s: UnresSettings = structuredClone(base);
  if (typeof corpus.builtin === 'boolean') s.corpus.builtin = corpus.builtin;
  else if (corpus.builtin !== undefined) problems.push('unres.corpus.builtin 应为 true 或 false / should be true or false');
  if (Array.isArray(corpus.paths)) {
    s.corpus.paths = corpus.paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
    if (s.corpus.paths.length !== corpus.paths.length) problems.push('unres.corpus.paths: 已忽略非路径条目 / entries that are not paths were ignored');
  } else if (corpus.paths !== undefined) problems.push('unres.corpus.paths 应为路径列表 / should be a list of paths');
  if (typeof echo.threshold === 'number' && echo.threshold >= 0 && echo.threshold <= 1) s.echo.threshold = echo.threshold;
  else if (echo.threshold !== undefined) problems.push('unres.echo.threshold 应为 0 到 1 之间的数 / should be a number from 0 to 1');
  for (const key of ['verbatimSeverity', 'changedSeverity'] as const) {
    if (SEVERITIES.includes(echo[key])) s.echo[key] = echo[key];
    else if (echo[key] !== undefined) problems.push(`unres.echo.${key} 应为 ${SEVERITIES.join(', ')} 之一 / should be one of ${SEVERITIES.join(', ')}`);
  }
  if (Number.isInteger(limits.maxDocumentSize) && limits.maxDocumentSize >= 1) s.limits.maxDocumentSize = limits.maxDocumentSize;
  else if (limits.maxDocumentSize !== undefined) problems.push('unres.limits.maxDocumentSize 应为正整数（字符数） / should be a positive whole number of characters');
  if (isObject(obj.rules)) {
    for (const [code, severity] of Object.entries(obj.rules)) {
      if (!FINDING_CODES.includes(code)) problems.push(`unres.rules: 未知的检查代码 unknown finding code '${code}'`);
      else if (SEVERITIES.includes(severity)) s.rules[code] = severity;
      else problems.push(`unres.rules.${code} 应为 ${SEVERITIES.join(', ')} 之一 / should be one of ${SEVERITIES.join(', ')}`);
    }
  } else if (obj.rules !== undefined) problems.push('unres.rules 应为对象 / should be an object: {"verb-prefix": "off"}');
  return s;
}

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
