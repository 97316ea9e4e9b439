// The inbox against the real emulator: the SDK sends, the page (in Chromium) shows it live.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MailClient, ManualClock, SmsClient } from 'alisms';
import { type BrowserSession, browserSkipReason, launchBrowser } from '../../../test/helpers/browser.js';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { ManualScheduler } from '../src/receipts/index.js';

describe('inbox page with the emulator', { skip: browserSkipReason() }, () => {
  let browser: BrowserSession;
  let running: RunningEmulator;
  let scheduler: ManualScheduler;
  let sms: SmsClient;
  let mail: MailClient;

  before(async () => {
    browser = await launchBrowser();
    const clock = new ManualClock(Date.now());
    scheduler = new ManualScheduler(clock);
    running = await startEmulator({
      clock,
      config: { flowControl: { enabled: false }, receipts: { delay: '1 s' } },
      delivery: { scheduler },
    });
    const options = { accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: running.url };
    sms = new SmsClient(options);
    mail = new MailClient(options);
  });
  after(async () => {
    sms?.close();
    mail?.close();
    await browser?.close();
    await running?.close();
  });

  it('is served at /_emulator/ (and /_emulator redirects there)', async () => {
    const res = await fetch(`${running.url}/_emulator`, { redirect: 'manual' });
    assert.equal(res.status, 308);
    assert.equal(res.headers.get('location'), '/_emulator/');
    const page = await fetch(`${running.url}/_emulator/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Inbox · alisms emulator<\/title>/);
  });

  it('shows an SMS sent while the page is open, then its delivery, then a mail, then clears', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${running.url}/_emulator/`);
    await page.locator('#live[data-state="live"]').waitFor();
    assert.equal(await page.locator('#empty').isVisible(), true);

    const sent = await sms.sendSms({
      phoneNumbers: '13800138000',
      signName: '阿里云短信测试',
      templateCode: 'SMS_154950909',
      templateParam: { code: '246810' },
    });
    const bubble = page.locator('.bubble').filter({ hasText: '246810' });
    await bubble.waitFor();
    assert.equal(await bubble.locator('mark.code-inline').textContent(), '246810');
    assert.match(
      String(await bubble.locator('.meta').textContent()),
      new RegExp(`BizId ${sent.bizId.replace('^', '\\^')}`),
    );
    assert.equal(await bubble.locator('.status').getAttribute('data-status'), 'waiting');

    await scheduler.advance(1000);
    await bubble.locator('.status[data-status="delivered"]').waitFor();

    await mail.singleSendMail({
      accountName: 'noreply@mail.example.com',
      addressType: 1,
      toAddress: 'bob@example.com',
      subject: 'Your sign-in code',
      htmlBody: '<p id="mail-body">Your code is <b>654321</b></p><script>parent.document.title="pwned"</script>',
    });
    await page.locator('.conv[data-key="bob@example.com"]').click();
    const frame = page.locator('iframe.mail-frame');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('sandbox'), '');
    assert.equal(
      await page.frameLocator('iframe.mail-frame').locator('#mail-body').textContent(),
      'Your code is 654321',
    );
    assert.equal(await page.locator('.mail .code-value').textContent(), '654321');
    assert.doesNotMatch(await page.title(), /pwned/);

    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByRole('dialog', { name: 'Delete all messages?' }).getByRole('button', { name: 'Clear all' }).click();
    await page.locator('#empty').waitFor({ state: 'visible' });
    assert.equal(running.emulator.store.list().length, 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
