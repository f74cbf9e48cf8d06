// The server's corpus: the shared corpus host (node/corpusHost.ts) told to the client — its
// status (`unres/corpusStatus`), a load's progress (`$/progress` and `unres/corpusProgress`), and
// what the user should know of a load (a corpus path that does not exist, files skipped).
import { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import { CorpusProgressNotification, CorpusStatusNotification } from '../../../shared/protocol';
import { LoadReport } from '../engine/corpus';
import { Logger } from '../engine/fileSystem';
import { CorpusHost } from '../node/corpusHost';

export function serverCorpusHost(connection: Connection, capabilities: () => ClientCapabilities, logger: Logger): CorpusHost {
  return new CorpusHost({
    logger,
    status: (s) => void connection.sendNotification(CorpusStatusNotification, s).catch(() => undefined),
    progress: async () => {
      const reporter = capabilities().window?.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
      reporter?.begin('unres: 正在索引语料 Indexing corpus', 0, undefined, false);
      return {
        report: (done, total) => {
          reporter?.report(Math.round((100 * done) / Math.max(total, 1)), `${done}/${total}`);
          // For a client that shows the progress itself (the VS Code status bar item).
          void connection.sendNotification(CorpusProgressNotification, { done, total }).catch(() => undefined);
        },
        done: () => reporter?.done(),
      };
    },
  });
}

/** Corpus paths found missing, each told to the user once while the server runs. */
const missingToldOf = new Set<string>();

/**
 * Each skipped file is in the output (loadCorpus logs it with its reason); the user is told once
 * per load, and of a corpus path that does not exist once while the server runs.
 */
export function tellSkipped(connection: Connection, report: LoadReport, roots: string[]): void {
  const missing = report.skipped.filter((s) => roots.includes(s.path) && /ENOENT/.test(s.reason));
  for (const s of missing) {
    if (missingToldOf.has(s.path)) continue;
    missingToldOf.add(s.path);
    void connection.window.showWarningMessage(`unres: 语料路径不存在 corpus path not found: ${s.path}`);
  }
  const others = report.skipped.length - missing.length;
  if (others > 0) {
    void connection.window.showWarningMessage(
      `unres: 语料中有 ${others} 个文件被跳过 ${others} corpus file${others === 1 ? '' : 's'} skipped — 详见输出 see the output`,
    );
  }
}

/** A failed load, told to the user. */
export function tellFailed(connection: Connection, error: unknown): void {
  void connection.window.showErrorMessage(`unres: 语料加载失败 the corpus could not be loaded — see the output (${String(error)})`);
}
