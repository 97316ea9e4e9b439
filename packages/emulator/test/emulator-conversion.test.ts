// Conversion feedback (SmsConversionIntl, ConversionDataIntl) through the official dysmsapi client: every field
// of the response models, unknown messages refused, and the reports shown in statistics and the inspection API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Sms from '@alicloud/dysmsapi20170525';
import * as OpenApi from '@alicloud/openapi-client';
import { missingModelFields, officialClient } from '../../../test/helpers/official-models.js';
import { type RunningEmulator, startEmulator } from '../src/index.js';
import { callAliyun } from '../src/testing/signed-request.js';
import { formatChinaDay } from '../src/wire/dates.js';

let running: RunningEmulator;
// biome-ignore lint/suspicious/noExplicitAny: the official client is untyped (see officialClient)
let client: any;

before(async () => {
  running = await startEmulator({ delivery: false });
  client = officialClient(Sms, OpenApi, running.url);
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
});
