import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SmsClient } from 'alisms';
import { isMainland, normalizeBulkPhone } from './phone.js';

/** Whether SmsClient.sendSms takes `phone` (it validates before any I/O; the transport answers OK). */
async function smsClientAccepts(phone: string): Promise<boolean> {
  const sms = new SmsClient({
    accessKeyId: 'id',
    accessKeySecret: 'secret',
    env: {},
    transport: async () => ({ status: 200, headers: {}, body: '{"Code":"OK","RequestId":"R","BizId":"B"}' }),
  });
  try {
    await sms.sendSms({ phoneNumbers: phone, signName: 'S', templateCode: 'SMS_1' });
    return true;
  } catch {
    return false;
  } finally {
    sms.close();
  }
}

const INPUTS = [
  '85291234567',
  '+85291234567',
  '0085291234567',
  '13800138000',
  '+8613800138000',
  '008613800138000',
  '8613800138000',
  '+86 138-0013-8000',
  '(852) 9123 4567',
  '12025550100',
  '+12025550100',
  '1380013800',
  '861380013800',
  '+86123',
  '12800138000x',
  '0912345678',
  '1234567890123456',
  'abc',
  '',
];

describe('bulk phone numbers', () => {
  it('takes a bare country code + number, as SmsClient does (85291234567)', async () => {
    assert.equal(normalizeBulkPhone('85291234567'), '85291234567');
    assert.equal(await smsClientAccepts('85291234567'), true);
  });

  it('accepts exactly the numbers SmsClient accepts', async () => {
    for (const input of INPUTS)
      assert.equal(normalizeBulkPhone(input) !== undefined, await smsClientAccepts(input), `"${input}"`);
  });

  it('sends one form per person: mainland as 11 digits, others as country code + number', () => {
    for (const form of ['13800138000', '+8613800138000', '008613800138000', '8613800138000', '+86 138 0013 8000'])
      assert.equal(normalizeBulkPhone(form), '13800138000', form);
    for (const form of ['85291234567', '+85291234567', '0085291234567'])
      assert.equal(normalizeBulkPhone(form), '85291234567', form);
    assert.equal(isMainland('13800138000'), true);
    assert.equal(isMainland('85291234567'), false);
  });
});
