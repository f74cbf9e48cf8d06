// The server's side of per-folder configuration and accepted wording (node/configFiles.ts): the
// context of each document it checks, resolved before its diagnostics and code actions (a few
// stats; files are read again only when changed) and kept for the requests in between; and the
// problems of each `.unres.json` found, published as that file's diagnostics (the client does not
// send it to the server, being JSON: the server reads it), again only when they change.
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { FileChangeType, FileEvent } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME } from '../configFile';
import { LineIndex } from '../engine/lines';
import { DocumentContext } from '../service';
import { UnresSettings } from '../settings';
import { ConfigFiles, LoadedConfig } from './configFiles';

export interface DocumentContextsOptions {
  /** The workspace folder, where the walk up from a draft stops and where `corpus` counts. */
  root(): string | undefined;
  /** The settings the folders' files cascade over. */
  base(): UnresSettings;
  /** Whether the workspace folder's `.unres.json` may set the corpus (not in an untrusted workspace). */
  corpusFromFiles(): boolean;
  /** Whether the client applies workspace edits that create files (the "Accept this wording" fix). */
  canCreateFiles(): boolean;
  publish(uri: string, diagnostics: Diagnostic[]): void;
}

export class DocumentContexts {
  private readonly files = new ConfigFiles();
  private readonly contexts = new Map<string, DocumentContext>();
  /** The problems last published for each `.unres.json`, as JSON. */
  private readonly published = new Map<string, string>();

  constructor(private readonly opts: DocumentContextsOptions) {}

  /** The context last resolved for `uri`. */
  get(uri: string): DocumentContext | undefined {
    return this.contexts.get(uri);
  }

  /** Resolves the context of `uri` again (a `file:` draft's folder; any other document gets the workspace folder's). */
  async refresh(uri: string): Promise<DocumentContext> {
    const folder = folderOf(uri) ?? this.opts.root();
    if (!folder) {
      const context = { settings: this.opts.base() };
      this.contexts.set(uri, context);
      return context;
    }
    const root = this.opts.root();
    const ctx = await this.files.resolve(folder, this.opts.base(), { stopAt: root, corpusRoot: root });
    for (const c of ctx.configs) this.publishProblems(c);
    const file = this.opts.canCreateFiles() ? { uri: pathToFileURL(ctx.accepted.writeTo).toString(), text: ctx.accepted.writeText } : undefined;
    const context: DocumentContext = { settings: ctx.settings, accepted: { texts: ctx.accepted.texts, file } };
    this.contexts.set(uri, context);
    return context;
  }

  /** The corpus settings: the base's with the workspace folder's `.unres.json` applied. */
  async corpus(): Promise<UnresSettings['corpus']> {
    const root = this.opts.root();
    if (!root || !this.opts.corpusFromFiles()) return this.opts.base().corpus;
    const ctx = await this.files.resolve(root, this.opts.base(), { stopAt: root, corpusRoot: root });
    for (const c of ctx.configs) this.publishProblems(c);
    return ctx.settings.corpus;
  }

  forget(uri: string): void {
    this.contexts.delete(uri);
  }

  /** After `workspace/didChangeWatchedFiles`: a deleted `.unres.json` has no problems any more. True when one of the files is a `.unres.json`. */
  filesChanged(changes: FileEvent[]): boolean {
    let config = false;
    for (const c of changes) {
      const file = folderOf(c.uri) && fileURLToPath(c.uri);
      if (!file || path.basename(file) !== CONFIG_FILE_NAME) continue;
      config = true;
      if (c.type === FileChangeType.Deleted && this.published.delete(file)) this.opts.publish(c.uri, []);
    }
    return config;
  }

  private publishProblems(c: LoadedConfig): void {
    const key = JSON.stringify(c.analysis.problems);
    if (this.published.get(c.path) === key) return;
    this.published.set(c.path, key);
    const lines = new LineIndex(c.text);
    this.opts.publish(
      pathToFileURL(c.path).toString(),
      c.analysis.problems.map((p) => ({
        range: { start: lines.positionAt(p.start), end: lines.positionAt(p.end) },
        severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: 'unres',
        code: 'config',
        message: p.message,
      })),
    );
  }
}

/** The folder of a `file:` URI's file; undefined for other schemes. */
function folderOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}
