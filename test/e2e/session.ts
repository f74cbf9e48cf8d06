// What both VS Code suites run in: a scratch folder, code-server started in it (codeServer.ts) and
// Debian's Chromium on it, headless, driven by playwright-core, with the flags of
// /work/shared/docs/VSCODE-E2E.md (a fresh profile, nothing that reaches the network by itself).
// close() ends whatever of it was started and removes the folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, CodeServer, Install, StartOptions, within } from './codeServer';

export class Session {
  readonly scratch: string;
  server?: CodeServer;
  context?: BrowserContext;

  constructor(prefix: string) {
    this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  /** Starts code-server, then Chromium, and gives its page (still blank). */
  async start(install: Install, options: StartOptions): Promise<Page> {
    this.server = await CodeServer.start(install, this.scratch, options);
    const { chromium } = await import('playwright-core');
    this.context = await chromium.launchPersistentContext(path.join(this.scratch, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60000,
      viewport: { width: 1280, height: 760 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    return this.context.pages()[0] ?? (await this.context.newPage());
  }

  async close(): Promise<void> {
    await within(this.context?.close() ?? Promise.resolve(), 20000).catch(() => undefined);
    await this.server?.stop();
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }
}
