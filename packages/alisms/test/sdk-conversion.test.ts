// SmsClient's conversion feedback against the emulator, and its validation before any I/O.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { IntlSmsClient, isAliyunApiError, isInvalidArgumentError, SmsClient } from '../src/index.js';

describe('SmsClient conversion feedback', () => {
  let running: RunningEmulator;
  let sms: SmsClient;
  before(async () => {
    running = await startEmulator({ delivery: false });
    sms = new SmsClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: running.url });
  });
  after(async () => {
    sms.close();
    await running.close();
  });

  it('reports a conversion for a sent message and a rate; the emulator records both', async () => {
    const { bizId } = await sms.sendSms({
      phoneNumbers: '13800138666',
      signName: '阿里云短信测试',
      templateCode: 'SMS_154950909',
      templateParam: { code: '1234' },
    });
    assert.match((await sms.smsConversionIntl({ messageId: bizId })).requestId, /^[0-9A-F-]{36}$/);
    await sms.conversionDataIntl({ conversionRate: 0.5 });
    const seen = (await (await fetch(`${running.url}/_emulator/api/conversions`)).json()) as {
      messages: { messageId: string }[];
      rates: { conversionRate: string }[];
    };
    assert.deepEqual(
      seen.messages.map((m) => m.messageId),
      [bizId],
    );
    assert.deepEqual(
      seen.rates.map((r) => r.conversionRate),
      ['0.5'],
    );
    await assert.rejects(sms.smsConversionIntl({ messageId: 'unknown' }), (e) => isAliyunApiError(e));
  });

  it('validates before sending', async () => {
    await assert.rejects(sms.smsConversionIntl({ messageId: '' }), (e) => isInvalidArgumentError(e));
    await assert.rejects(sms.conversionDataIntl({ conversionRate: 2 }), (e) => isInvalidArgumentError(e));
    await assert.rejects(sms.smsConversionIntl({ messageId: 'x', conversionTime: -1 }), (e) =>
      isInvalidArgumentError(e),
    );
  });

  it('IntlSmsClient: smsConversion (with to) and conversionData reach the emulator; validation first', async () => {
    const intl = new IntlSmsClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: running.url });
    try {
      const { messageId } = await intl.sendMessageToGlobe({ to: '+85291234502', message: 'Code 8080' });
      await intl.smsConversion({ messageId, to: '+85291234502', conversionTime: new Date() });
      assert.equal(running.emulator.store.latest('+85291234502')?.conversion?.delivered, true);
      await intl.conversionData({ conversionRate: 0.25 });
      await assert.rejects(intl.smsConversion({ messageId: 'unknown' }), (e) => isAliyunApiError(e));
      await assert.rejects(intl.smsConversion({ messageId, to: 'abc' }), (e) => isInvalidArgumentError(e));
      await assert.rejects(intl.conversionData({ conversionRate: -1 }), (e) => isInvalidArgumentError(e));
    } finally {
      intl.close();
    }
  });
});
