// Debian's Chromium, headless, driven by playwright-core, with the flags of
// /work/shared/docs/VSCODE-E2E.md: a fresh profile, and nothing that reaches the network by itself.
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM } from './codeServer';

export async function launchChromium(profile: string): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profile, {
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
}
