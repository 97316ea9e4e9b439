// Direct Mail beyond one send, through the official @alicloud/dm20151123 client: every field of SingleSendMail
// (BCC, attachments, headers, a stored template, the sending options), and the calls that watch mail
// (SenderStatisticsDetailByParam, SenderStatisticsByTagNameAndBatchID, DescAccountSummary,
// QueryMailAddressByParam) answered with every field their response models declare.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Dm from '@alicloud/dm20151123';
import * as OpenApi from '@alicloud/openapi-client';
import { missingModelFields, officialClient } from '../../../test/helpers/official-models.js';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { formatChinaDateTime } from '../src/wire/dates.js';

const SENDER = 'noreply@mail.example.com';
let running: RunningEmulator;
// biome-ignore lint/suspicious/noExplicitAny: the official client is untyped (see officialClient)
let client: any;

before(async () => {
  running = await startEmulator({
    delivery: false,
    config: {
      mail: {
        senders: [SENDER, 'news@mail.example.com'],
        templates: [
          { id: '415366', name: 'welcome', subject: 'Welcome ${name}', htmlBody: '<p>Hi {{name}}, code ${code}</p>' },
        ],
        receivers: [{ name: 'team', addresses: ['t1@example.com', 't2@example.com'] }],
        dailyQuota: 3000,
      },
    },
  });
  client = officialClient(Dm, OpenApi, running.url);
});
after(() => running.close());

async function settle(id: string, status: 'delivered' | 'failed', errorCode?: string): Promise<void> {
  const res = await fetch(`${running.url}/_emulator/api/messages/${id}/delivery`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status, ...(errorCode ? { errorCode } : {}) }),
  });
  assert.equal(res.status, 200);
}

describe('SingleSendMail with every field of the official request model', () => {
  it('stores BCC copies, attachments, headers and options; the inbox API serves the attachment', async () => {
    const sent = await client.singleSendMail(
      new Dm.SingleSendMailRequest({
        accountName: SENDER,
        addressType: 1,
        replyToAddress: false,
        toAddress: 'to1@example.com',
        bccAddress: 'hidden1@example.com,hidden2@example.com',
        subject: 'Invoice',
        htmlBody: '<p>Attached</p>',
        fromAlias: 'Shop',
        tagName: 'invoices',
        clickTrace: '0',
        attachments: [
          new Dm.SingleSendMailRequestAttachments({
            attachmentName: 'a.txt',
            attachmentUrl: `data:text/plain;base64,${Buffer.from('hello file').toString('base64')}`,
          }),
          new Dm.SingleSendMailRequestAttachments({
            attachmentName: 'big.pdf',
            attachmentUrl: 'https://files.example.com/big.pdf',
          }),
        ],
        headers: JSON.stringify({ 'Message-ID': '<m-1@example.com>', 'X-User-UID1': 'UID-1' }),
        ipPoolId: 'pool-1',
        domainAuth: false,
        unSubscribeLinkType: 'default',
        unSubscribeFilterLevel: 'mailfrom_domain',
        replyAddress: 'reply@example.com',
        replyAddressAlias: 'Reply',
      }),
    );
    assert.match(sent.body.envId, /^\d+$/);
    assert.deepEqual(missingModelFields(Dm.SingleSendMailResponseBody as never, sent.body.toMap()), []);
    const store = running.emulator.store;
    const to = store.latest('to1@example.com');
    const bcc = store.latest('hidden2@example.com');
    assert.deepEqual(to?.mail?.bccAddress, ['hidden1@example.com', 'hidden2@example.com']);
    assert.equal(to?.mail?.bcc, undefined);
    assert.equal(bcc?.mail?.bcc, true);
    assert.equal(bcc?.envId, to?.envId);
    assert.deepEqual(to?.mail?.headers, { 'Message-ID': '<m-1@example.com>', 'X-User-UID1': 'UID-1' });
    assert.deepEqual(to?.mail?.options, {
      IpPoolId: 'pool-1',
      DomainAuth: 'false',
      UnSubscribeLinkType: 'default',
      UnSubscribeFilterLevel: 'mailfrom_domain',
      ClickTrace: '0',
    });
    const list = await (await fetch(`${running.url}/_emulator/api/messages/${to?.id}/attachments`)).json();
    assert.deepEqual(list.attachments, [
      { index: 0, filename: 'a.txt', contentType: 'text/plain', size: 10 },
      {
        index: 1,
        filename: 'big.pdf',
        contentType: 'application/octet-stream',
        url: 'https://files.example.com/big.pdf',
      },
    ]);
    const file = await fetch(`${running.url}/_emulator/api/messages/${to?.id}/attachments/0`);
    assert.equal(await file.text(), 'hello file');
    const link = await fetch(`${running.url}/_emulator/api/messages/${to?.id}/attachments/1`, { redirect: 'manual' });
    assert.equal(link.status, 302);
    assert.equal(link.headers.get('location'), 'https://files.example.com/big.pdf');
    const eml = await (await fetch(`${running.url}/_emulator/api/messages/${to?.id}/eml`)).text();
    assert.match(eml, /^Message-ID: <m-1@example\.com>\r$/m);
    assert.match(eml, /^X-User-UID1: UID-1\r$/m);
    assert.match(eml, /filename="a\.txt"/);
    assert.match(eml, /URL="https:\/\/files\.example\.com\/big\.pdf"/);
  });

  it('a Template send renders the stored template with its TemplateData', async () => {
    await client.singleSendMail(
      new Dm.SingleSendMailRequest({
        accountName: SENDER,
        addressType: 1,
        replyToAddress: false,
        toAddress: 'tpl@example.com',
        subject: 'Welcome Ann',
        template: new Dm.SingleSendMailRequestTemplate({
          templateId: '415366',
          templateData: { name: 'Ann', code: '4321' },
        }),
      }),
    );
    const m = running.emulator.store.latest('tpl@example.com');
    assert.equal(m?.mail?.htmlBody, '<p>Hi Ann, code 4321</p>');
    assert.equal(m?.mail?.templateId, '415366');
    assert.equal(m?.code, '4321');
  });

  it('refuses an unknown TemplateId, a third BCC address, a bad unsubscribe level and a non-JSON Headers', async () => {
    const base = {
      accountName: SENDER,
      addressType: 1,
      replyToAddress: false,
      toAddress: 'x@example.com',
      subject: 's',
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ template: new Dm.SingleSendMailRequestTemplate({ templateId: 'nope' }) }, 'InvalidTemplate.NotFound'],
      [{ textBody: 'b', bccAddress: 'a@example.com,b@example.com,c@example.com' }, 'InvalidBccAddress'],
      [{ textBody: 'b', unSubscribeFilterLevel: 'everything' }, 'InvalidUnSubscribeFilterLevel'],
      [{ textBody: 'b', headers: 'not json' }, 'InvalidHeaders'],
    ];
    for (const [extra, code] of cases)
      await assert.rejects(
        client.singleSendMail(new Dm.SingleSendMailRequest({ ...base, ...extra })),
        (e: { code?: string }) => {
          assert.equal(e.code, code);
          return true;
        },
      );
  });

  it('BatchSendMail takes Headers and the options; the mail templates API adds a template', async () => {
    const added = await fetch(`${running.url}/_emulator/api/mail/templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'notice', subject: 'Notice', textBody: 'Maintenance tonight' }),
    });
    assert.equal(added.status, 201);
    const sent = await client.batchSendMail(
      new Dm.BatchSendMailRequest({
        accountName: 'news@mail.example.com',
        addressType: 1,
        templateName: 'notice',
        receiversName: 'team',
        tagName: 'notice',
        headers: '{"X-User-Notify-Batch":"b1"}',
        ipPoolId: 'pool-2',
        domainAuth: true,
        unSubscribeLinkType: 'disabled',
        unSubscribeFilterLevel: 'edm_id',
      }),
    );
    assert.deepEqual(missingModelFields(Dm.BatchSendMailResponseBody as never, sent.body.toMap()), []);
    const m = running.emulator.store.latest('t2@example.com');
    assert.equal(m?.mail?.textBody, 'Maintenance tonight');
    assert.deepEqual(m?.mail?.headers, { 'X-User-Notify-Batch': 'b1' });
    assert.equal(m?.mail?.options?.DomainAuth, 'true');
    const listed = await (await fetch(`${running.url}/_emulator/api/mail/templates`)).json();
    assert.deepEqual(
      listed.templates.map((t: { id: string }) => t.id),
      ['415366', 'notice'],
    );
  });
});

describe('watching mail through the official client', () => {
  it('SenderStatisticsDetailByParam lists settled mails with every model field, filtered and paged', async () => {
    const store = running.emulator.store;
    await settle(store.latest('to1@example.com')?.id as string, 'delivered');
    await settle(store.latest('hidden1@example.com')?.id as string, 'failed', 'InvalidAddress');
    const now = Date.now();
    const window = {
      startTime: formatChinaDateTime(now - 3_600_000).slice(0, 16),
      endTime: formatChinaDateTime(now + 60_000).slice(0, 16),
    };
    const all = await client.senderStatisticsDetailByParam(
      new Dm.SenderStatisticsDetailByParamRequest({ ...window, length: 1 }),
    );
    const body = all.body.toMap();
    assert.deepEqual(missingModelFields(Dm.SenderStatisticsDetailByParamResponseBody as never, body), []);
    assert.equal(all.body.data.mailDetail.length, 1);
    assert.ok(all.body.nextStart, 'a second page');
    const second = await client.senderStatisticsDetailByParam(
      new Dm.SenderStatisticsDetailByParamRequest({ ...window, length: 1, nextStart: all.body.nextStart }),
    );
    assert.equal(second.body.nextStart, '');
    const statuses = [all.body.data.mailDetail[0], second.body.data.mailDetail[0]].map(
      (d: { toAddress: string; status: number }) => `${d.toAddress}:${d.status}`,
    );
    assert.deepEqual(statuses, ['to1@example.com:0', 'hidden1@example.com:2']);
    const failed = await client.senderStatisticsDetailByParam(
      new Dm.SenderStatisticsDetailByParamRequest({ ...window, status: 2 }),
    );
    assert.deepEqual(
      failed.body.data.mailDetail.map((d: { toAddress: string }) => d.toAddress),
      ['hidden1@example.com'],
    );
    assert.equal(all.body.data.mailDetail[0].ipPoolId, 'pool-1');
  });

  it('SenderStatisticsByTagNameAndBatchID counts the day by tag with every model field', async () => {
    // The day the mails were sent (not today's date, which may have turned over since).
    const sentAt = Date.parse(running.emulator.store.latest('to1@example.com')?.sentAt ?? '');
    const day = formatChinaDateTime(sentAt).slice(0, 10);
    const r = await client.senderStatisticsByTagNameAndBatchID(
      new Dm.SenderStatisticsByTagNameAndBatchIDRequest({ startTime: day, endTime: day, tagName: 'invoices' }),
    );
    assert.deepEqual(
      missingModelFields(Dm.SenderStatisticsByTagNameAndBatchIDResponseBody as never, r.body.toMap()),
      [],
    );
    assert.equal(r.body.totalCount, 1);
    const [stat] = r.body.data.stat;
    assert.deepEqual(
      [stat.createTime, stat.requestCount, stat.successCount, stat.faildCount, stat.unavailableCount],
      [day, '3', '1', '1', '1'],
    );
    assert.equal(stat.succeededPercent, '33.33%');
  });

  it('DescAccountSummary reports the quota and the counts with every model field', async () => {
    const r = await client.descAccountSummary(new Dm.DescAccountSummaryRequest({}));
    assert.deepEqual(missingModelFields(Dm.DescAccountSummaryResponseBody as never, r.body.toMap()), []);
    assert.equal(r.body.dailyQuota, 3000);
    assert.equal(r.body.mailAddresses, 2);
    assert.equal(r.body.domains, 1);
    assert.equal(r.body.templates, 2);
    const sentToday = running.emulator.store.list({ product: 'mail', limit: 1000 }).length;
    assert.equal(r.body.remainFreeQuota, 3000 - sentToday);
  });

  it('QueryMailAddressByParam lists the sender addresses with counts, by keyword and page', async () => {
    const r = await client.queryMailAddressByParam(new Dm.QueryMailAddressByParamRequest({ keyWord: 'noreply' }));
    assert.deepEqual(missingModelFields(Dm.QueryMailAddressByParamResponseBody as never, r.body.toMap()), []);
    assert.equal(r.body.totalCount, 1);
    const [address] = r.body.data.mailAddress;
    assert.equal(address.accountName, SENDER);
    assert.equal(address.dailyCount, '4');
    const paged = await client.queryMailAddressByParam(
      new Dm.QueryMailAddressByParamRequest({ pageNo: 2, pageSize: 1 }),
    );
    assert.equal(paged.body.totalCount, 2);
    assert.deepEqual(
      paged.body.data.mailAddress.map((a: { accountName: string }) => a.accountName),
      ['news@mail.example.com'],
    );
  });
});
