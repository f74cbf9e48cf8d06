// When the open documents' diagnostics are computed and sent: after a pause in typing, in
// slices between which requests are answered, abandoned for a newer version, and never sent for
// a version older than one already sent.
import { Diagnostic } from 'vscode-languageserver-types';
import { Logger } from '../engine/fileSystem';
import { YieldNow } from '../engine/match/slices';
import { Finding } from '../service';

/**
 * Diagnostics wait for a pause in typing; each document has its own timer. 50 ms still
 * coalesces a burst of keystrokes (or an IME commit's several changes) into one run, and
 * leaves room for the computation within the 100 ms keystroke → diagnostics target
 * (bench/RESULTS.md).
 */
export const DIAGNOSTICS_DELAY_MS = 50;

export interface SchedulerDeps {
  /** The open document's version; undefined once it is closed. */
  version(uri: string): number | undefined;
  /** What a run needs first (the document's context read again). */
  prepare(uri: string): Promise<void>;
  /** The findings of the document as it is, in slices with `pace`, stopping when `shouldStop` says. */
  findings(uri: string, pace: YieldNow, shouldStop: () => boolean): Promise<Finding[]>;
  /** The findings as diagnostics. */
  render(findings: Finding[]): Diagnostic[];
  send(uri: string, version: number, diagnostics: Diagnostic[]): void;
  /** The pause between slices, in which the connection reads and answers what came in meanwhile (lsp/pause.ts). */
  pause: YieldNow;
  logger: Logger;
}

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** The version last published for each open document: a publish never goes back to an older one. */
  private readonly publishedVersion = new Map<string, number>();

  constructor(private readonly deps: SchedulerDeps) {}

  /** Computes and sends the document's diagnostics once `delay` ms have passed without another call. */
  schedule(uri: string, delay = DIAGNOSTICS_DELAY_MS): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        void this.publish(uri);
      }, delay),
    );
  }

  /** Computes and sends the document's diagnostics now, unless a newer version comes in meanwhile. */
  async publish(uri: string): Promise<void> {
    const { deps } = this;
    const version = deps.version(uri);
    if (version === undefined) return;
    const superseded = () => deps.version(uri) !== version;
    try {
      await deps.prepare(uri);
      if (superseded()) return;
      // In slices: requests are answered between them, and a newer version (or closing the
      // document) abandons this run, whose results would not be sent.
      const diagnostics = deps.render(await deps.findings(uri, deps.pause, superseded));
      // Computed for `version`: send only if that is still the document's version (a change that
      // came in meanwhile has its own run scheduled) and no later version was published.
      if (superseded() || (this.publishedVersion.get(uri) ?? -Infinity) > version) return;
      this.publishedVersion.set(uri, version);
      deps.send(uri, version, diagnostics);
    } catch (e) {
      deps.logger.error(`unres: diagnostics failed for ${uri}: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }

  /** The document was closed: its pending run is dropped. */
  forget(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.publishedVersion.delete(uri);
  }
}
