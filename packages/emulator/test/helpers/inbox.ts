// Shared set-up of the inbox's Chromium tests: a real emulator with a manual clock, receipts and
// SmsUp replies captured in memory, screenshots of each view in light and dark, desktop and phone.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from 'alisms';
import type { Page } from 'playwright-core';
import type { BrowserSession } from '../../../../test/helpers/browser.js';
import { codeSmsParams } from '../../../../test/helpers/emulator.js';
import { repoRoot } from '../../../../test/helpers/spec.js';
import { type RunningEmulator, startEmulator } from '../../src/index.js';
import { ManualScheduler } from '../../src/receipts/index.js';
import { callAliyun } from '../../src/testing/signed-request.js';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface InboxHarness {
  running: RunningEmulator;
  clock: ManualClock;
  scheduler: ManualScheduler;
  /** Every receipt and SmsUp the emulator pushed: `{ url, body }`. */
  pushed: Array<{ url: string; body: unknown }>;
  sendSms(to: string, code: string): Promise<void>;
  sendMail(to: string, subject: string, htmlBody: string): Promise<void>;
}

/** An emulator whose carrier waits an hour (tests settle messages by hand) and whose pushes stay in memory. */
export async function startInboxHarness(): Promise<InboxHarness> {
  const clock = new ManualClock(Date.now());
  const scheduler = new ManualScheduler(clock);
  const pushed: Array<{ url: string; body: unknown }> = [];
  const running = await startEmulator({
    clock,
    config: {
      flowControl: { enabled: false },
      receipts: { delay: '1 h', pushUrl: 'http://127.0.0.1:9/receipt', upPushUrl: 'http://127.0.0.1:9/sms-up' },
    },
    delivery: {
      scheduler,
      post: async (url, body) => {
        pushed.push({ url, body });
        return { ok: true, status: 200 };
      },
    },
  });
  const ok = (status: number, text: string) => {
    if (status !== 200) throw new Error(`the emulator answered ${status}: ${text}`);
  };
  return {
    running,
    clock,
    scheduler,
    pushed,
    async sendSms(to, code) {
      const res = await callAliyun(running.url, {
        now: clock.now(),
        action: 'SendSms',
        params: codeSmsParams(to, code),
      });
      ok(res.status, res.text);
    },
    async sendMail(to, subject, htmlBody) {
      const res = await callAliyun(running.url, {
        now: clock.now(),
        action: 'SingleSendMail',
        version: '2015-11-23',
        params: {
          AccountName: 'noreply@mail.example.com',
          FromAlias: '示例商城',
          AddressType: '1',
          ReplyToAddress: 'false',
          ToAddress: to,
          Subject: subject,
          HtmlBody: htmlBody,
        },
      });
      ok(res.status, res.text);
    },
  };
}

/** Opens the inbox and waits for the live stream; page errors are collected on `page.errors`. */
export async function openInbox(
  browser: BrowserSession,
  url: string,
  viewport = DESKTOP,
): Promise<Page & { errors: string[] }> {
  const page = (await browser.newPage(viewport)) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(`${url}/_emulator/`);
  await page.locator('#live[data-state="live"]').waitFor();
  return page;
}

/** test-artifacts/inbox (git-ignored), created on first use. */
export function artifactsDir(): string {
  const dir = join(repoRoot, 'test-artifacts', 'inbox');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Saves `name` in light and dark at desktop and phone width (test-artifacts/inbox/NAME-SCHEME-WIDTH.png).
 * `prepare` runs after each change (re-open a dialog, re-select a conversation on the phone).
 */
export async function shootViews(page: Page, name: string, prepare?: () => Promise<void>): Promise<void> {
  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await prepare?.();
      await page.screenshot({ path: join(artifactsDir(), `${name}-${scheme}-${width}.png`) });
    }
  }
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: 'light' });
}
