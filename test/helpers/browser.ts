// Launches the system Chromium through playwright-core for page tests. No browser download:
// CI installs Debian's chromium; elsewhere a missing browser skips the tests with a message.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** `$CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The reason to skip browser tests, or `false` when Chromium is there. Under `CI=true` a missing
 * browser throws instead: CI must never pass by skipping.
 *
 * @example describe('inbox page', { skip: browserSkipReason() }, () => { ... })
 */
export function browserSkipReason(): string | false {
  if (existsSync(chromiumPath)) return false;
  const message = `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`;
  if (process.env.CI === 'true') throw new Error(message);
  return message;
}

export interface BrowserSession {
  context: BrowserContext;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile in a temp folder; `close()` removes it. */
export async function launchBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'alisms-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
      // Times in the page are local: pin the zone so screenshots and assertions are stable.
      timezoneId: 'Asia/Shanghai',
      locale: 'en-GB',
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
