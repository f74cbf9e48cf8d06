// The VS Code workbench in Chromium, as a user drives it: keys, clicks and what is on screen.
// Selectors are VS Code internals, which is why code-server's version is pinned (pins.json).
import type { Locator, Page } from 'playwright-core';
import { sleep } from './codeServer';

/** Monaco writes spaces as no-break spaces. */
export const screenText = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ');

export class Workbench {
  constructor(readonly page: Page) {}

  async ready(timeoutMs = 90000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    // The explorer shows the folder once the workbench has loaded it.
    await this.page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: timeoutMs });
  }

  /** Quick Open (Ctrl+P) the file `name` and wait for its editor. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15000 });
    await input.fill(name);
    // Wait for the file to be listed before accepting, or Enter may pick nothing.
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab[aria-label*="${name}"]`).waitFor({ timeout: 15000 });
    await this.editor.locator('.view-lines').waitFor({ timeout: 15000 });
  }

  get editor(): Locator {
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  /** The editor's first visual line that shows `text` (a wrapped line is several visual lines). */
  viewLine(text: string): Locator {
    return this.editor.locator('.view-line', { hasText: text }).first();
  }

  /** The text of the visible lines, top to bottom, wrapped lines joined. */
  async lines(): Promise<string[]> {
    const rows = await this.editor.locator('.view-line').evaluateAll((els) =>
      els.map((el) => ({ top: parseFloat((el as unknown as { style: { top: string } }).style.top), text: el.textContent ?? '' })),
    );
    return rows.sort((a, b) => a.top - b.top).map((r) => screenText(r.text));
  }

  /** Puts the cursor on the visual line showing `text`, at that text's start. */
  async clickOn(text: string): Promise<void> {
    const line = this.viewLine(text);
    await line.waitFor({ timeout: 15000 });
    const box = (await line.boundingBox())!;
    await this.page.mouse.click(box.x + 2, box.y + box.height / 2);
    await sleep(100);
  }

  /** Runs a command by its title from the Command Palette (F1). */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15000 });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
    await this.page.keyboard.press('Enter');
  }

  /** Waits for `locator` to show text matching `pattern` and returns that text. */
  async textOf(locator: Locator, pattern: RegExp, timeoutMs = 20000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      if ((await locator.count()) > 0) {
        last = screenText(await locator.first().innerText().catch(() => ''));
        if (pattern.test(last)) return last;
      }
      await sleep(200);
    }
    throw new Error(`no ${pattern} within ${timeoutMs} ms; last seen: ${JSON.stringify(last.slice(0, 500))}`);
  }

  /** Does some element of `decorations` sit on the visual line `line`? */
  async decorated(line: Locator, decorations: Locator): Promise<boolean> {
    // Monaco re-renders lines as it goes: a line found a moment ago may be replaced by a new one.
    let box = await line.boundingBox();
    for (let tries = 0; !box && tries < 25; tries++) {
      await sleep(200);
      box = await line.boundingBox();
    }
    if (!box) throw new Error('the line is not on screen');
    for (const d of await decorations.all()) {
      const b = await d.boundingBox();
      if (b && b.y < box.y + box.height && b.y + b.height > box.y) return true;
    }
    return false;
  }
}
