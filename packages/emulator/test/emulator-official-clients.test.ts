import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Dm from '@alicloud/dm20151123';
import * as Sms from '@alicloud/dysmsapi20170525';
import * as IntlSms from '@alicloud/dysmsapi20180501';
import * as OpenApi from '@alicloud/openapi-client';
import PopCore from '@alicloud/pop-core';
import { codeSmsParams } from '../../../test/helpers/emulator.js';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { formatChinaDay } from '../src/wire/dates.js';

// The official packages are CommonJS with a `default` class export; ESM sees it one level down.
// biome-ignore lint/suspicious/noExplicitAny: the SDK classes are untyped through this interop
const classOf = (mod: any) => (mod.default?.default ?? mod.default) as any;

const CONFIG = {
  signs: [
    { name: '阿里云短信测试', type: 'verification' as const },
    { name: 'Alisms', type: 'general' as const },
  ],
  templates: [
    {
      code: 'SMS_154950909',
      type: 'verification' as const,
      content: '您正在使用阿里云短信测试服务，体验验证码是：${code}，如非本人操作，请忽略本短信！',
    },
    { code: 'SMS_200000001', type: 'notification' as const, content: '您的订单${order}已发货' },
  ],
  mail: {
    senders: ['noreply@mail.example.com'],
    templates: [{ name: 'welcome', subject: 'Welcome', textBody: 'Hello 4321' }],
    receivers: [{ name: 'team', addresses: ['a@example.com', 'b@example.com'] }],
  },
};

let running: RunningEmulator;
let endpoint: string;

function config(extra: Record<string, unknown> = {}) {
  return new OpenApi.Config({
    accessKeyId: 'testid',
    accessKeySecret: 'testsecret',
    endpoint,
    protocol: 'http',
    ...extra,
  });
}

before(async () => {
  running = await startEmulator({ config: CONFIG, delivery: false });
  endpoint = running.url.replace('http://', '');
});
after(() => running.close());

describe('@alicloud/dysmsapi20170525 against the emulator', () => {
  for (const signatureAlgorithm of [undefined, 'v2'] as const) {
    const label = signatureAlgorithm ?? 'V3 (default)';
    it(`${label}: sendSms, querySendDetails and sendBatchSms parse`, async () => {
      const client = new (classOf(Sms))(config(signatureAlgorithm ? { signatureAlgorithm } : {}));
      const phone = signatureAlgorithm ? '13900000002' : '13900000001';
      const sent = await client.sendSms(
        new Sms.SendSmsRequest({
          phoneNumbers: phone,
          signName: '阿里云短信测试',
          templateCode: 'SMS_154950909',
          templateParam: '{"code":"8642"}',
          outId: 'order-1',
        }),
      );
      assert.equal(sent.statusCode, 200);
      assert.equal(sent.body.code, 'OK');
      assert.match(sent.body.bizId, /^\d{18}\^0$/);
      assert.match(sent.body.requestId, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      assert.equal(running.emulator.store.latest(phone)?.code, '8642');

      const details = await client.querySendDetails(
        new Sms.QuerySendDetailsRequest({
          phoneNumber: phone,
          sendDate: formatChinaDay(Date.now()),
          pageSize: 10,
          currentPage: 1,
          bizId: sent.body.bizId,
        }),
      );
      assert.equal(details.body.code, 'OK');
      assert.equal(Number(details.body.totalCount), 1);
      const dto = details.body.smsSendDetailDTOs.smsSendDetailDTO[0];
      assert.equal(dto.phoneNum, phone);
      assert.equal(dto.sendStatus, 1);
      assert.equal(dto.outId, 'order-1');
      assert.match(dto.content, /^【阿里云短信测试】.*8642/);
      assert.match(dto.sendDate, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

      const batch = await client.sendBatchSms(
        new Sms.SendBatchSmsRequest({
          phoneNumberJson: JSON.stringify(['13700000001', '13700000002']),
          signNameJson: JSON.stringify(['Alisms', 'Alisms']),
          templateCode: 'SMS_200000001',
          templateParamJson: JSON.stringify([{ order: 'A1' }, { order: 'B2' }]),
        }),
      );
      assert.equal(batch.body.code, 'OK');
      assert.equal(running.emulator.store.latest('+8613700000002')?.content, '【Alisms】您的订单B2已发货');
    });

    it(`${label}: a bad secret raises SignatureDoesNotMatch`, async () => {
      const client = new (classOf(Sms))(
        config({ accessKeySecret: 'wrong', ...(signatureAlgorithm ? { signatureAlgorithm } : {}) }),
      );
      await assert.rejects(
        client.sendSms(
          new Sms.SendSmsRequest({
            phoneNumbers: '13900000003',
            signName: '阿里云短信测试',
            templateCode: 'SMS_154950909',
          }),
        ),
        (error: { code?: string; statusCode?: number; data?: { Message?: string } }) => {
          assert.equal(error.code, 'SignatureDoesNotMatch');
          assert.equal(error.statusCode, 400);
          assert.match(error.data?.Message ?? '', /server string to sign is:/);
          return true;
        },
      );
    });
  }

  it('flow control comes back as a Code in an HTTP 200 body', async () => {
    const client = new (classOf(Sms))(config());
    const request = () =>
      client.sendSms(
        new Sms.SendSmsRequest({
          phoneNumbers: '13900000009',
          signName: '阿里云短信测试',
          templateCode: 'SMS_154950909',
          templateParam: '{"code":"1111"}',
        }),
      );
    assert.equal((await request()).body.code, 'OK');
    const second = await request();
    assert.equal(second.statusCode, 200);
    assert.equal(second.body.code, 'isv.BUSINESS_LIMIT_CONTROL');
    assert.equal(second.body.message, '触发分钟级流控Permits:1');
  });

  it('template management round trip: add, query, list', async () => {
    const client = new (classOf(Sms))(config());
    const added = await client.addSmsTemplate(
      new Sms.AddSmsTemplateRequest({
        templateType: 1,
        templateName: 'shipping',
        templateContent: '包裹${no}已发出',
        remark: 'test',
      }),
    );
    assert.equal(added.body.code, 'OK');
    assert.match(added.body.templateCode, /^SMS_\d{9}$/);
    const queried = await client.querySmsTemplate(
      new Sms.QuerySmsTemplateRequest({ templateCode: added.body.templateCode }),
    );
    assert.equal(queried.body.templateStatus, 1);
    assert.equal(queried.body.templateContent, '包裹${no}已发出');
    const list = await client.querySmsTemplateList(new Sms.QuerySmsTemplateListRequest({ pageIndex: 1, pageSize: 50 }));
    assert.ok(
      list.body.smsTemplateList.some((t: { templateCode: string }) => t.templateCode === added.body.templateCode),
    );
    assert.equal(typeof list.body.totalCount, 'number');
  });
});

describe('@alicloud/dysmsapi20170525 management and statistics', () => {
  it('addSmsSign (files in the form body), querySmsSignList, querySendStatistics, modify/delete template', async () => {
    const client = new (classOf(Sms))(config());
    const sign = await client.addSmsSign(
      new Sms.AddSmsSignRequest({
        signName: '新店铺',
        signSource: 4,
        signType: 1,
        remark: 'test',
        signFileList: [new Sms.AddSmsSignRequestSignFileList({ fileContents: 'aGVsbG8=', fileSuffix: 'png' })],
      }),
    );
    assert.equal(sign.body.code, 'OK');
    assert.equal(sign.body.signName, '新店铺');
    const signs = await client.querySmsSignList(new Sms.QuerySmsSignListRequest({ pageIndex: 1, pageSize: 10 }));
    assert.ok(signs.body.smsSignList.some((s: { signName: string }) => s.signName === '新店铺'));
    assert.equal(signs.body.currentPage, 1);

    const stats = await client.querySendStatistics(
      new Sms.QuerySendStatisticsRequest({
        isGlobe: 1,
        startDate: formatChinaDay(Date.now() - 86_400_000),
        endDate: formatChinaDay(Date.now()),
        pageIndex: 1,
        pageSize: 10,
      }),
    );
    assert.equal(stats.body.code, 'OK');
    assert.equal(typeof stats.body.data.totalSize, 'number');
    assert.ok(stats.body.data.targetList.every((d: { totalCount: number }) => d.totalCount > 0));

    const added = await client.addSmsTemplate(
      new Sms.AddSmsTemplateRequest({ templateType: 1, templateName: 'a', templateContent: 'A${x}', remark: 'r' }),
    );
    const code = added.body.templateCode;
    const modified = await client.modifySmsTemplate(
      new Sms.ModifySmsTemplateRequest({
        templateCode: code,
        templateType: 1,
        templateName: 'b',
        templateContent: 'B${x}',
        remark: 'r',
      }),
    );
    assert.equal(modified.body.code, 'OK');
    const queried = await client.querySmsTemplate(new Sms.QuerySmsTemplateRequest({ templateCode: code }));
    assert.equal(queried.body.templateContent, 'B${x}');
    const deleted = await client.deleteSmsTemplate(new Sms.DeleteSmsTemplateRequest({ templateCode: code }));
    assert.equal(deleted.body.code, 'OK');
  });
});

describe('@alicloud/dysmsapi20180501 against the emulator', () => {
  it('batchSendMessageToGlobe reports ids and failures as JSON strings', async () => {
    const client = new (classOf(IntlSms))(config());
    const sent = await client.batchSendMessageToGlobe(
      new IntlSms.BatchSendMessageToGlobeRequest({
        to: JSON.stringify(['6591234567', '44770090012', 'x']),
        message: JSON.stringify(['one 1111', 'two 2222', 'three']),
        from: 'Alisms',
      }),
    );
    assert.equal(sent.body.responseCode, 'OK');
    assert.equal(sent.body.successCount, '2');
    assert.equal(JSON.parse(sent.body.messageIdList).length, 2);
    assert.deepEqual(JSON.parse(sent.body.failedList), ['x']);
    assert.equal(running.emulator.store.latest('+44770090012')?.code, '2222');
  });

  it('sendMessageToGlobe, then queryMessage', async () => {
    const client = new (classOf(IntlSms))(config());
    const sent = await client.sendMessageToGlobe(
      new IntlSms.SendMessageToGlobeRequest({ to: '85291234567', message: 'Your code is 2468', from: 'Alisms' }),
    );
    assert.equal(sent.body.responseCode, 'OK');
    assert.equal(sent.body.segments, '1');
    assert.equal(sent.body.numberDetail.region, 'HongKong');
    const queried = await client.queryMessage(new IntlSms.QueryMessageRequest({ messageId: sent.body.messageId }));
    assert.equal(queried.body.responseCode, 'OK');
    assert.equal(queried.body.status, '3');
    assert.equal(queried.body.message, 'Your code is 2468');
    assert.match(queried.body.sendDate, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0800$/);
    assert.equal(running.emulator.store.latest('+85291234567')?.code, '2468');
  });

  it('sendMessageWithTemplate renders the template for a mainland number', async () => {
    const client = new (classOf(IntlSms))(config({ signatureAlgorithm: 'v2' }));
    const sent = await client.sendMessageWithTemplate(
      new IntlSms.SendMessageWithTemplateRequest({
        to: '8613600000001',
        from: 'Alisms',
        templateCode: 'SMS_200000001',
        templateParam: '{"order":"Z9"}',
      }),
    );
    assert.equal(sent.body.responseCode, 'OK');
    assert.equal(running.emulator.store.latest('13600000001')?.content, '【Alisms】您的订单Z9已发货');
  });
});

describe('@alicloud/dm20151123 against the emulator', () => {
  it('singleSendMail and batchSendMail return an EnvId', async () => {
    const client = new (classOf(Dm))(config());
    const single = await client.singleSendMail(
      new Dm.SingleSendMailRequest({
        accountName: 'noreply@mail.example.com',
        addressType: 1,
        replyToAddress: false,
        toAddress: 'User@Example.com',
        subject: 'Your code',
        htmlBody: '<p>Code <b>7531</b></p>',
      }),
    );
    assert.match(single.body.envId, /^\d+$/);
    assert.equal(running.emulator.store.latest('user@example.com')?.code, '7531');
    const batch = await client.batchSendMail(
      new Dm.BatchSendMailRequest({
        accountName: 'noreply@mail.example.com',
        addressType: 1,
        templateName: 'welcome',
        receiversName: 'team',
      }),
    );
    assert.match(batch.body.envId, /^\d+$/);
    assert.equal(running.emulator.store.latest('b@example.com')?.mail?.subject, 'Welcome');
  });

  it('an unknown sender raises InvalidMailAddress.NotFound (HTTP 404)', async () => {
    const client = new (classOf(Dm))(config());
    await assert.rejects(
      client.singleSendMail(
        new Dm.SingleSendMailRequest({
          accountName: 'other@mail.example.com',
          addressType: 1,
          replyToAddress: false,
          toAddress: 'user@example.com',
          subject: 'x',
          textBody: 'y',
        }),
      ),
      (error: { code?: string; statusCode?: number }) =>
        error.code === 'InvalidMailAddress.NotFound' && error.statusCode === 404,
    );
  });
});

describe('@alicloud/pop-core against the emulator', () => {
  const pop = () =>
    new PopCore({
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      endpoint: running.url,
      apiVersion: '2017-05-25',
    });
  for (const method of ['GET', 'POST'] as const) {
    it(`${method}: SendSms parses, flow control raises its code`, async () => {
      const phone = method === 'GET' ? '13500000001' : '13500000002';
      const params = codeSmsParams(phone, '5555');
      const result = (await pop().request('SendSms', params, { method })) as { Code: string; BizId: string };
      assert.equal(result.Code, 'OK');
      assert.match(result.BizId, /\^0$/);
      await assert.rejects(pop().request('SendSms', params, { method }), (error: { code?: string }) => {
        assert.equal(error.code, 'isv.BUSINESS_LIMIT_CONTROL');
        return true;
      });
    });
  }

  it('a bad secret raises SignatureDoesNotMatch', async () => {
    const client = new PopCore({
      accessKeyId: 'testid',
      accessKeySecret: 'nope',
      endpoint: running.url,
      apiVersion: '2017-05-25',
    });
    await assert.rejects(client.request('SendSms', { PhoneNumbers: '13500000003' }, { method: 'POST' }), {
      code: 'SignatureDoesNotMatch',
    });
  });
});
