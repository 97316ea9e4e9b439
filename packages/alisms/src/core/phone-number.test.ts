import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactPhone, parsePhoneNumber } from './phone-number.js';

describe('parsePhoneNumber', () => {
  it('gives every mainland prefix form one E.164 key and the 11-digit national form', () => {
    for (const form of ['13800138000', '+8613800138000', '008613800138000', '8613800138000', '+13800138000'])
      assert.deepEqual(
        parsePhoneNumber(form),
        { mainland: true, e164: '8613800138000', national: '13800138000' },
        form,
      );
  });

  it('takes other regions as country code + number, with or without + / 00', () => {
    for (const form of ['85291234567', '+85291234567', '0085291234567'])
      assert.deepEqual(parsePhoneNumber(form), { mainland: false, e164: '85291234567', national: '85291234567' });
    // North America: 1 + 10 digits (an area code starting 2 cannot be a mainland mobile number).
    assert.equal(parsePhoneNumber('+12025550100')?.mainland, false);
  });

  it('refuses what Aliyun refuses as malformed', () => {
    for (const bad of [
      '1380013800', // 10 digits
      '138001380001', // 12 digits starting with 1
      '861380013800', // 86 + not a mobile number
      '+86123',
      '12800138000x',
      '0912345678', // national format with a trunk 0
      '1234567890123456', // 16 digits
      '123456',
      '',
      'abc',
      '138 0013 8000', // separators are the caller's to remove
    ])
      assert.equal(parsePhoneNumber(bad), undefined, bad);
  });

  it('compactPhone removes spaces, dashes, dots and parentheses', () => {
    assert.equal(compactPhone(' +86 (138) 0013-8000.'), '+8613800138000');
  });
});
