// Issue 14 in Chromium, against the real emulator: delete, filters and failed marks, raw view and
// .eml, delivery outcomes, SmsUp replies and faults, each clicked through as a user would.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type BrowserSession, browserSkipReason, launchBrowser } from '../../../test/helpers/browser.js';
import type { StoredMessage } from '../src/index.js';
import { callAliyun } from '../src/testing/signed-request.js';
import { type InboxHarness, openInbox, shootViews, startInboxHarness } from './helpers/inbox.js';

describe('inbox actions in Chromium', { skip: browserSkipReason() }, () => {
  let browser: BrowserSession;
  let h: InboxHarness;
  const store = () => h.running.emulator.store;

  before(async () => {
    browser = await launchBrowser();
    h = await startInboxHarness();
  });
  after(async () => {
    await browser?.close();
    await h?.running.close();
  });
  beforeEach(async () => {
    await h.scheduler.advance(0);
    await store().clear();
    h.running.emulator.faults.clear();
    h.pushed.length = 0;
  });

  it('deletes one message, then a whole conversation after a confirmation', async () => {
    await h.sendSms('13800138000', '111111');
    await h.sendSms('13800138000', '222222');
    await h.sendSms('13900139000', '333333');
    const page = await openInbox(browser, h.running.url);
    await page.locator('.conv[data-key="8613800138000"]').click();
    const bubbles = page.locator('.bubble');
    await bubbles.nth(1).waitFor();
    await bubbles.filter({ hasText: '111111' }).getByRole('button', { name: 'Delete message' }).click();
    await bubbles.filter({ hasText: '111111' }).waitFor({ state: 'detached' });
    assert.deepEqual(
      store()
        .list({ to: '13800138000' })
        .map((m) => m.code),
      ['222222'],
    );
    await page.getByRole('button', { name: 'Delete conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the conversation with 13800138000?' });
    await dialog.waitFor();
    await shootViews(page, 'confirm-delete');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(store().list({ to: '13800138000' }).length, 1, 'cancel deletes nothing');
    await page.getByRole('button', { name: 'Delete conversation' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.locator('.conv[data-key="8613800138000"]').waitFor({ state: 'detached' });
    assert.equal(store().list({ to: '13800138000' }).length, 0);
    assert.equal(store().list().length, 1, 'the other conversation stays');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('shows deletes made through the API at once (SSE)', async () => {
    await h.sendSms('13800138000', '111111');
    const page = await openInbox(browser, h.running.url);
    await page.locator('.bubble').waitFor();
    const [m] = store().list() as [StoredMessage];
    await fetch(`${h.running.url}/_emulator/api/messages/${m.id}`, { method: 'DELETE' });
    await page.locator('#empty').waitFor({ state: 'visible' });
    await page.close();
  });

  it('marks a message delivered or failed with an error code from the page; the receipt is pushed', async () => {
    await h.sendSms('13800138000', '424242');
    await h.sendSms('13900139000', '515151');
    const page = await openInbox(browser, h.running.url);
    await page.locator('.conv[data-key="8613800138000"]').click();
    const bubble = page.locator('.bubble').filter({ hasText: '424242' });
    await bubble.getByRole('button', { name: 'Mark delivered' }).click();
    await bubble.locator('.status[data-status="delivered"]').waitFor();
    await h.scheduler.advance(0);
    assert.equal(((h.pushed.at(-1)?.body ?? []) as Array<{ err_code?: string }>)[0]?.err_code, 'DELIVERED');
    await bubble.getByText('Mark failed…').click();
    await bubble.getByLabel('Error code').fill('MOBILE_ACCOUNT_ABNORMAL');
    await bubble.getByRole('button', { name: 'Mark failed', exact: true }).click();
    await page.locator('.bubble.is-failed .status', { hasText: 'Failed · MOBILE_ACCOUNT_ABNORMAL' }).waitFor();
    await h.scheduler.advance(0);
    const receipt = ((h.pushed.at(-1)?.body ?? []) as Array<{ err_code?: string; success?: boolean }>)[0];
    assert.deepEqual([receipt?.success, receipt?.err_code], [false, 'MOBILE_ACCOUNT_ABNORMAL']);
    assert.equal(store().latest('13800138000')?.status, 'failed');
    // The list marks the failed conversation.
    await page.locator('.conv.has-failed[data-key="8613800138000"] .failed-tag', { hasText: 'Failed' }).waitFor();
    assert.equal(await page.locator('.conv[data-key="8613900139000"] .failed-tag').count(), 0);
    await shootViews(page, 'failed', async () => {
      if (!(await page.locator('#thread').isVisible())) await page.locator('.conv[data-key="8613800138000"]').click();
    });
    await page.close();
  });

  it('filters by channel and status through the API, and keeps live messages to the filter', async () => {
    await h.sendSms('13800138000', '111111');
    await h.sendSms('13900139000', '222222');
    await h.sendMail('alice@example.com', '您的验证码', '<p>验证码 <b>654321</b></p>');
    const failed = store().latest('13900139000') as StoredMessage;
    await fetch(`${h.running.url}/_emulator/api/messages/${failed.id}/delivery`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'failed', errorCode: 'MOBILE_NOT_ON_SERVICE' }),
    });
    const page = await openInbox(browser, h.running.url);
    const shown = () => page.locator('.conv .conv-to').allInnerTexts();
    assert.equal((await shown()).length, 3);
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/messages?')) requests.push(new URL(r.url()).search);
    });
    await page.getByLabel('Channel').selectOption('mail');
    // The mail is newest, so it heads the unfiltered list too: wait for the other rows to go.
    await page.locator('.conv').nth(1).waitFor({ state: 'detached' });
    assert.deepEqual(await shown(), ['alice@example.com']);
    assert.ok(
      requests.some((q) => q.includes('channel=mail')),
      'the page asks the API, it does not filter alone',
    );
    await page.getByLabel('Channel').selectOption('');
    await page.getByLabel('Status').selectOption('failed');
    await page.locator('.conv').nth(1).waitFor({ state: 'detached' });
    assert.deepEqual(await shown(), ['13900139000']);
    await page.locator('.conv.has-failed').waitFor();
    await shootViews(page, 'filter-failed');
    // A new (pending) message does not show under "failed" until it fails.
    await h.sendSms('13700137000', '777777');
    await page.getByLabel('Status').selectOption('pending');
    await page.locator('.conv[data-key="8613700137000"]').waitFor();
    assert.ok(!(await shown()).includes('13900139000'));
    await page.getByLabel('Status').selectOption('delivered');
    await page.locator('#no-match').waitFor({ state: 'visible' });
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('shows the raw exchange with the signature redacted, and downloads a mail as .eml', async () => {
    await h.sendSms('13800138000', '909090');
    await h.sendMail('bob@example.com', '欢迎注册', '<p>欢迎！验证码 <b>135790</b></p>');
    const page = await openInbox(browser, h.running.url);
    await page.locator('.conv[data-key="8613800138000"]').click();
    await page.locator('.bubble').getByRole('button', { name: 'Raw' }).click();
    const dialog = page.getByRole('dialog', { name: 'Raw exchange' });
    await dialog.getByRole('heading', { name: 'Response · HTTP 200' }).waitFor();
    const text = String(await dialog.textContent());
    assert.match(text, /POST SendSms/);
    assert.match(text, /V3 \(ACS3-HMAC-SHA256\)/);
    assert.match(text, /Signature=\[REDACTED\]/);
    assert.match(text, /PhoneNumbers13800138000/);
    assert.match(text, /"BizId": "\d+\^0"/);
    assert.doesNotMatch(text, /testsecret/);
    assert.doesNotMatch(text, /null\s*$/, 'no stray "null" under an SMS raw view');
    await shootViews(page, 'raw', async () => {
      if (!(await dialog.isVisible())) await page.locator('.bubble').getByRole('button', { name: 'Raw' }).click();
    });
    await dialog.getByRole('button', { name: 'Close raw view' }).click();
    await page.locator('.conv[data-key="bob@example.com"]').click();
    const download = page.waitForEvent('download');
    await page.locator('.mail').getByRole('link', { name: 'Download .eml' }).click();
    const file = await (await download).path();
    const eml = readFileSync(file, 'utf8');
    assert.match(eml, /^From: =\?UTF-8\?B\?[^?]+\?= <noreply@mail\.example\.com>\r\nTo: bob@example\.com\r\n/);
    assert.ok(eml.includes(Buffer.from('<p>欢迎！验证码 <b>135790</b></p>').toString('base64')));
    await page.close();
  });

  it('pushes a simulated reply (SmsUp) from the conversation', async () => {
    await h.sendSms('13800138000', '111111');
    const page = await openInbox(browser, h.running.url);
    await page.getByLabel('Reply from 13800138000').fill('TD');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('#notice', { hasText: 'Reply pushed (SmsUp)' }).waitFor();
    const up = h.pushed.find((p) => p.url.endsWith('/sms-up'));
    const [item] = (up?.body ?? []) as Array<{ phone_number: string; content: string; sign_name?: string }>;
    assert.deepEqual([item?.phone_number, item?.content, item?.sign_name], ['13800138000', 'TD', '阿里云短信测试']);
    assert.equal(await page.getByLabel('Reply from 13800138000').inputValue(), '');
    await page.close();
  });

  it('adds and removes faults from the page; active faults show in a banner', async () => {
    await h.sendSms('13800138000', '111111');
    const page = await openInbox(browser, h.running.url);
    assert.equal(await page.locator('#faults-banner').isVisible(), false);
    await page.getByRole('button', { name: 'Faults' }).click();
    const dialog = page.getByRole('dialog', { name: 'Faults' });
    await dialog.getByText('No fault is active').waitFor();
    await dialog.getByLabel('Action').selectOption('SendSms');
    await dialog.getByLabel('Kind').selectOption('http5xx');
    await dialog.getByLabel('Count').fill('1');
    await dialog.getByRole('button', { name: 'Add fault' }).click();
    await dialog.locator('[data-fault]', { hasText: 'SendSms: HTTP 5xx · 1 left' }).waitFor();
    await dialog.getByLabel('Action').selectOption('*');
    await dialog.getByLabel('Kind').selectOption('latency');
    await dialog.getByLabel('Milliseconds').fill('1500');
    await dialog.getByLabel('Count').fill('');
    await dialog.getByRole('button', { name: 'Add fault' }).click();
    await dialog.locator('[data-fault]', { hasText: 'Any action: Latency · 1500 ms · every call' }).waitFor();
    assert.deepEqual(
      h.running.emulator.faults.list().map((f) => [f.action, f.kind, f.remaining, f.ms]),
      [
        ['SendSms', 'http5xx', 1, undefined],
        ['*', 'latency', undefined, 1500],
      ],
    );
    await shootViews(page, 'faults', async () => {
      if (!(await dialog.isVisible())) await page.getByRole('button', { name: /^Faults/ }).click();
    });
    await dialog.getByRole('button', { name: 'Close faults' }).click();
    const banner = page.locator('#faults-banner');
    assert.match(
      String(await banner.textContent()),
      /2 faults active: SendSms: HTTP 5xx · 1 left; Any action: Latency/,
    );
    assert.equal(await page.getByRole('button', { name: 'Faults (2)' }).getAttribute('data-active'), 'true');
    await shootViews(page, 'faults-banner');
    // The fault is real: the next SendSms gets a 503.
    const res = await callAliyun(h.running.url, {
      action: 'SendSms',
      now: h.clock.now(),
      params: { PhoneNumbers: '13800138000', SignName: '阿里云短信测试', TemplateCode: 'SMS_154950909' },
    });
    assert.equal(res.status, 503);
    await banner.getByRole('button', { name: 'Manage' }).click();
    await dialog.getByRole('button', { name: /^Remove fault Any action/ }).click();
    await dialog.getByText('No fault is active').waitFor();
    await dialog.getByRole('button', { name: 'Close faults' }).click();
    await banner.waitFor({ state: 'hidden' });
    assert.deepEqual(h.running.emulator.faults.list(), []);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('refuses a bad fault in the form, and says why when the API cannot show a raw exchange', async () => {
    const page = await openInbox(browser, h.running.url);
    await page.getByRole('button', { name: 'Faults' }).click();
    const dialog = page.getByRole('dialog', { name: 'Faults' });
    await dialog.getByLabel('Count').fill('0');
    await dialog.getByRole('button', { name: 'Add fault' }).click();
    assert.equal(await dialog.getByLabel('Count').evaluate((el) => (el as HTMLInputElement).validity.valid), false);
    assert.deepEqual(h.running.emulator.faults.list(), [], 'nothing reached the API');
    await dialog.getByRole('button', { name: 'Close faults' }).click();
    // A message from an older data file has no raw exchange: the dialog says so instead of showing nothing.
    await store().add({
      id: '0000090000',
      product: 'sms',
      action: 'SendSms',
      to: '13600136000',
      toKey: '8613600136000',
      content: '【阿里云短信测试】验证码 5555',
      segments: 1,
      status: 'waiting',
      sentAt: new Date(h.clock.now()).toISOString(),
    });
    await page.locator('.bubble').getByRole('button', { name: 'Raw' }).click();
    await page
      .getByRole('dialog', { name: 'Raw exchange' })
      .getByText('no raw exchange kept for this message')
      .waitFor();
    await page.close();
  });
});
