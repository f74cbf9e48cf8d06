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
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
