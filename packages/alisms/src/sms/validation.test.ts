import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInvalidArgumentError } from '../core/invalid-argument-error.js';
import type { HttpRequest } from '../transport/http-types.js';
import { IntlSmsClient } from './intl-sms-client.js';
import { SmsClient } from './sms-client.js';

function clients() {
  const requests: HttpRequest[] = [];
  const options = {
    accessKeyId: 'id',
    accessKeySecret: 'secret',
    env: {},
    transport: async (r: HttpRequest) => {
      requests.push(r);
      return { status: 200, headers: {}, body: '{"Code":"OK","ResponseCode":"OK","RequestId":"R","BizId":"B"}' };
    },
  };
  return { sms: new SmsClient(options), intl: new IntlSmsClient(options), requests };
}

const BASE = { signName: 'S', templateCode: 'SMS_1' };
const query = (r: HttpRequest | undefined) => Object.fromEntries(new URLSearchParams((r?.path ?? '').slice(2)));

describe('SmsClient validates before any I/O', () => {
  const bad: Array<[string, () => Promise<unknown>, RegExp]> = [];
  const { sms, intl, requests } = clients();
  bad.push(['a 10-digit number', () => sms.sendSms({ ...BASE, phoneNumbers: '1380013800' }), /phoneNumbers\[0\]/]);
  bad.push(['letters', () => sms.sendSms({ ...BASE, phoneNumbers: 'call-me' }), /not a phone number/]);
  bad.push(['no number', () => sms.sendSms({ ...BASE, phoneNumbers: [] }), /at least one/]);
  bad.push([
    '1001 numbers',
    () => sms.sendSms({ ...BASE, phoneNumbers: Array.from({ length: 1001 }, () => '13800138000') }),
    /at most 1000/,
  ]);
  bad.push([
    'a numeric template value',
    () => sms.sendSms({ ...BASE, phoneNumbers: '13800138000', templateParam: { code: 1234 } as never }),
    /templateParam\.code: is a number; pass it as a string \("1234"\)/,
  ]);
  bad.push([
    'templateParam JSON with a number',
    () => sms.sendSms({ ...BASE, phoneNumbers: '13800138000', templateParam: '{"code":1}' }),
    /is a number/,
  ]);
  bad.push([
    'an OutId of 256 chars',
    () => sms.sendSms({ ...BASE, phoneNumbers: '13800138000', outId: 'x'.repeat(256) }),
    /outId/,
  ]);
  bad.push([
    '101 batch messages',
    () =>
      sms.sendBatchSms({
        templateCode: 'SMS_1',
        messages: Array.from({ length: 101 }, () => ({ phoneNumber: '13800138000', signName: 'S' })),
      }),
    /at most 100/,
  ]);
  bad.push([
    'a batch message without a signature',
    () => sms.sendBatchSms({ templateCode: 'SMS_1', messages: [{ phoneNumber: '13800138000', signName: '' }] }),
    /messages\[0\]\.signName/,
  ]);
  bad.push([
    'a bad sendDate',
    () => sms.querySendDetails({ phoneNumber: '13800138000', sendDate: '2026-01-01' }),
    /yyyyMMdd/,
  ]);
  bad.push([
    'pageSize 51',
    () => sms.querySendDetails({ phoneNumber: '13800138000', sendDate: '20260101', pageSize: 51 }),
    /1 to 50/,
  ]);
  bad.push([
    'a mainland number to Globe',
    () => intl.sendMessageToGlobe({ to: '+8613800138000', message: 'x' }),
    /mainland/,
  ]);
  bad.push([
    'a sender ID of 12 letters',
    () => intl.sendMessageToGlobe({ to: '85212345678', message: 'x', from: 'ABCDEFGHIJKL' }),
    /sender ID/,
  ]);
  bad.push([
    'misaligned batch texts',
    () => intl.batchSendMessageToGlobe({ to: ['85212345678', '85212345679'], message: ['a'] }),
    /align/,
  ]);
  bad.push([
    'a foreign number to SendMessageWithTemplate',
    () => intl.sendMessageWithTemplate({ to: '85212345678', from: 'S', templateCode: 'T' }),
    /mainland/,
  ]);

  for (const [name, call, pattern] of bad) {
    it(`rejects ${name} with InvalidArgumentError and sends nothing`, async () => {
      const before = requests.length;
      await assert.rejects(call(), (e: unknown) => isInvalidArgumentError(e) && pattern.test((e as Error).message));
      assert.equal(requests.length, before);
    });
  }

  it('masks the phone number in validation messages', async () => {
    await assert.rejects(sms.sendSms({ ...BASE, phoneNumbers: '138001380001234567' }), (e: Error) => {
      assert.doesNotMatch(e.message, /138001380001234567/);
      return true;
    });
  });
});

describe('SmsClient accepts idiomatic inputs', () => {
  it('mainland prefixes, comma-separated strings, spaces and dashes; a JSON string templateParam', async () => {
    const { sms, requests } = clients();
    await sms.sendSms({
      ...BASE,
      phoneNumbers: '+8613800138000, 008613900139000,86 139-0013-9001,13700137000',
      templateParam: '{"code":"12"}',
    });
    const q = query(requests[0]);
    assert.equal(q.PhoneNumbers, '+8613800138000,008613900139000,8613900139001,13700137000');
    assert.equal(q.TemplateParam, '{"code":"12"}');
  });

  it('international numbers through SendSms (country code + number)', async () => {
    const { sms, requests } = clients();
    await sms.sendSms({ ...BASE, phoneNumbers: ['85212345678'] });
    assert.equal(query(requests[0]).PhoneNumbers, '85212345678');
  });

  it('a Date sendDate is the UTC+8 calendar day', async () => {
    const { sms, requests } = clients();
    await sms.querySendDetails({ phoneNumber: '13800138000', sendDate: new Date('2026-03-31T16:30:00Z') });
    await sms.querySendDetails({ phoneNumber: '13800138000', sendDate: new Date('2026-03-31T15:59:59Z') });
    assert.equal(query(requests[0]).SendDate, '20260401');
    assert.equal(query(requests[1]).SendDate, '20260331');
  });

  it('generates a distinct OutId per send when none is given', async () => {
    const { sms } = clients();
    const a = await sms.sendSms({ ...BASE, phoneNumbers: '13800138000' });
    const b = await sms.sendSms({ ...BASE, phoneNumbers: '13800138000' });
    assert.notEqual(a.outId, b.outId);
    assert.equal((await sms.sendSms({ ...BASE, phoneNumbers: '13800138000', outId: 'mine' })).outId, 'mine');
  });
});
