// Settings logic of the client that needs no vscode: which corpus paths count in an untrusted
// workspace, and where "Add Corpus Folder" writes. Pure, so that test/unit/client.test.ts
// can check it; extension.ts feeds it WorkspaceConfiguration.inspect() results.
import * as path from 'path';

/** The part of WorkspaceConfiguration.inspect() used here. */
export interface Inspected<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * The corpus paths the server may read. In a trusted workspace, the usual precedence (folder,
 * workspace, user, default). In an untrusted one, only the user's own setting: a folder someone
 * else's workspace names (`.vscode/settings.json`) is not read until the workspace is trusted.
 * VS Code itself leaves the workspace's value out in Restricted Mode (the manifest lists the
 * setting in `restrictedConfigurations`, and inspect() then shows no workspace value); this
 * filter makes it hold for the server whatever the host does.
 */
export function effectiveCorpusPaths(inspected: Inspected<string[]> | undefined, trusted: boolean): string[] {
  const i = inspected ?? {};
  const value = trusted ? (i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue ?? i.defaultValue) : (i.globalValue ?? i.defaultValue);
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
}

/** ConfigurationTarget, by name (extension.ts maps it). */
export type SettingsTarget = 'global' | 'workspace';

/**
 * Where "Add Corpus Folder" writes `unres.corpus.paths`: where the setting is in force now (the
 * workspace's own list when it has one, so that the addition takes effect; the user's when it
 * has one), else the workspace when one is open and trusted (a team's corpus lives with its
 * drafts), else the user settings. An untrusted workspace always gets the user settings, the
 * only ones it reads.
 */
export function corpusPathsTarget(inspected: Inspected<string[]> | undefined, workspaceOpen: boolean, trusted: boolean): SettingsTarget {
  if (!workspaceOpen || !trusted) return 'global';
  if (inspected?.workspaceValue !== undefined) return 'workspace';
  if (inspected?.globalValue !== undefined) return 'global';
  return 'workspace';
}

/**
 * `existing` with the `added` folders appended, each once. In workspace settings a folder inside
 * the workspace folder is written relative to it (the server resolves relative paths against
 * it), so that the setting works on every clone; anything else stays absolute.
 */
export function withCorpusPaths(existing: string[], added: string[], target: SettingsTarget, workspaceFolder: string | undefined): string[] {
  const out = [...existing];
  const known = new Set(existing.map((p) => normalise(p, workspaceFolder)));
  for (const folder of added) {
    const key = normalise(folder, workspaceFolder);
    if (known.has(key)) continue;
    known.add(key);
    out.push(target === 'workspace' && workspaceFolder && isInside(folder, workspaceFolder) ? path.relative(workspaceFolder, folder) || '.' : folder);
  }
  return out;
}

function normalise(p: string, base: string | undefined): string {
  return path.resolve(base ?? '/', p).replace(/[\\/]+$/, '');
}

function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** What to do with a plain-text document that looks like a resolution (see detect.ts). */
export type DetectionMode = 'ask' | 'switch' | 'off';
/** The answer the user gave for this workspace, if any. */
export type WorkspaceChoice = 'always' | 'never' | undefined;

/**
 * `switch` it to the unres language, `ask` the user (once per document), or leave it (`none`).
 * Nothing switches without either the setting `unres.detect.mode: switch` or the user's
 * "always in this workspace".
 */
export function detectionAction(mode: DetectionMode, choice: WorkspaceChoice, alreadyAsked: boolean): 'switch' | 'ask' | 'none' {
  if (mode === 'off' || choice === 'never') return 'none';
  if (mode === 'switch' || choice === 'always') return 'switch';
  return alreadyAsked ? 'none' : 'ask';
}
