// What the command and detection modules need of the extension: the language client (started on
// demand), the output channel and the corpus state last announced. extension.ts implements it.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CorpusProgress, CorpusStatus, Translate } from './status';

export const LANGUAGE_ID = 'unres';
/** The settings section, the same as the language id. */
export const SECTION = 'unres';

export interface Host {
  readonly output: vscode.LogOutputChannel;
  /** The running client, started first if need be; undefined when the server cannot start. */
  client(): Promise<LanguageClient | undefined>;
  /** The corpus as the server last announced it, if it has. */
  readonly corpus: { status?: CorpusStatus; progress?: CorpusProgress };
  /** Stops the server (if it runs) and starts it again. */
  restart(): Promise<void>;
}

/** The client's strings, through vscode.l10n (l10n/bundle.l10n.*.json). */
export const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
