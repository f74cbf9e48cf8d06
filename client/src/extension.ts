// The VS Code client: a thin vscode-languageclient that starts the unres language server
// (dist/server.js, bundled by scripts/build.mjs) for documents of the language `unres`.
//
// Everything the user sees (outline, links, completion, checks, quick fixes) comes from the
// server; the client only starts it, passes it the `unres` settings and a folder where it may
// cache its corpus index, and offers a command to restart it. A server that dies is restarted
// (client/src/restartPolicy.ts: a few times, telling the user once), and the corpus state the
// server announces (`unres/corpusStatus`) is shown in the status bar.
//
// Which files are `unres` is left to the manifest (package.json `contributes.languages`:
// the extensions `.unres` / `.unres.md` and a `firstLine` pattern). The client never switches
// the language of an open `.txt` or `.md` file by itself. Note that VS Code consults `firstLine`
// only for files whose name no language claims, so `.txt` (plaintext) and `.md` (markdown) stay
// as they are: a user who wants one checked picks "UN Resolution (Chinese)" in the language
// picker or adds a `files.associations` entry.
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { RestartPolicy } from './restartPolicy';

const LANGUAGE_ID = 'unres';
const SECTION = 'unres';

/** The server's custom notification about the corpus (server/src/server.ts). */
interface CorpusStatus {
  state: 'indexing' | 'ready' | 'error';
  documents: number;
  skipped: number;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const outputChannel = vscode.window.createOutputChannel('unres', { log: true });
  context.subscriptions.push(outputChannel);

  const restarts = new RestartPolicy();
  const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  context.subscriptions.push(statusItem);
  const showStatus = (s: CorpusStatus): void => {
    if (s.state === 'indexing') {
      statusItem.text = '$(sync~spin) unres';
      statusItem.tooltip = 'unres: 正在索引语料 indexing the corpus';
    } else if (s.state === 'ready') {
      statusItem.text = s.skipped > 0 ? `$(book) unres ${s.documents} $(warning) ${s.skipped}` : `$(book) unres ${s.documents}`;
      statusItem.tooltip =
        `unres: 语料 ${s.documents} 篇 corpus of ${s.documents} documents` +
        (s.skipped > 0 ? `; ${s.skipped} 个文件被跳过 ${s.skipped} skipped — 详见输出 see the output` : '');
    } else {
      statusItem.text = '$(error) unres';
      statusItem.tooltip = 'unres: 语料加载失败 the corpus could not be loaded — 详见输出 see the output';
    }
    statusItem.show();
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: SECTION },
    // A function, so that a restart sends the settings as they are then.
    initializationOptions: () => ({
      ...readSettings(),
      storagePath: context.globalStorageUri.fsPath,
    }),
    outputChannel,
    errorHandler: {
      // As the default handler: a few bad messages are tolerated, a stream of them is not.
      error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        const decision = restarts.closed();
        if (decision.message) {
          outputChannel.warn(decision.message);
          if (decision.final) void vscode.window.showErrorMessage(decision.message);
          else void vscode.window.showWarningMessage(decision.message);
        }
        if (!decision.restart) statusItem.hide();
        return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };

  const startClient = async (): Promise<void> => {
    client = new LanguageClient('unres', 'unres', serverOptions, clientOptions);
    client.onNotification('unres/corpusStatus', showStatus);
    try {
      await client.start();
    } catch (e) {
      // Keep the extension active so that `unres.restartServer` can try again (e.g. after a build).
      outputChannel.error(`语言服务器未能启动 / the language server did not start: ${String(e)}`);
      void vscode.window.showErrorMessage(`unres: 语言服务器未能启动 / the language server did not start: ${String(e)}`);
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('unres.restartServer', async () => {
      restarts.reset();
      if (client?.isRunning()) {
        try {
          await client.restart();
          outputChannel.info('语言服务器已重启 / language server restarted');
          return;
        } catch (e) {
          outputChannel.warn(`重启失败，重新创建 / restart failed, starting a new client: ${String(e)}`);
        }
      }
      // A client whose start failed can be neither stopped nor restarted: replace it.
      const old = client;
      client = undefined;
      await old?.dispose().catch(() => undefined);
      await startClient();
    }),
  );

  await startClient();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  // dispose = stop (shutdown + exit, the process killed if it hangs); a client that never
  // started has nothing to stop.
  await c?.dispose().catch(() => undefined);
}

/**
 * The `unres` section as plain data, in the shape the server reads (server/src/settings.ts):
 * each known key read explicitly, so that what goes over the wire is JSON and not a
 * WorkspaceConfiguration proxy. Keys the user has not set come with their manifest defaults.
 */
function readSettings(): {
  corpus: { builtin: boolean | undefined; paths: string[] | undefined };
  echo: { threshold: number | undefined; verbatimSeverity: string | undefined; changedSeverity: string | undefined };
} {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    corpus: {
      builtin: config.get<boolean>('corpus.builtin'),
      paths: config.get<string[]>('corpus.paths'),
    },
    echo: {
      threshold: config.get<number>('echo.threshold'),
      verbatimSeverity: config.get<string>('echo.verbatimSeverity'),
      changedSeverity: config.get<string>('echo.changedSeverity'),
    },
  };
}
