// MailClient against the emulator: the newer SingleSendMail/BatchSendMail fields arrive as the emulator reads
// them, and the watch calls come back typed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { isAliyunApiError, MailClient } from '../src/index.js';

const SENDER = 'noreply@mail.example.com';

describe('MailClient against the emulator', () => {
  let running: RunningEmulator;
  let mail: MailClient;
  before(async () => {
    running = await startEmulator({
      delivery: false,
      config: {
        mail: {
          senders: [SENDER],
          templates: [{ id: '9001', name: 'code', subject: 'Your code', textBody: 'Code ${code} for {{user}}' }],
        },
      },
    });
    mail = new MailClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: running.url });
  });
  after(async () => {
    mail.close();
    await running.close();
  });

  it('singleSendMail sends BCC, a template, attachments, headers and options', async () => {
    const { envId } = await mail.singleSendMail({
      accountName: SENDER,
      toAddress: ['sdk-to@example.com'],
      bccAddress: ['sdk-bcc@example.com'],
      subject: 'Your code',
      template: { templateId: '9001', templateData: { code: '778899', user: 'Ann' } },
      attachments: [{ name: 'terms.pdf', url: 'https://files.example.com/terms.pdf' }],
      headers: { 'X-User-Order': 'A-1' },
      ipPoolId: 'pool-9',
      domainAuth: false,
      unSubscribeLinkType: 'disabled',
      unSubscribeFilterLevel: 'mailfrom',
      tagName: 'codes',
    });
    const to = running.emulator.store.latest('sdk-to@example.com');
    assert.equal(to?.envId, envId);
    assert.equal(to?.mail?.textBody, 'Code 778899 for Ann');
    assert.equal(to?.code, '778899');
    assert.deepEqual(to?.mail?.bccAddress, ['sdk-bcc@example.com']);
    assert.equal(running.emulator.store.latest('sdk-bcc@example.com')?.mail?.bcc, true);
    assert.deepEqual(to?.mail?.attachments, [{ filename: 'terms.pdf', url: 'https://files.example.com/terms.pdf' }]);
    assert.deepEqual(to?.mail?.headers, { 'X-User-Order': 'A-1' });
    assert.deepEqual(to?.mail?.options, {
      IpPoolId: 'pool-9',
      DomainAuth: 'false',
      UnSubscribeLinkType: 'disabled',
      UnSubscribeFilterLevel: 'mailfrom',
    });
    await assert.rejects(
      mail.singleSendMail({
        accountName: SENDER,
        toAddress: 'x@example.com',
        subject: 's',
        template: { templateId: '1' },
      }),
      (e) => isAliyunApiError(e) && e.code === 'InvalidTemplate.NotFound',
    );
  });

  it('the watch calls come back typed', async () => {
    const to = running.emulator.store.latest('sdk-to@example.com');
    await fetch(`${running.url}/_emulator/api/messages/${to?.id}/delivery`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"status":"delivered"}',
    });
    const detail = await mail.senderStatisticsDetailByParam({ toAddress: 'sdk-to@example.com' });
    assert.equal(detail.details.length, 1);
    assert.equal(detail.details[0]?.status, 0);
    assert.equal(detail.details[0]?.subject, 'Your code');
    assert.equal(detail.nextStart, undefined);
    const sentAt = new Date(to?.sentAt ?? '');
    const byTag = await mail.senderStatisticsByTagNameAndBatchID({
      startTime: sentAt,
      endTime: sentAt,
      tagName: 'codes',
    });
    assert.equal(byTag.totalCount, 1);
    assert.deepEqual(
      [byTag.stats[0]?.requestCount, byTag.stats[0]?.successCount, byTag.stats[0]?.failedCount],
      [2, 1, 0],
    );
    const summary = await mail.descAccountSummary();
    assert.equal(summary.dailyQuota, 2000);
    assert.equal(summary.mailAddresses, 1);
    assert.equal(summary.templates, 1);
    const addresses = await mail.queryMailAddressByParam({ keyWord: 'noreply' });
    assert.equal(addresses.totalCount, 1);
    assert.equal(addresses.addresses[0]?.accountName, SENDER);
  });
});
