// The SDK clients over real HTTP against a loopback server that verifies every signature.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MailClient } from '../src/mail/mail-client.js';
import { IntlSmsClient } from '../src/sms/intl-sms-client.js';
import { SmsManagementClient } from '../src/sms/management-client.js';
import { SmsClient } from '../src/sms/sms-client.js';
import type { ClientOptions } from '../src/transport/options.js';
import { type LoopbackServer, startLoopbackServer, TEST_KEY_ID, TEST_KEY_SECRET } from './sdk-server.js';

const PHONE = '13800138000';

for (const signatureVersion of ['v3', 'v1'] as const) {
  describe(`every operation over HTTP, signature ${signatureVersion}`, () => {
    let server: LoopbackServer;
    let options: ClientOptions;
    let sms: SmsClient;
    let admin: SmsManagementClient;
    let intl: IntlSmsClient;
    let mail: MailClient;
    before(async () => {
      server = await startLoopbackServer();
      options = { accessKeyId: TEST_KEY_ID, accessKeySecret: TEST_KEY_SECRET, endpoint: server.url, signatureVersion };
      sms = new SmsClient(options);
      admin = new SmsManagementClient(options);
      intl = new IntlSmsClient(options);
      mail = new MailClient(options);
    });
    after(async () => {
      sms.close();
      admin.close();
      intl.close();
      mail.close();
      await server.close();
    });
    const last = () => {
      const r = server.requests.at(-1);
      assert.ok(r, 'a request reached the server');
      return r;
    };
    const scheme = () => {
      assert.equal(last().scheme, signatureVersion);
      assert.equal(last().method, 'POST');
      assert.match(String(last().headers['user-agent']), /^alisms\/\d+\.\d+\.\d+ node\/v\d+/);
    };

    it('sendSms: params in the query, generated OutId, typed result', async () => {
      const r = await sms.sendSms({
        phoneNumbers: [PHONE, '+8613900139000'],
        signName: '阿里云短信测试',
        templateCode: 'SMS_154950909',
        templateParam: { code: '1234', name: "a b*~!'()+&=%" },
      });
      scheme();
      assert.equal(r.bizId, '900619746936498440^0');
      assert.match(r.requestId, /^REQ-/);
      const q = last().query;
      assert.equal(q.PhoneNumbers, `${PHONE},+8613900139000`);
      assert.deepEqual(JSON.parse(q.TemplateParam ?? ''), { code: '1234', name: "a b*~!'()+&=%" });
      assert.equal(q.OutId, r.outId);
      assert.match(r.outId, /^[0-9a-f-]{36}$/);
      assert.equal(last().body, '');
    });

    it('sendBatchSms: TemplateCode/OutId in the query, the JSON arrays in the form body (V3)', async () => {
      const r = await sms.sendBatchSms({
        templateCode: 'SMS_1',
        outId: 'batch-1',
        messages: [
          { phoneNumber: PHONE, signName: 'A', templateParam: { code: '1' } },
          { phoneNumber: '13900139000', signName: 'B' },
        ],
      });
      scheme();
      assert.equal(r.outId, 'batch-1');
      const req = last();
      assert.equal(req.query.TemplateCode, 'SMS_1');
      assert.equal(req.form.PhoneNumberJson, JSON.stringify([PHONE, '13900139000']));
      assert.equal(req.form.SignNameJson, '["A","B"]');
      assert.equal(req.form.TemplateParamJson, '[{"code":"1"},{}]');
    });

    it('querySendDetails and iterateSendDetails walk every page', async () => {
      const page = await sms.querySendDetails({ phoneNumber: PHONE, sendDate: '20260108', pageSize: 2 });
      scheme();
      assert.equal(page.totalCount, 3);
      assert.equal(page.details.length, 2);
      assert.equal(page.details[0]?.sendStatus, 3);
      assert.equal(page.details[0]?.receiveDate?.toISOString(), '2026-01-08T08:44:13.000Z');
      const before = server.requests.length;
      const all = [];
      for await (const d of sms.iterateSendDetails({
        phoneNumber: PHONE,
        sendDate: new Date('2026-01-08T20:00:00Z'),
        pageSize: 2,
      }))
        all.push(d.outId);
      assert.deepEqual(all, ['out-0', 'out-1', 'out-2']);
      assert.equal(server.requests.length - before, 2);
      assert.equal(last().params.SendDate, '20260109', 'a Date is sent as its UTC+8 calendar day');
    });

    it('querySendStatistics', async () => {
      const r = await sms.querySendStatistics({ isGlobe: 1, startDate: '20260101', endDate: '20260107' });
      scheme();
      assert.equal(r.totalSize, 1);
      assert.deepEqual(r.days[0], {
        sendDate: '20260101',
        totalCount: 5,
        respondedSuccessCount: 4,
        respondedFailCount: 1,
        noRespondedCount: 0,
      });
    });

    it('sign management: add (files in the form body), query, list, modify, delete', async () => {
      const add = await admin.addSmsSign({
        signName: 'S',
        signSource: 0,
        remark: 'r',
        signFileList: [{ fileContents: 'aGVsbG8=', fileSuffix: 'png' }],
      });
      scheme();
      assert.equal(add.signName, 'S');
      assert.equal(last().form['SignFileList.1.FileContents'], 'aGVsbG8=');
      const q = await admin.querySmsSign({ signName: 'S' });
      assert.equal(q.signStatus, 1);
      assert.equal(q.createDate?.toISOString(), '2026-01-01T19:04:05.000Z');
      const l = await admin.querySmsSignList({ pageIndex: 1, pageSize: 20 });
      assert.equal(l.totalCount, 1);
      assert.equal(l.pageSize, 20);
      assert.equal(l.signs[0]?.auditStatus, 'AUDIT_STATE_PASS');
      assert.equal(l.signs[0]?.reason?.rejectInfo, 'x');
      assert.equal((await admin.modifySmsSign({ signName: 'S', signSource: 1, remark: 'r' })).signName, 'S');
      assert.equal((await admin.deleteSmsSign({ signName: 'S' })).signName, 'S');
      assert.equal(last().action, 'DeleteSmsSign');
    });

    it('template management: add, query, list, modify, delete', async () => {
      const input = { templateType: 0, templateName: 'n', templateContent: 'code ${code}', remark: 'r' };
      assert.equal((await admin.addSmsTemplate(input)).templateCode, 'SMS_1000001');
      scheme();
      const q = await admin.querySmsTemplate({ templateCode: 'SMS_1000001' });
      assert.equal(q.templateStatus, 1);
      assert.equal(q.templateContent, 'code ${code}');
      const l = await admin.querySmsTemplateList();
      assert.equal(l.templates[0]?.templateType, 0);
      assert.equal((await admin.modifySmsTemplate({ ...input, templateCode: 'SMS_9' })).templateCode, 'SMS_9');
      assert.equal((await admin.deleteSmsTemplate({ templateCode: 'SMS_9' })).templateCode, 'SMS_9');
    });

    it('international: sendMessageToGlobe, batch, with template, queryMessage', async () => {
      const one = await intl.sendMessageToGlobe({
        to: '+85212345678',
        message: 'Code 1234',
        from: 'Alisms',
        type: 'OTP',
      });
      scheme();
      assert.equal(last().version, '2018-05-01');
      assert.equal(last().query.To, '85212345678');
      assert.equal(one.segments, 2);
      assert.equal(one.numberDetail?.carrier, 'CMI');
      assert.equal(last().query.TaskId, one.taskId);
      const batch = await intl.batchSendMessageToGlobe({ to: ['85212345678', '6591234567'], message: 'hi' });
      assert.deepEqual(batch.messageIds, ['1', '2']);
      assert.equal(batch.successCount, 2);
      assert.equal(last().query.Message, '["hi","hi"]');
      const tpl = await intl.sendMessageWithTemplate({
        to: PHONE,
        from: 'Sign',
        templateCode: 'SMS_1',
        templateParam: { code: '1' },
      });
      assert.equal(last().query.To, `86${PHONE}`);
      assert.equal(tpl.messageId, '1008030300');
      const q = await intl.queryMessage({ messageId: '1008030300' });
      assert.equal(q.status, 1);
      assert.equal(q.sendDate?.toISOString(), '2018-12-24T08:58:22.000Z');
    });

    it('mail: singleSendMail in the form body, batchSendMail in the query', async () => {
      const r = await mail.singleSendMail({
        accountName: 'noreply@mail.example.com',
        toAddress: ['a@example.com', 'b@example.com'],
        subject: 'Hi there',
        htmlBody: '<p>Hello + welcome</p>',
        fromAlias: 'Ex',
        tagName: 't1',
        clickTrace: false,
      });
      scheme();
      assert.equal(last().version, '2015-11-23');
      assert.equal(r.envId, '600000123');
      assert.equal(last().form.ToAddress, 'a@example.com,b@example.com');
      assert.equal(last().form.HtmlBody, '<p>Hello + welcome</p>');
      assert.equal(last().form.ReplyToAddress, 'false');
      assert.equal(last().form.ClickTrace, '0');
      await mail.batchSendMail({ accountName: 'noreply@mail.example.com', templateName: 't', receiversName: 'list' });
      assert.equal(last().query.ReceiversName, 'list');
    });

    it('a fresh nonce for every request', () => {
      const nonces = server.requests.map((r) =>
        r.scheme === 'v3' ? String(r.headers['x-acs-signature-nonce']) : (r.params.SignatureNonce ?? ''),
      );
      assert.ok(nonces.length > 10);
      assert.equal(new Set(nonces).size, nonces.length);
    });
  });
}
