// `unres/checkWorkspace`: checks drafts that are not open (all of a workspace's, or those the
// client names) and publishes their diagnostics, so that the Problems panel lists them all.
// One file at a time, with a pause between files and in its corpus searches, so that requests
// are answered meanwhile and a cancellation is seen within a file.
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { Diagnostic } from 'vscode-languageserver-types';
import { decodeText } from '../engine/decode';
import { FileSystem } from '../engine/fileSystem';
import { YieldNow } from '../engine/match/echo';
import { UnresLanguageService, toDiagnostics } from '../service';
import { DocumentContexts } from './documentContexts';

// Through require(), not import: see cli/inputs.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { glob } = require('tinyglobby') as typeof import('tinyglobby');

import type { CheckWorkspaceResult } from '../../../shared/protocol';

export interface WorkspaceCheckDeps {
  service: UnresLanguageService;
  contexts: DocumentContexts;
  fs: FileSystem;
  /** Above this many characters a file is not parsed (the server's ceiling). */
  maxChars: number;
  isOpen(uri: string): boolean;
  /** The diagnostics of an open document (published as it changes). */
  openDiagnostics(uri: string): Promise<Diagnostic[]>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  report(done: number, total: number, file: string): void;
  cancelled(): boolean;
  yieldNow: YieldNow;
}

/** The drafts of a folder by their names: `*.unres` and `*.unres.md`, outside dot-folders and node_modules. */
export async function draftsInFolder(folder: string): Promise<string[]> {
  const found = await glob(['**/*.unres', '**/*.unres.md'], { cwd: folder, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] });
  return found.map((f) => pathToFileURL(path.normalize(f)).toString()).sort();
}

export async function checkFiles(uris: string[], deps: WorkspaceCheckDeps): Promise<CheckWorkspaceResult> {
  const result: CheckWorkspaceResult = { files: uris.length, checked: 0, problems: 0, unreadable: 0, cancelled: false };
  for (let i = 0; i < uris.length; i++) {
    const uri = uris[i];
    if (deps.cancelled()) {
      result.cancelled = true;
      break;
    }
    deps.report(i, uris.length, path.basename(uri));
    const diagnostics = deps.isOpen(uri) ? await deps.openDiagnostics(uri) : await checkClosed(uri, deps);
    if (diagnostics === 'cancelled') {
      result.cancelled = true;
      break;
    }
    if (diagnostics === undefined) result.unreadable++;
    else {
      result.checked++;
      result.problems += diagnostics.length;
    }
    await deps.yieldNow();
  }
  return result;
}

/** Checks a file that is not open and publishes its diagnostics (unless it was opened meanwhile). */
async function checkClosed(uri: string, deps: WorkspaceCheckDeps): Promise<Diagnostic[] | undefined | 'cancelled'> {
  const { service } = deps;
  let text: string;
  try {
    const decoded = decodeText(await deps.fs.readFile(fileURLToPath(uri)));
    if (!decoded.ok || decoded.text.length > deps.maxChars) return undefined;
    text = decoded.text;
  } catch {
    return undefined;
  }
  await deps.contexts.refresh(uri);
  const doc = service.getDocument(uri, 0, text);
  try {
    const findings = await service.computeFindings(doc, { structureOnly: service.isStructureOnly(doc), pace: deps.yieldNow, shouldStop: deps.cancelled });
    if (deps.cancelled()) return 'cancelled';
    const diagnostics = toDiagnostics(findings);
    if (!deps.isOpen(uri)) deps.publish(uri, diagnostics);
    return diagnostics;
  } finally {
    // Unless it was opened meanwhile, nothing of it is kept.
    if (!deps.isOpen(uri)) {
      service.closeDocument(uri);
      deps.contexts.forget(uri);
    }
  }
}
