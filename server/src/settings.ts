// The `unres` settings section: the same shape in initializationOptions, workspace/configuration
// and the VS Code settings (package.json `contributes.configuration`).
import { THRESHOLDS } from './engine/match/echo';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

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
}

export const DEFAULT_SETTINGS: UnresSettings = {
  corpus: { builtin: true, paths: [] },
  echo: { threshold: THRESHOLDS.score, verbatimSeverity: 'information', changedSeverity: 'warning' },
  limits: { maxDocumentSize: 2_000_000 },
};

const SEVERITIES: SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Reads settings from whatever a client sent, keeping the defaults for anything missing or malformed. */
export function readSettings(raw: unknown, problems: string[] = []): UnresSettings {
  const obj = isObject(raw) ? raw : {};
  const corpus = isObject(obj.corpus) ? obj.corpus : {};
  const echo = isObject(obj.echo) ? obj.echo : {};
  const limits = isObject(obj.limits) ? obj.limits : {};
  const s: UnresSettings = structuredClone(DEFAULT_SETTINGS);
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
  return s;
}

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
