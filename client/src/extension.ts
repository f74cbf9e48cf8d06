// The VS Code client: a vscode-languageclient that starts the unres language server
// (dist/server.js, bundled by scripts/build.mjs) over IPC for documents of the language `unres`.
//
// Everything the editor shows of a draft (outline, links, completion, checks, quick fixes) comes
// from the server. The client starts it when the first `unres` document opens (the extension also
// activates for plain text and Markdown, to offer detection: detection.ts), passes it the `unres`
// settings (filtered for an untrusted workspace: settings.ts) and a folder for its corpus index
// cache, shows the corpus state in the status bar, and offers the commands of commands.ts. A
// server that dies is restarted (restartPolicy.ts: a few times, telling the user once).
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { watchForResolutions } from './detection';
import { Host, LANGUAGE_ID, SECTION, t } from './host';
import { RestartPolicy } from './restartPolicy';
import { effectiveCorpusPaths } from './settings';
import { CorpusProgress, CorpusProgressNotification, CorpusStatus, CorpusStatusNotification } from '../../shared/protocol';
import { statusView } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const output = vscode.window.createOutputChannel('unres', { log: true });
  context.subscriptions.push(output);

  const corpus: { status?: CorpusStatus; progress?: CorpusProgress } = {};
  const statusItem = vscode.window.createStatusBarItem('unres.corpus', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = t('unres corpus');
  statusItem.command = 'unres.showCorpusDetails';
  context.subscriptions.push(statusItem);
  /** Shown while the server runs and an `unres` document is in the active editor. */
  const refreshStatus = (): void => {
    if (!client || !corpus.status || vscode.window.activeTextEditor?.document.languageId !== LANGUAGE_ID) {
      statusItem.hide();
      return;
    }
    const view = statusView(corpus.status, corpus.progress, t);
    statusItem.text = view.text;
    statusItem.tooltip = view.tooltip;
    statusItem.backgroundColor = view.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    statusItem.show();
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(refreshStatus));

  const restarts = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: SECTION },
    // A function, so that a restart sends the settings as they are then.
    initializationOptions: () => ({ ...readSettings(), storagePath: context.globalStorageUri.fsPath }),
    outputChannel: output,
    middleware: {
      workspace: {
        // The server pulls its section with workspace/configuration: answer with the filtered
        // settings, so that an untrusted workspace's corpus paths never reach it.
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) return answer;
          return params.items.map((item, i) => (item.section === SECTION ? readSettings() : answer[i]));
        },
      },
    },
    errorHandler: {
      // As the default handler: a few bad messages are tolerated, a stream of them is not.
      error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        const decision = restarts.closed();
        if (decision.message) {
          output.warn(decision.message);
          if (decision.final) void vscode.window.showErrorMessage(decision.message);
          else void vscode.window.showWarningMessage(decision.message);
        }
        if (!decision.restart) {
          corpus.status = undefined;
          refreshStatus();
        }
        return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };

  let starting: Promise<LanguageClient | undefined> | undefined;
  const startClient = async (): Promise<LanguageClient | undefined> => {
    const c = new LanguageClient('unres', 'unres', serverOptions, clientOptions);
    client = c;
    c.onNotification(CorpusStatusNotification, (s: CorpusStatus) => {
      corpus.status = s;
      if (s.state !== 'indexing') corpus.progress = undefined;
      refreshStatus();
    });
    c.onNotification(CorpusProgressNotification, (p: CorpusProgress) => {
      corpus.progress = p;
      refreshStatus();
    });
    try {
      await c.start();
      return c;
    } catch (e) {
      // Keep the extension active so that `unres.restartServer` can try again (e.g. after a build).
      const message = t('unres: the language server did not start: {0}', String(e));
      output.error(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
  const ensureClient = (): Promise<LanguageClient | undefined> => (starting ??= startClient());

  const host: Host = {
    output,
    corpus,
    client: ensureClient,
    async restart() {
      restarts.reset();
      if (client?.isRunning()) {
        try {
          await client.restart();
          output.info(t('Language server restarted.'));
          return;
        } catch (e) {
          output.warn(t('Restart failed, starting a new client: {0}', String(e)));
        }
      }
      // A client whose start failed can be neither stopped nor restarted: replace it.
      const old = client;
      client = undefined;
      starting = undefined;
      corpus.status = undefined;
      await old?.dispose().catch(() => undefined);
      await ensureClient();
    },
  };

  registerCommands(context, host);
  watchForResolutions(context);

  // Trust granted: the workspace's corpus paths now count.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client?.isRunning()) void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
  );

  // The server starts with the first `unres` document (one may be open already).
  const startFor = (doc: vscode.TextDocument): void => {
    if (doc.languageId === LANGUAGE_ID) void ensureClient();
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startFor));
  vscode.workspace.textDocuments.forEach(startFor);
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
 * In an untrusted workspace, `corpus.paths` is the user's own setting only.
 */
function readSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    corpus: {
      builtin: config.get<boolean>('corpus.builtin'),
      paths: effectiveCorpusPaths(config.inspect<string[]>('corpus.paths'), vscode.workspace.isTrusted),
    },
    echo: {
      threshold: config.get<number>('echo.threshold'),
      verbatimSeverity: config.get<string>('echo.verbatimSeverity'),
      changedSeverity: config.get<string>('echo.changedSeverity'),
    },
    limits: {
      maxDocumentSize: config.get<number>('limits.maxDocumentSize'),
    },
    rules: config.get<Record<string, string>>('rules'),
    // Not a setting: tells the server whether the workspace's .unres.json may name corpus folders.
    workspaceTrusted: vscode.workspace.isTrusted,
  };
}
