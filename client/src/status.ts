// The status bar item's text and tooltip for the corpus state the server announces
// (`unres/corpusStatus`, `unres/corpusProgress`). Pure: the strings go through `t`
// (vscode.l10n.t in the extension), so that test/unit/clientStatus.test.ts can check them.

/** The server's `unres/corpusStatus` notification (server/src/server.ts). */
export interface CorpusStatus {
  state: 'indexing' | 'ready' | 'error';
  documents: number;
  skipped: number;
}

/** The server's `unres/corpusProgress` notification: corpus files read so far, of all found. */
export interface CorpusProgress {
  done: number;
  total: number;
}

/** vscode.l10n.t's shape: `{0}`, `{1}` in the message are replaced by the arguments. */
export type Translate = (message: string, ...args: Array<string | number>) => string;

export interface StatusView {
  text: string;
  tooltip: string;
  /** Whether the item should draw attention (an error). */
  error: boolean;
}

/** The item as it shows `status` (and, while indexing, `progress`, when the server sent one). */
export function statusView(status: CorpusStatus, progress: CorpusProgress | undefined, t: Translate): StatusView {
  if (status.state === 'indexing') {
    const pct = progress && progress.total > 0 ? Math.min(100, Math.floor((100 * progress.done) / progress.total)) : undefined;
    return {
      text: pct === undefined ? '$(sync~spin) unres' : `$(sync~spin) unres ${pct}%`,
      tooltip:
        pct === undefined
          ? t('unres: indexing the corpus…')
          : t('unres: indexing the corpus, {0} of {1} files', progress!.done, progress!.total),
      error: false,
    };
  }
  if (status.state === 'error') {
    return { text: '$(error) unres', tooltip: t('unres: the corpus could not be loaded. Click for details.'), error: true };
  }
  const skipped = status.skipped > 0 ? ` $(warning) ${status.skipped}` : '';
  const docs = status.documents === 1 ? t('1 resolution') : t('{0} resolutions', status.documents);
  const tooltip =
    status.skipped > 0
      ? t('unres: corpus of {0}; {1} files skipped (see the output). Click for details.', docs, status.skipped)
      : t('unres: corpus of {0}. Click for details.', docs);
  return { text: `$(book) ${docs}${skipped}`, tooltip, error: false };
}
