// Conversion feedback through the official clients — SmsConversionIntl/ConversionDataIntl (dysmsapi 2017-05-25)
// and SmsConversion/ConversionData (2018-05-01, international) — and a raw signed RPC call: every field of the
// response models, unknown messages refused, and the reports shown in statistics, the stored message (the inbox)
// and the inspection API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Sms from '@alicloud/dysmsapi20170525';
import * as IntlSms from '@alicloud/dysmsapi20180501';
import * as OpenApi from '@alicloud/openapi-client';
import { missingModelFields, officialClient } from '../../../test/helpers/official-models.js';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { callAliyun } from '../src/testing/signed-request.js';
import { formatChinaDay } from '../src/wire/dates.js';

let running: RunningEmulator;
// biome-ignore lint/suspicious/noExplicitAny: the official client is untyped (see officialClient)
let client: any;
// biome-ignore lint/suspicious/noExplicitAny: the official client is untyped (see officialClient)
let intl: any;

before(async () => {
  running = await startEmulator({ delivery: false });
  client = officialClient(Sms, OpenApi, running.url);
  intl = officialClient(IntlSms, OpenApi, running.url);
});
after(() => running.close());

describe('conversion feedback through the official client', () => {
  it('SmsConversionIntl for a sent message shows in QuerySendStatistics and GET conversions', async () => {
    const sent = await client.sendSms(
      new Sms.SendSmsRequest({
        phoneNumbers: '13800138555',
        signName: '阿里云短信测试',
        templateCode: 'SMS_154950909',
        templateParam: '{"code":"1234"}',
      }),
    );
    const reported = await client.smsConversionIntl(
      new Sms.SmsConversionIntlRequest({ messageId: sent.body.bizId, delivered: true, conversionTime: Date.now() }),
    );
    assert.equal(reported.body.code, 'OK');
    // biome-ignore lint/suspicious/noExplicitAny: see missingModelFields
    assert.deepEqual(missingModelFields(Sms.SmsConversionIntlResponseBody as any, reported.body.toMap()), []);
    // ConvertedCount is the emulator's own field: the official model drops it, so read the wire body.
    const day = formatChinaDay(Date.now());
    const stats = await callAliyun(running.url, {
      action: 'QuerySendStatistics',
      params: { IsGlobe: '1', StartDate: day, EndDate: day, PageIndex: '1', PageSize: '10' },
    });
    assert.equal(stats.json.Data.TargetList[0].ConvertedCount, 1);
    const inspect = (await (await fetch(`${running.url}/_emulator/api/conversions`)).json()) as {
      messages: { messageId: string; delivered: boolean }[];
      converted: number;
    };
    assert.deepEqual(
      inspect.messages.map((m) => [m.messageId, m.delivered]),
      [[sent.body.bizId, true]],
    );
    assert.equal(inspect.converted, 1);
  });

  it('an unknown MessageId and a rate outside 0–1 are refused; ConversionDataIntl is recorded', async () => {
    const unknown = await client.smsConversionIntl(
      new Sms.SmsConversionIntlRequest({ messageId: 'nope', delivered: true }),
    );
    assert.equal(unknown.body.code, 'isv.INVALID_PARAMETERS');
    const bad = await client.conversionDataIntl(new Sms.ConversionDataIntlRequest({ conversionRate: '1.5' }));
    assert.equal(bad.body.code, 'isv.INVALID_PARAMETERS');
    const ok = await client.conversionDataIntl(
      new Sms.ConversionDataIntlRequest({ conversionRate: '0.53', reportTime: Date.now() }),
    );
    assert.equal(ok.body.code, 'OK');
    // biome-ignore lint/suspicious/noExplicitAny: see missingModelFields
    assert.deepEqual(missingModelFields(Sms.ConversionDataIntlResponseBody as any, ok.body.toMap()), []);
    const inspect = (await (await fetch(`${running.url}/_emulator/api/conversions`)).json()) as {
      rates: { conversionRate: string }[];
    };
    assert.deepEqual(
      inspect.rates.map((r) => r.conversionRate),
      ['0.53'],
    );
  });

  it('the stored message carries the conversion the inbox shows', async () => {
    const sent = await client.sendSms(
      new Sms.SendSmsRequest({
        phoneNumbers: '13800138556',
        signName: '阿里云短信测试',
        templateCode: 'SMS_154950909',
        templateParam: '{"code":"5678"}',
      }),
    );
    await client.smsConversionIntl(new Sms.SmsConversionIntlRequest({ messageId: sent.body.bizId, delivered: false }));
    assert.equal(running.emulator.store.latest('13800138556')?.conversion?.delivered, false);
  });
});

describe('international conversion feedback (2018-05-01) through the official client', () => {
  it('SmsConversion with To and ConversionData answer every model field; the message and statistics show it', async () => {
    const sent = await intl.sendMessageToGlobe(
      new IntlSms.SendMessageToGlobeRequest({ to: '85291234500', message: 'Your code is 1357', from: 'Alisms' }),
    );
    const reported = await intl.smsConversion(
      new IntlSms.SmsConversionRequest({
        messageId: sent.body.messageId,
        to: '85291234500',
        delivered: true,
        conversionTime: Date.now(),
      }),
    );
    assert.equal(reported.body.responseCode, 'OK');
    // biome-ignore lint/suspicious/noExplicitAny: see missingModelFields
    assert.deepEqual(missingModelFields(IntlSms.SmsConversionResponseBody as any, reported.body.toMap()), []);
    const message = running.emulator.store.latest('+85291234500');
    assert.equal(message?.conversion?.delivered, true);
    const day = formatChinaDay(Date.parse(message?.sentAt ?? ''));
    const stats = await callAliyun(running.url, {
      action: 'QuerySendStatistics',
      params: { IsGlobe: '2', StartDate: day, EndDate: day, PageIndex: '1', PageSize: '10' },
    });
    assert.equal(stats.json.Data.TargetList[0].ConvertedCount, 1);
    const rate = await intl.conversionData(new IntlSms.ConversionDataRequest({ conversionRate: '0.7' }));
    assert.equal(rate.body.responseCode, 'OK');
    // biome-ignore lint/suspicious/noExplicitAny: see missingModelFields
    assert.deepEqual(missingModelFields(IntlSms.ConversionDataResponseBody as any, rate.body.toMap()), []);
    const wrongTo = await intl.smsConversion(
      new IntlSms.SmsConversionRequest({ messageId: sent.body.messageId, to: '85291234599', delivered: true }),
    );
    assert.equal(wrongTo.body.responseCode, 'isv.INVALID_PARAMETERS');
  });

  it('a raw RPC v1 call signed by hand reaches SmsConversion and ConversionData', async () => {
    const sent = await intl.sendMessageToGlobe(
      new IntlSms.SendMessageToGlobeRequest({ to: '85291234501', message: 'Your code is 2468', from: 'Alisms' }),
    );
    const raw = await callAliyun(running.url, {
      scheme: 'rpc',
      version: '2018-05-01',
      action: 'SmsConversion',
      params: { MessageId: sent.body.messageId, Delivered: 'true' },
    });
    assert.deepEqual([raw.status, raw.json.ResponseCode, raw.json.ResponseDescription], [200, 'OK', 'OK']);
    const rate = await callAliyun(running.url, {
      scheme: 'rpc',
      version: '2018-05-01',
      action: 'ConversionData',
      placement: 'form',
      params: { ConversionRate: '1' },
    });
    assert.equal(rate.json.ResponseCode, 'OK');
    const bad = await callAliyun(running.url, {
      scheme: 'rpc',
      version: '2018-05-01',
      action: 'ConversionData',
      params: { ConversionRate: '-0.1' },
    });
    assert.equal(bad.json.ResponseCode, 'isv.INVALID_PARAMETERS');
  });
});
