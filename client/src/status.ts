// The status bar item's text and tooltip for the corpus state the server announces
// (`unres/corpusStatus`, `unres/corpusProgress`). Pure: the strings go through `t`
// (vscode.l10n.t in the extension), so that test/unit/client.test.ts can check them.

import type { CorpusProgress, CorpusStatus } from '../../shared/protocol';

export type { CorpusProgress, CorpusStatus } from '../../shared/protocol';

/** vscode.l10n.t's shape: `{0}`, `{1}` in the message are replaced by the arguments. */
export type Translate = (message: string, ...args: Array<string | number>) => string;

export interface StatusView {
  text: string;
  /** What the item says of the corpus, for a list of details. */
  summary: string;
  /** The summary and that a click shows more. */
  tooltip: string;
  /** Whether the item should draw attention (an error). */
  error: boolean;
}

/** The item as it shows `status` (and, while indexing, `progress`, when the server sent one). */
export function statusView(status: CorpusStatus, progress: CorpusProgress | undefined, t: Translate): StatusView {
  const view = (text: string, summary: string, error = false): StatusView => ({ text, summary, tooltip: `${summary} ${t('Click for details.')}`, error });
  if (status.state === 'indexing') {
    const pct = progress && progress.total > 0 ? Math.min(100, Math.floor((100 * progress.done) / progress.total)) : undefined;
    return pct === undefined
      ? view('$(sync~spin) unres', t('unres: indexing the corpus…'))
      : view(`$(sync~spin) unres ${pct}%`, t('unres: indexing the corpus, {0} of {1} files', progress!.done, progress!.total));
  }
  if (status.state === 'error') return view('$(error) unres', t('unres: the corpus could not be loaded (see the output).'), true);
  const docs = status.documents === 1 ? t('1 resolution') : t('{0} resolutions', status.documents);
  if (status.skipped === 0) return view(`$(book) ${docs}`, t('unres: corpus of {0}.', docs));
  return view(`$(book) ${docs} $(warning) ${status.skipped}`, t('unres: corpus of {0}; {1} files skipped (see the output).', docs, status.skipped));
}
