// When the language server process dies, the client starts it again: up to `maxRestarts` times
// within `windowMs`, then it gives up. The user is told once, the first time (in both languages),
// and once more, clearly, when the client gives up. Pure (no vscode), so that a unit test can
// check it: client/src/extension.ts turns its decisions into vscode-languageclient's
// CloseAction and messages.

export interface RestartDecision {
  restart: boolean;
  /** What to tell the user now, if anything. */
  message?: string;
  /** Whether `message` is an error (the client gave up) rather than a notice. */
  final?: boolean;
}

export interface RestartPolicyOptions {
  maxRestarts?: number;
  windowMs?: number;
  now?: () => number;
}

export const DEFAULT_MAX_RESTARTS = 4;
export const DEFAULT_WINDOW_MS = 3 * 60_000;

export class RestartPolicy {
  private readonly maxRestarts: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  /** When the restarts within the window happened. */
  private restarts: number[] = [];
  private told = false;
  private gaveUp = false;

  constructor(opts: RestartPolicyOptions = {}) {
    this.maxRestarts = opts.maxRestarts ?? DEFAULT_MAX_RESTARTS;
    this.windowMs = opts.windowMs ?? DEFAULT_WINDOW_MS;
    this.now = opts.now ?? Date.now;
  }

  /** The server's connection closed without the client asking it to: restart or not. */
  closed(): RestartDecision {
    const t = this.now();
    this.restarts = this.restarts.filter((r) => t - r < this.windowMs);
    if (this.restarts.length >= this.maxRestarts) {
      const first = !this.gaveUp;
      this.gaveUp = true;
      return {
        restart: false,
        final: true,
        message: first
          ? `unres: 语言服务器在 ${Math.round(this.windowMs / 60_000)} 分钟内崩溃了 ${this.restarts.length + 1} 次，不再重启。` +
            ` The unres language server crashed ${this.restarts.length + 1} times in ${Math.round(this.windowMs / 60_000)} minutes and will not be restarted.` +
            ' 详见输出 See the output; run "unres: Restart Language Server / 重启语言服务器" to try again.'
          : undefined,
      };
    }
    this.restarts.push(t);
    if (this.told) return { restart: true };
    this.told = true;
    return {
      restart: true,
      message: 'unres: 语言服务器意外退出，正在重启。The unres language server stopped unexpectedly and is being restarted — see the output.',
    };
  }

  /** A restart the user asked for: forget the crashes so far. */
  reset(): void {
    this.restarts = [];
    this.gaveUp = false;
  }
}
