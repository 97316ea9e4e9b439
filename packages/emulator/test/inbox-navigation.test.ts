// Issue 14 in Chromium, against the real emulator: paging through the whole store, the keyboard,
// the per-mail remote images toggle, the empty state's copy button; screenshots of each view.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type BrowserSession, browserSkipReason, launchBrowser } from '../../../test/helpers/browser.js';
import type { StoredMessage } from '../src/index.js';
import { type InboxHarness, openInbox, PHONE, shootViews, startInboxHarness } from './helpers/inbox.js';

function sms(n: number, sentAt: number): StoredMessage {
  const to = `139${String(n).padStart(8, '0')}`;
  return {
    id: `00${String(n).padStart(8, '0')}`,
    product: 'sms',
    action: 'SendSms',
    to,
    toKey: `86${to}`,
    signName: '阿里云短信测试',
    content: `【阿里云短信测试】您的验证码是 ${String(100000 + n)}，5 分钟内有效。`,
    code: String(100000 + n),
    segments: 1,
    status: 'waiting',
    sentAt: new Date(sentAt + n * 1000).toISOString(),
  };
}

describe('inbox navigation in Chromium', { skip: browserSkipReason() }, () => {
  let browser: BrowserSession;
  let h: InboxHarness;
  let images: Server;
  let imageHits = 0;
  const store = () => h.running.emulator.store;

  before(async () => {
    browser = await launchBrowser();
    h = await startInboxHarness();
    // A loopback "remote" image host: counts what the mail preview fetches.
    images = createServer((_req, res) => {
      imageHits += 1;
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#ff6a00"/></svg>',
      );
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await browser?.close();
    await h?.running.close();
    images?.closeAllConnections();
    await new Promise((resolve) => images?.close(resolve));
  });
  beforeEach(async () => {
    await store().clear();
    imageHits = 0;
  });

  it('pages through everything the store keeps: "Load older messages", then scrolling to the end', async () => {
    const total = 450;
    const start = h.clock.now() - total * 1000;
    for (let n = 1; n <= total; n++) await store().add(sms(n, start));
    const page = await openInbox(browser, h.running.url);
    const convs = page.locator('.conv');
    await convs.nth(199).waitFor();
    assert.equal(await convs.count(), 200, 'the first page holds 200 messages');
    const older = page.getByRole('button', { name: 'Load older messages' });
    // A plain click event: a real click would scroll the button into view, which also loads (below).
    await older.dispatchEvent('click');
    await convs.nth(399).waitFor();
    assert.equal(await convs.count(), 400);
    // The rest arrives by scrolling the list to its end (the button is observed).
    await older.scrollIntoViewIfNeeded();
    await convs.nth(total - 1).waitFor();
    assert.equal(await convs.count(), total);
    await older.waitFor({ state: 'hidden' });
    assert.equal(
      await convs.last().locator('.conv-to').textContent(),
      '13900000001',
      'the oldest message is reachable',
    );
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('moves with j/k and the arrows, focuses search with /, deletes the open conversation with Delete', async () => {
    const start = h.clock.now() - 60_000;
    for (let n = 1; n <= 3; n++) await store().add(sms(n, start));
    const page = await openInbox(browser, h.running.url);
    const current = () => page.locator('.conv[aria-current="true"] .conv-to').textContent();
    await page.locator('.conv').first().waitFor();
    assert.equal(await current(), '13900000003', 'the newest conversation opens first');
    await page.keyboard.press('j');
    assert.equal(await current(), '13900000002');
    await page.keyboard.press('ArrowDown');
    assert.equal(await current(), '13900000001');
    await page.keyboard.press('j');
    assert.equal(await current(), '13900000001', 'stops at the last one');
    await page.keyboard.press('k');
    assert.equal(await current(), '13900000002');
    await page.keyboard.press('ArrowUp');
    assert.equal(await current(), '13900000003');
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
    await page.keyboard.type('j');
    assert.equal(await page.locator('#search').inputValue(), 'j', 'keys typed into search are text, not shortcuts');
    await page.locator('#search').fill('');
    await page.locator('.thread-head h2').click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete the conversation with 13900000003?' });
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.conv[data-key="8613900000003"]').waitFor({ state: 'detached' });
    assert.equal(store().list({ to: '13900000003' }).length, 0);
    assert.equal(store().list().length, 2);
    await page.close();
  });

  it('blocks remote images in mail until "Load remote images" is pressed, per message', async () => {
    const port = (images.address() as AddressInfo).port;
    await h.sendMail(
      'carol@example.com',
      '订单已发货',
      `<h1 id="mail-title">订单已发货</h1><p>您的验证码是 <b>246810</b></p><img id="logo" alt="logo" src="http://127.0.0.1:${port}/logo.svg">`,
    );
    const page = await openInbox(browser, h.running.url);
    const frame = page.frameLocator('iframe.mail-frame');
    await frame.locator('#mail-title').waitFor();
    assert.equal(imageHits, 0, 'no remote request before the toggle');
    const toggle = page.getByRole('button', { name: 'Load remote images' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const logo = page.waitForResponse((r) => r.url().endsWith('/logo.svg'));
    await toggle.click();
    assert.equal((await logo).status(), 200);
    assert.match(
      String(await page.locator('iframe.mail-frame').getAttribute('src')),
      /^api\/messages\/\d+\/html\?images=remote$/,
    );
    assert.equal(imageHits, 1, 'the image loads once the toggle is on');
    assert.equal(await page.locator('iframe.mail-frame').getAttribute('sandbox'), '', 'still sandboxed');
    // Switching back ("Block remote images") is not clicked here: Playwright trips an internal assertion when
    // a frame goes from a no-script document back to srcdoc, after the test has ended.
    await page.close();
  });

  it('copies the empty state command with its button', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await openInbox(browser, h.running.url);
    await page.locator('#empty').waitFor();
    await page.getByRole('button', { name: 'Copy command' }).click();
    await page.getByRole('button', { name: 'Copy command' }).filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(
      copied,
      /^ALIBABA_CLOUD_ACCESS_KEY_ID=testid .*alisms send --endpoint http:\/\/127\.0\.0\.1:\d+ --to 13800138000/,
    );
    await shootViews(page, 'empty');
    await page.close();
  });

  it('keeps screenshots of the inbox with SMS, international SMS and mail', async () => {
    await h.sendSms('13800138000', '482913');
    await h.sendMail(
      'alice@example.com',
      '欢迎加入示例商城',
      '<h2>欢迎！</h2><p>您的验证码是 <b>834201</b>，10 分钟内有效。</p>',
    );
    await h.sendSms('13800138000', '907154');
    const page = await openInbox(browser, h.running.url);
    await page.locator('.conv[data-key="8613800138000"]').click();
    await page.locator('.bubble').nth(1).waitFor();
    await shootViews(page, 'inbox', async () => {
      if (!(await page.locator('#thread').isVisible())) await page.locator('.conv[data-key="8613800138000"]').click();
    });
    await page.locator('.conv[data-key="alice@example.com"]').click();
    await page.frameLocator('iframe.mail-frame').locator('h2').waitFor();
    await shootViews(page, 'mail', async () => {
      if (!(await page.locator('#thread').isVisible()))
        await page.locator('.conv[data-key="alice@example.com"]').click();
    });
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Back to conversations' }).click();
    await shootViews(page, 'list', async () => {
      if (await page.getByRole('button', { name: 'Back to conversations' }).isVisible())
        await page.getByRole('button', { name: 'Back to conversations' }).click();
    });
    await page.close();
  });
});
