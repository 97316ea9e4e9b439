import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserSession, browserSkipReason, launchBrowser } from '../../../test/helpers/browser.js';
import { MemoryStore, smsMessage } from '../../../test/helpers/memory-store.js';
import { repoRoot } from '../../../test/helpers/spec.js';
import { createEmulator } from '../src/emulator.js';
import type { StoredMessage } from '../src/store/types.js';

/** The inbox and the real inspection API over a store we control (no delivery simulation). */
async function startHarness(store: MemoryStore) {
  const emulator = createEmulator({ store, delivery: false });
  const server = createServer((req, res) => {
    void emulator.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/_emulator/`,
    close: async () => {
      await emulator.close();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function artifacts(): string {
  const dir = join(repoRoot, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

function mail(overrides: Partial<StoredMessage> & { html?: string } = {}): StoredMessage {
  const { html = '<h1 id="mail-marker">Welcome aboard</h1><p style="color:#c00">Your code is 834201</p>', ...rest } =
    overrides;
  return smsMessage({
    product: 'mail',
    action: 'SingleSendMail',
    to: 'alice@example.com',
    toKey: 'alice@example.com',
    content: 'Welcome to Example',
    code: '834201',
    segments: 1,
    envId: '600000123456789',
    signName: undefined as unknown as string,
    mail: {
      from: 'noreply@mail.example.com',
      fromAlias: 'Example',
      subject: 'Welcome to Example',
      htmlBody: html,
      textBody: 'Your code is 834201',
    },
    ...rest,
  });
}

describe('inbox page in Chromium', { skip: browserSkipReason() }, () => {
  let browser: BrowserSession;
  let store: MemoryStore;
  let harness: Awaited<ReturnType<typeof startHarness>>;

  before(async () => {
    browser = await launchBrowser();
    store = new MemoryStore();
    harness = await startHarness(store);
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });

  async function open(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage(viewport);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(harness.url);
    await page.locator('#live[data-state="live"]').waitFor();
    (page as Page & { errors?: string[] }).errors = errors;
    return page;
  }

  it('shows the empty state with a hint when there are no messages', async () => {
    await store.clear();
    const page = await open({ width: 900, height: 500 });
    assert.equal(await page.locator('#empty').isVisible(), true);
    assert.match(String(await page.locator('#empty').textContent()), /testid/);
    assert.match(
      String(await page.locator('#hint-command').textContent()),
      /alisms send --endpoint http:\/\/127\.0\.0\.1:\d+ --to/,
    );
    await page.screenshot({ path: join(artifacts(), 'inbox-empty.png') });
    assert.match(String(await page.locator('#origin').textContent()), /^http:\/\/127\.0\.0\.1:\d+$/);
    await page.close();
  });

  it('groups messages by number and address, newest conversation first, with unread badges', async () => {
    await store.clear();
    await store.add(smsMessage({ to: '13800138000', toKey: '8613800138000', code: '111111', sentAt: minutesAgo(9) }));
    await store.add(
      smsMessage({ to: '+8613800138000', toKey: '8613800138000', code: '222222', sentAt: minutesAgo(8) }),
    );
    await store.add(
      smsMessage({
        to: '13900139000',
        toKey: '8613900139000',
        code: '333333',
        sentAt: minutesAgo(7),
        status: 'delivered',
        errCode: 'DELIVERED',
        segments: 2,
      }),
    );
    await store.add(mail({ sentAt: minutesAgo(6) }));
    const page = await open();
    const convs = page.locator('.conv');
    assert.equal(await convs.count(), 3);
    assert.deepEqual(await page.locator('.conv .conv-to').allInnerTexts(), [
      'alice@example.com',
      '13900139000',
      '+8613800138000',
    ]);
    // The newest conversation opens by itself; the others keep their unread counts.
    assert.equal(await convs.nth(0).getAttribute('aria-current'), 'true');
    assert.equal(String(await convs.nth(2).locator('.badge').textContent()), '2');
    await convs.nth(2).click();
    await page.locator('.thread-head h2', { hasText: '+8613800138000' }).waitFor();
    assert.equal(await page.locator('.bubble').count(), 2);
    assert.deepEqual(await page.locator('.bubble mark.code-inline').allInnerTexts(), ['111111', '222222']);
    assert.equal(await page.locator('.bubble .copy').first().getAttribute('aria-label'), 'Copy code 111111');
    assert.equal(await convs.nth(2).locator('.badge').count(), 0, 'opening a conversation marks it read');
    await convs.nth(1).click();
    assert.match(String(await page.locator('.bubble .meta').textContent()), /Delivered[\s\S]*2 segments/);
    assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
    await page.close();
  });

  it('adds a message sent while the page is open and updates its status live', async () => {
    await store.clear();
    const page = await open();
    const m = smsMessage({
      to: '13700137000',
      toKey: '8613700137000',
      code: '909090',
      sentAt: new Date().toISOString(),
    });
    await store.add(m);
    const bubble = page.locator(`.bubble[data-id="${m.id}"]`);
    await bubble.waitFor();
    assert.equal(await bubble.locator('.status').getAttribute('data-status'), 'waiting');
    await store.update(m.id, {
      status: 'failed',
      errCode: 'MOBILE_NOT_ON_SERVICE',
      receivedAt: new Date().toISOString(),
    });
    await bubble.locator('.status[data-status="failed"]').waitFor();
    assert.match(String(await bubble.locator('.status').textContent()), /Failed · MOBILE_NOT_ON_SERVICE/);
    const other = smsMessage({ to: '13600136000', toKey: '8613600136000', sentAt: new Date().toISOString() });
    await store.add(other);
    await page.locator('.conv[data-key="8613600136000"] .badge', { hasText: '1' }).waitFor();
    await page.close();
  });

  it('filters by number, code and content; shows a no-match hint', async () => {
    await store.clear();
    await store.add(smsMessage({ to: '13800138000', toKey: '8613800138000', code: '424242', sentAt: minutesAgo(3) }));
    await store.add(smsMessage({ to: '13900139000', toKey: '8613900139000', code: '515151', sentAt: minutesAgo(2) }));
    await store.add(mail({ sentAt: minutesAgo(1) }));
    const page = await open();
    const search = page.getByLabel('Search messages');
    const shown = () => page.locator('.conv .conv-to').allInnerTexts();
    await search.fill('424242');
    assert.deepEqual(await shown(), ['13800138000']);
    await search.fill('+86 139 0013');
    assert.deepEqual(await shown(), ['13900139000']);
    await search.fill('WELCOME');
    assert.deepEqual(await shown(), ['alice@example.com']);
    await search.fill('nothing like this');
    assert.deepEqual(await shown(), []);
    assert.equal(await page.locator('#no-match').isVisible(), true);
    await search.fill('');
    assert.equal((await shown()).length, 3);
    await page.close();
  });

  it('clears everything with the Clear button, only after a confirmation', async () => {
    await store.clear();
    await store.add(smsMessage({ sentAt: minutesAgo(1) }));
    const page = await open();
    assert.equal(await page.locator('.conv').count(), 1);
    await page.getByRole('button', { name: 'Clear all' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete all messages?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(store.list().length, 1, 'cancel keeps every message');
    assert.equal(await page.locator('.conv').count(), 1);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await dialog.getByRole('button', { name: 'Clear all' }).click();
    await page.locator('#empty').waitFor({ state: 'visible' });
    assert.equal(await page.locator('.conv').count(), 0);
    assert.equal(store.list().length, 0);
    await page.close();
  });

  it('previews mail HTML only inside a sandboxed srcdoc iframe', async () => {
    await store.clear();
    await store.add(mail({ sentAt: minutesAgo(1) }));
    const page = await open();
    const frame = page.locator('iframe.mail-frame');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('sandbox'), '');
    assert.match((await frame.getAttribute('srcdoc')) ?? '', /mail-marker/);
    assert.equal(await page.locator('#mail-marker').count(), 0, 'the mail HTML is not part of the page');
    assert.equal(
      String(await page.frameLocator('iframe.mail-frame').locator('#mail-marker').textContent()),
      'Welcome aboard',
    );
    const head = String(await page.locator('.mail-head').textContent());
    assert.match(head, /Example <noreply@mail\.example\.com>/);
    assert.match(head, /alice@example\.com/);
    assert.equal(String(await page.locator('.mail-subject').textContent()), 'Welcome to Example');
    await page.getByRole('tab', { name: 'Text' }).click();
    assert.equal(await page.getByRole('tabpanel').filter({ hasText: 'Your code is 834201' }).isVisible(), true);
    assert.equal(await frame.isVisible(), false, 'only the selected tab is shown');
    await page.close();
  });

  it('shows a mail’s BCC list, template, headers and options, attachment links, and an SMS’s conversion', async () => {
    await store.clear();
    await store.add(
      mail({
        sentAt: minutesAgo(2),
        mail: {
          from: 'noreply@mail.example.com',
          subject: 'Invoice',
          textBody: 'Attached',
          bccAddress: ['audit@example.com', 'boss@example.com'],
          templateId: '415366',
          headers: { 'X-User-Order': 'A-1001' },
          options: { IpPoolId: 'pool-1' },
          attachments: [
            { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('hi').toString('base64') },
            { filename: 'big.pdf', url: 'https://files.example.com/big.pdf' },
          ],
        },
      }),
    );
    await store.add(
      smsMessage({
        to: '13800138009',
        toKey: '8613800138009',
        sentAt: minutesAgo(1),
        conversion: { delivered: true, conversionTime: minutesAgo(1) },
      }),
    );
    const page = await open();
    await page.locator('.conv', { hasText: 'alice@example.com' }).click();
    const head = String(await page.locator('.mail-head').textContent());
    assert.match(head, /Bccaudit@example\.com, boss@example\.com/);
    assert.match(head, /Template415366/);
    const headers = page.locator('details.mail-headers');
    await headers.locator('summary').click();
    assert.match(String(await headers.textContent()), /X-User-OrderA-1001IpPoolIdpool-1/);
    const links = page.locator('ul.attachments a');
    assert.deepEqual(await links.allTextContents(), ['a.txt', 'big.pdf']);
    await page.locator('.conv', { hasText: '13800138009' }).click();
    assert.equal(await page.locator('.conversion[data-conversion="true"]').textContent(), 'Converted');
    assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
    await page.close();
  });

  it('renders hostile content and params as text (XSS is inert)', async () => {
    await store.clear();
    const evil = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
    await store.add(
      smsMessage({
        to: '13800138000',
        toKey: '8613800138000',
        content: `【测试】${evil} 123456`,
        code: '123456',
        params: { code: '123456', name: evil },
        signName: evil,
        sentAt: minutesAgo(2),
      }),
    );
    await store.add(
      mail({
        to: 'x@example.com',
        toKey: 'x@example.com',
        sentAt: minutesAgo(1),
        html: '<script>parent.__xss=3</script><img src=x onerror="parent.__xss=4"><p id="mail-marker">hi</p>',
        mail: {
          from: evil,
          subject: evil,
          htmlBody: `<script>parent.__xss=3</script><img src=x onerror="parent.__xss=4">`,
        },
      }),
    );
    const page = await open();
    await page.locator('.mail-subject').waitFor();
    assert.equal(String(await page.locator('.mail-subject').textContent()), evil);
    await page.locator('.conv[data-key="8613800138000"]').click();
    const content = page.locator('.bubble .content');
    await content.waitFor();
    assert.match(String(await content.textContent()), /<script>window\.__xss=1<\/script><img src=x onerror=/);
    assert.equal(await page.locator('.bubble script, .bubble img, .mail-subject img').count(), 0);
    await page.getByLabel('Search messages').fill('onerror');
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    await page.close();
  });

  it('works in a narrow window: list first, then the conversation with a back button', async () => {
    await store.clear();
    await store.add(smsMessage({ to: '13800138000', toKey: '8613800138000', code: '778899', sentAt: minutesAgo(1) }));
    const page = await open({ width: 380, height: 720 });
    assert.equal(await page.locator('.sidebar').isVisible(), true);
    assert.equal(await page.locator('#thread').isVisible(), false);
    await page.locator('.conv').first().click();
    await page.locator('.bubble').waitFor();
    assert.equal(await page.locator('.sidebar').isVisible(), false);
    await page.getByRole('button', { name: 'Back to conversations' }).click();
    assert.equal(await page.locator('.sidebar').isVisible(), true);
    await page.close();
  });

  it('keeps a screenshot of a realistic inbox as a test artifact', async () => {
    await store.clear();
    await store.add(
      smsMessage({
        to: '13800138000',
        toKey: '8613800138000',
        code: '482913',
        sentAt: minutesAgo(30),
        status: 'delivered',
        errCode: 'DELIVERED',
      }),
    );
    await store.add(
      smsMessage({
        to: '+85291234567',
        toKey: '85291234567',
        product: 'intl',
        action: 'SendMessageToGlobe',
        content: 'Your Example code is 551203. It expires in 5 minutes.',
        code: '551203',
        messageId: '1008030300000001',
        signName: undefined as unknown as string,
        templateCode: undefined as unknown as string,
        sentAt: minutesAgo(20),
        status: 'failed',
        errCode: 'MOBILE_NOT_ON_SERVICE',
      }),
    );
    await store.add(mail({ sentAt: minutesAgo(10), status: 'delivered' }));
    await store.add(
      smsMessage({ to: '13800138000', toKey: '8613800138000', code: '907154', sentAt: minutesAgo(1), segments: 1 }),
    );
    const page = await open();
    await page.locator('.conv[data-key="8613800138000"]').click();
    await page.locator('.bubble').nth(1).waitFor();
    const dir = artifacts();
    await page.screenshot({ path: join(dir, 'inbox.png'), fullPage: true });
    await page.locator('.conv[data-key="alice@example.com"]').click();
    await page.frameLocator('iframe.mail-frame').locator('#mail-marker').waitFor();
    await page.screenshot({ path: join(dir, 'inbox-mail.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('.conv[data-key="8613800138000"]').click();
    await page.screenshot({ path: join(dir, 'inbox-dark.png') });
    await page.setViewportSize({ width: 380, height: 720 });
    await page.screenshot({ path: join(dir, 'inbox-narrow.png') });
    await page.close();
  });
});
