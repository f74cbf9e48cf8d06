// code-server (VS Code in the browser) for the end-to-end test, as /work/shared/docs/VSCODE-E2E.md
// describes it: installed by scripts/e2e-setup.mjs into a cache outside node_modules, run on
// 127.0.0.1 with every folder it writes (HOME, XDG_*, TMPDIR, user data, extensions) in a scratch
// folder, in a process group of its own that is killed as a whole (its file watchers outlive a
// plain kill of the main process).
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const PINS = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/e2e/pins.json'), 'utf8')) as { codeServer: string; node: string };

export const CACHE = path.resolve(process.env.UNRES_E2E_CACHE || path.join(ROOT, '.e2e-cache'));
export const CHROMIUM = process.env.UNRES_CHROMIUM || '/usr/bin/chromium';

export interface Install {
  node: string;
  codeServer: string;
  codeServerVersion: string;
}

/** The cached install of the pinned versions, or why there is none. */
export function findInstall(): Install | string {
  const file = path.join(CACHE, 'ready.json');
  if (!fs.existsSync(file)) return `no code-server in ${CACHE}`;
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (r.codeServerVersion !== PINS.codeServer || r.nodeVersion !== PINS.node) return `${CACHE} holds code-server ${r.codeServerVersion}, not ${PINS.codeServer}`;
    if (!fs.existsSync(r.node) || !fs.existsSync(r.codeServer)) return `${CACHE} is incomplete`;
    return r as Install;
  } catch (e) {
    return `${file} is damaged (${String(e)})`;
  }
}

/** User settings that keep the workbench quiet and offline (VSCODE-E2E.md). */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'editor.wordWrap': 'on',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface StartOptions {
  /** The folder code-server opens. */
  workspace: string;
  /** A .vsix to install first. */
  vsix?: string;
  /** Options passed through to VS Code's server (`--vscode-option NAME[=VALUE]`). */
  vscodeOptions?: string[];
  /** Environment for code-server and the extension host (the scratch HOME, XDG_* and TMPDIR win). */
  env?: NodeJS.ProcessEnv;
}

/** Why the VS Code suites cannot run here, or the install they run with. */
function prerequisites(): Install | string {
  if (!fs.existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-liberation fonts-wqy-microhei, or set UNRES_CHROMIUM)`;
  const install = findInstall();
  if (typeof install === 'string') return `${install}: run \`npm run test:e2e:setup\``;
  return install;
}

/**
 * For a `before` hook: the install, else the suite is skipped with the reason (a failure when
 * UNRES_REQUIRE_E2E=1).
 */
export function requireInstall(context: Mocha.Context): Install {
  const install = prerequisites();
  if (typeof install !== 'string') return install;
  if (process.env.UNRES_REQUIRE_E2E === '1') throw new Error(`${install}; UNRES_REQUIRE_E2E=1 requires the VS Code end-to-end tests`);
  console.log(`      [skipped] ${install}. UNRES_REQUIRE_E2E=1 makes this a failure.`);
  context.skip();
}

export class CodeServer {
  private log = '';
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout!.on('data', (c: Buffer) => (this.log += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (this.log += c.toString('utf8')));
    child.once('exit', () => (this.exited = true));
    // Should the test process end without stop(): take the whole group with it.
    process.once('exit', () => this.killGroup('SIGKILL'));
  }

  /**
   * Starts code-server on `options.workspace` (after installing `options.vsix`, if given, into a
   * fresh extensions folder) and waits until it answers /healthz.
   */
  static async start(install: Install, scratch: string, options: StartOptions): Promise<CodeServer> {
    const { workspace, vsix } = options;
    const dir = (name: string) => {
      const d = path.join(scratch, name);
      fs.mkdirSync(d, { recursive: true });
      return d;
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      HOME: dir('home'),
      XDG_CONFIG_HOME: dir('xdg/config'),
      XDG_DATA_HOME: dir('xdg/data'),
      XDG_CACHE_HOME: dir('xdg/cache'),
      XDG_STATE_HOME: dir('xdg/state'),
      TMPDIR: dir('tmp'),
    };
    delete env.VSCODE_IPC_HOOK_CLI;
    const userData = dir('user-data');
    const extensions = dir('extensions');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    const common = ['--config', '/dev/null', '--user-data-dir', userData, '--extensions-dir', extensions];

    if (vsix) {
      const installed = spawnSync(install.node, [install.codeServer, ...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120000 });
      const said = `${installed.stdout}${installed.stderr}`;
      if (installed.status !== 0 || !/successfully installed/i.test(said)) {
        throw new Error(`code-server --install-extension failed (${installed.error ?? `exit ${installed.status}`}):\n${said}`);
      }
    }

    const port = await freePort();
    const child = spawn(
      install.node,
      [
        install.codeServer,
        ...common,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        ...(options.vscodeOptions ?? []).flatMap((o) => ['--vscode-option', o]),
        workspace,
      ],
      { env, cwd: workspace, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const server = new CodeServer(child, `http://127.0.0.1:${port}/`);
    try {
      await server.waitHealthy(90000);
    } catch (e) {
      await server.stop();
      throw e;
    }
    return server;
  }

  /** What code-server printed, the last `chars` of it. */
  logTail(chars = 4000): string {
    return this.log.slice(-chars);
  }

  /** Ends code-server and everything it started: SIGTERM to the group, SIGKILL after 5 s. */
  async stop(): Promise<void> {
    this.killGroup('SIGTERM');
    const deadline = Date.now() + 5000;
    while (this.groupAlive() && Date.now() < deadline) await sleep(100);
    this.killGroup('SIGKILL');
    const hard = Date.now() + 5000;
    while (this.groupAlive() && Date.now() < hard) await sleep(100);
    if (this.groupAlive()) throw new Error(`code-server's process group ${this.child.pid} survived SIGKILL`);
  }

  private killGroup(signal: NodeJS.Signals): void {
    try {
      if (this.child.pid) process.kill(-this.child.pid, signal);
    } catch {
      // Already gone.
    }
  }

  private groupAlive(): boolean {
    try {
      process.kill(-this.child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`code-server exited before it answered:\n${this.logTail()}`);
      if (await answers(`${this.url}healthz`)) return;
      await sleep(250);
    }
    throw new Error(`code-server did not answer ${this.url}healthz within ${timeoutMs} ms:\n${this.logTail()}`);
  }
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** `promise`'s value, or undefined after `ms`; the timer is cleared, so it keeps no process alive. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
