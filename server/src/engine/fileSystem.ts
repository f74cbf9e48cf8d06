// File access as the engine sees it. The server and the CLI pass in the Node implementation
// (server/src/node/nodeFileSystem.ts); tests pass in memory or failing file systems.

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtimeMs: number;
}

export interface FileSystem {
  stat(path: string): Promise<FileStat>;
  readFile(path: string): Promise<Uint8Array>;
  /** Names of the entries of a directory (not paths). */
  readDirectory(path: string): Promise<string[]>;
  join(...parts: string[]): string;
  /**
   * The canonical path (symbolic links resolved), so that a folder reached twice (a symlink to a
   * parent folder, two roots that overlap) is walked once. Optional: without it, corpus walks
   * stop at MAX_FOLDER_DEPTH instead.
   */
  realpath?(path: string): Promise<string>;
  /**
   * The text of a file that is a document (Word, PDF) rather than text, or undefined for a file
   * to decode as text (decode.ts). Rejects, with a message for the user, for a document that
   * cannot be read (password-protected, a PDF without text…). Optional: without it, documents
   * are binary files.
   */
  documentText?(path: string, bytes: Uint8Array): Promise<string | undefined>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
