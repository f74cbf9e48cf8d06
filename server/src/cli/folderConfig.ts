// The CLI's side of per-folder configuration (node/configFiles.ts): each draft is checked with
// the `.unres.json` files and accepted wording found upward from it (to the file-system root);
// the corpus comes from the files of the working folder and above; the problems of a broken file
// are printed once, as `file:line:col: severity message` on stderr; `--print-config` shows what
// applies to a file.
import * as path from 'path';
import { LineIndex } from '../engine/lines';
import { ConfigFiles, FolderContext, LoadedConfig } from '../node/configFiles';
import { DocumentContext } from '../service';
import { DEFAULT_SETTINGS } from '../settings';

export class CliFolderConfig {
  private readonly files = new ConfigFiles();
  private readonly reported = new Set<string>();
  /** Whether a `.unres.json` had an error (not a warning): the check exits 2. */
  broken = false;

  constructor(
    private readonly cwd: string,
    private readonly err: (s: string) => void,
  ) {}

  /** What applies to drafts of `folder`; each config file's problems are printed the first time it is seen. */
  async resolve(folder: string): Promise<FolderContext> {
    const ctx = await this.files.resolve(folder, DEFAULT_SETTINGS, { corpusRoot: this.cwd });
    for (const c of ctx.configs) this.report(c);
    return ctx;
  }

  /** The service's context for a draft: its folder's settings and accepted wording (no quick fix to record more). */
  async contextFor(file: string): Promise<DocumentContext> {
    const ctx = await this.resolve(path.dirname(path.resolve(this.cwd, file)));
    return { settings: ctx.settings, accepted: { texts: ctx.accepted.texts } };
  }

  /** `--print-config FILE`: the settings in force for it and the files they came from, as JSON. */
  async describe(file: string): Promise<object> {
    const ctx = await this.resolve(path.dirname(path.resolve(this.cwd, file)));
    return {
      file,
      configFiles: ctx.applied,
      ignoredConfigFiles: ctx.configs.filter((c) => !c.analysis.value).map((c) => c.path),
      acceptedFiles: ctx.accepted.files,
      acceptedParagraphs: ctx.accepted.texts.size,
      settings: ctx.settings,
    };
  }

  private report(c: LoadedConfig): void {
    if (this.reported.has(c.path)) return;
    this.reported.add(c.path);
    const lines = new LineIndex(c.text);
    const shown = path.relative(this.cwd, c.path) || c.path;
    for (const p of c.analysis.problems) {
      const at = lines.positionAt(p.start);
      this.broken ||= p.severity === 'error';
      this.err(`${shown}:${at.line + 1}:${at.character + 1}: ${p.severity} [config] ${p.message}`);
    }
  }
}
