import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePhoneNumber, recipientKey } from './phone.js';

describe('phone numbers', () => {
  it('every mainland prefix form has one key', () => {
    for (const form of ['13800138000', '+8613800138000', '008613800138000', '8613800138000'])
      assert.deepEqual(parsePhoneNumber(form), { key: '8613800138000', mainland: true });
  });
  it('international numbers keep their country code', () => {
    assert.deepEqual(parsePhoneNumber('+85291234567'), { key: '85291234567', mainland: false });
    assert.deepEqual(parsePhoneNumber('0085291234567'), { key: '85291234567', mainland: false });
  });
  it('malformed numbers are refused', () => {
    for (const bad of ['1380013800', '12800138000x', '', 'abc', '+86123', '861380013800'])
      assert.equal(parsePhoneNumber(bad), undefined, bad);
  });
  it('addresses match case-insensitively', () => {
    assert.equal(recipientKey('User@Example.COM'), 'user@example.com');
  });
});
