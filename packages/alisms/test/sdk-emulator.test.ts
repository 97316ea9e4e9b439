// The SDK clients against the real emulator (startEmulator on port 0): every operation, both
// signature versions, errors as the emulator produces them, and ALISMS_ENDPOINT wiring.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { MailClient } from '../src/mail/mail-client.js';
import { IntlSmsClient } from '../src/sms/intl-sms-client.js';
import { SmsManagementClient } from '../src/sms/management-client.js';
import { SmsClient } from '../src/sms/sms-client.js';
import { isAliyunApiError } from '../src/transport/errors/aliyun-api-error.js';
import type { ClientOptions } from '../src/transport/options.js';

const SIGN = '阿里云短信测试';
const TEMPLATE = 'SMS_154950909';

describe('SDK against the emulator', () => {
  let running: RunningEmulator;
  const closers: Array<{ close(): void }> = [];
  const make = <T extends { close(): void }>(client: T): T => {
    closers.push(client);
    return client;
  };
  before(async () => {
    running = await startEmulator({
      delivery: false,
      config: {
        mail: {
          templates: [{ name: 'welcome', subject: 'Welcome', textBody: 'Hello' }],
          receivers: [{ name: 'team', addresses: ['a@example.com', 'b@example.com'] }],
        },
      },
    });
  });
  after(async () => {
    for (const c of closers) c.close();
    await running.close();
  });

  for (const signatureVersion of ['v3', 'v1'] as const) {
    describe(`signature ${signatureVersion}`, () => {
      const options = (): ClientOptions => ({
        accessKeyId: 'testid',
        accessKeySecret: 'testsecret',
        endpoint: running.url,
        signatureVersion,
      });
      // Distinct numbers per version so the emulator's per-number flow control does not interfere.
      const phone = signatureVersion === 'v3' ? '13800138001' : '13800138002';

      it('sendSms stores the message; querySendDetails and iterateSendDetails find it by BizId', async () => {
        const sms = make(new SmsClient(options()));
        const sent = await sms.sendSms({
          phoneNumbers: phone,
          signName: SIGN,
          templateCode: TEMPLATE,
          templateParam: { code: '4321' },
          outId: `order-${signatureVersion}`,
        });
        assert.ok(sent.bizId);
        const stored = running.emulator.store.latest(phone);
        assert.match(stored?.content ?? '', /4321/);
        const page = await sms.querySendDetails({ phoneNumber: phone, sendDate: new Date(), bizId: sent.bizId });
        assert.equal(page.totalCount, 1);
        assert.equal(page.details[0]?.outId, `order-${signatureVersion}`);
        assert.equal(typeof page.details[0]?.sendStatus, 'number');
        assert.ok(page.details[0]?.sendDate instanceof Date);
        const all = [];
        for await (const d of sms.iterateSendDetails({ phoneNumber: phone, sendDate: new Date(), pageSize: 1 }))
          all.push(d);
        assert.equal(all.length, 1);
      });

      it('sendBatchSms with aligned arrays in the form body', async () => {
        const sms = make(new SmsClient(options()));
        const r = await sms.sendBatchSms({
          templateCode: TEMPLATE,
          messages: [
            {
              phoneNumber: `1390013900${signatureVersion === 'v3' ? 1 : 2}`,
              signName: SIGN,
              templateParam: { code: '1111' },
            },
            {
              phoneNumber: `1370013700${signatureVersion === 'v3' ? 1 : 2}`,
              signName: SIGN,
              templateParam: { code: '2222' },
            },
          ],
        });
        assert.ok(r.bizId);
        assert.match(
          running.emulator.store.latest(`1370013700${signatureVersion === 'v3' ? 1 : 2}`)?.content ?? '',
          /2222/,
        );
      });

      it('querySendStatistics', async () => {
        const sms = make(new SmsClient(options()));
        const r = await sms.querySendStatistics({ isGlobe: 1, startDate: new Date(), endDate: new Date() });
        assert.equal(typeof r.totalSize, 'number');
      });

      it('sign and template management round trip', async () => {
        const sms = make(new SmsManagementClient(options()));
        const signName = `测试签名${signatureVersion}`;
        await sms.addSmsSign({
          signName,
          signSource: 0,
          remark: 'for tests',
          signFileList: [{ fileContents: 'aGVsbG8=', fileSuffix: 'png' }],
        });
        const sign = await sms.querySmsSign({ signName });
        assert.equal(sign.signName, signName);
        assert.equal(typeof sign.signStatus, 'number');
        const signs = await sms.querySmsSignList({ pageSize: 50 });
        assert.ok(signs.signs.some((s) => s.signName === signName));
        const added = await sms.addSmsTemplate({
          templateType: 0,
          templateName: `t-${signatureVersion}`,
          templateContent: '验证码${code}',
          remark: 'for tests',
        });
        assert.match(added.templateCode, /^SMS_/);
        const tpl = await sms.querySmsTemplate({ templateCode: added.templateCode });
        assert.equal(tpl.templateContent, '验证码${code}');
        const list = await sms.querySmsTemplateList({ pageSize: 50 });
        assert.ok(list.templates.some((t) => t.templateCode === added.templateCode));
      });

      it('international: sendMessageToGlobe and queryMessage', async () => {
        const intl = make(new IntlSmsClient(options()));
        const sent = await intl.sendMessageToGlobe({ to: '+85212345678', message: 'Your code is 9876' });
        assert.ok(sent.messageId);
        assert.equal(typeof sent.segments, 'number');
        const q = await intl.queryMessage({ messageId: sent.messageId });
        assert.equal(q.messageId, sent.messageId);
        const batch = await intl.batchSendMessageToGlobe({ to: ['85212345678', '6591234567'], message: 'hi' });
        assert.equal(batch.messageIds.length + batch.failedList.length, 2);
      });

      it('mail: singleSendMail and batchSendMail', async () => {
        const mail = make(new MailClient(options()));
        const r = await mail.singleSendMail({
          accountName: 'noreply@mail.example.com',
          toAddress: ['x@example.com'],
          subject: `Code ${signatureVersion}`,
          textBody: 'Your code is 5555',
        });
        assert.ok(r.envId);
        assert.equal(running.emulator.store.latest('x@example.com')?.mail?.subject, `Code ${signatureVersion}`);
        const b = await mail.batchSendMail({
          accountName: 'noreply@mail.example.com',
          templateName: 'welcome',
          receiversName: 'team',
        });
        assert.ok(b.envId);
      });

      it('errors as the emulator produces them: unknown template (HTTP 200), bad secret (HTTP 400)', async () => {
        const sms = make(new SmsClient(options()));
        const err = await sms
          .sendSms({ phoneNumbers: phone, signName: SIGN, templateCode: 'SMS_000000' })
          .catch((e: unknown) => e);
        assert.ok(isAliyunApiError(err), String(err));
        assert.equal(err.code, 'isv.SMS_TEMPLATE_ILLEGAL');
        assert.equal(err.httpStatus, 200);
        const bad = make(new SmsClient({ ...options(), accessKeySecret: 'wrong' }));
        const sig = await bad.querySendDetails({ phoneNumber: phone, sendDate: new Date() }).catch((e: unknown) => e);
        assert.ok(isAliyunApiError(sig), String(sig));
        assert.equal(sig.code, 'SignatureDoesNotMatch');
        assert.equal(sig.httpStatus, 400);
      });
    });
  }

  it('ALISMS_ENDPOINT (host:port on loopback → http) points a client without endpoint at the emulator', async () => {
    const hostPort = running.url.replace('http://', '');
    const sms = make(
      new SmsClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', env: { ALISMS_ENDPOINT: hostPort } }),
    );
    const r = await sms.querySendDetails({ phoneNumber: '13800138001', sendDate: new Date() });
    assert.ok(r.requestId);
  });

  it('per-number flow control surfaces as isv.BUSINESS_LIMIT_CONTROL and is not retried', async () => {
    const sms = make(new SmsClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: running.url }));
    const send = () =>
      sms.sendSms({
        phoneNumbers: '13600136000',
        signName: SIGN,
        templateCode: TEMPLATE,
        templateParam: { code: '1234' },
      });
    await send();
    const before = running.emulator.store.list().length;
    await assert.rejects(send(), { name: 'AliyunApiError', code: 'isv.BUSINESS_LIMIT_CONTROL' });
    assert.equal(running.emulator.store.list().length, before);
  });
});
