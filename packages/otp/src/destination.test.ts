import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePhoneNumber } from 'alisms';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { clientIpGroup } from './client-ip.js';
import { defaultPhoneRules, normalizeEmail, normalizePhone } from './destination.js';
import { cachedResolver, resolveDestination } from './destination-key.js';

describe('normalizePhone', () => {
  it('maps every spelling of one number to one E.164 key and prefix', () => {
    const spellings = [
      '+86 138-0013-8000',
      '8613800138000',
      '008613800138000',
      '13800138000',
      '＋８６ １３８ ００１３ ８０００',
      '(+86) 138.0013.8000',
      '+86\u3000138 0013 8000',
    ];
    for (const s of spellings)
      assert.deepEqual(normalizePhone(s), { ok: true, e164: '+8613800138000', country: 'CN', prefix: '+861380013' }, s);
  });

  it('refuses other countries and non-mobile types by default', () => {
    assert.deepEqual(normalizePhone('+44 7911 123456'), { ok: false, reason: 'destination_not_allowed' });
    assert.deepEqual(
      normalizePhone('+86 10 6552 9988'),
      { ok: false, reason: 'destination_not_allowed' },
      'fixed line',
    );
    assert.deepEqual(
      normalizePhone('+86 400 123 4567'),
      { ok: false, reason: 'destination_not_allowed' },
      'shared cost',
    );
    const us = {
      allowedCountries: ['US' as const],
      allowedTypes: ['MOBILE' as const, 'FIXED_LINE_OR_MOBILE' as const],
      defaultCountry: 'US' as const,
    };
    assert.deepEqual(
      normalizePhone('+1 900 555 0123', us),
      { ok: false, reason: 'destination_not_allowed' },
      'premium',
    );
    assert.equal(normalizePhone('+1 201 555 0123', us).ok, true);
    // Aliyun reads `+` and 11 digits starting 13–19 as a mainland number (the SDK's parsePhoneNumber):
    // a code for this San Francisco number would go to 14155552671 in China.
    assert.deepEqual(normalizePhone('+1 415 555 2671', us), { ok: false, reason: 'destination_not_allowed' });
  });

  it('never accepts a number the SDK refuses or reads as another country (every country’s example number)', () => {
    const everywhere = { ...defaultPhoneRules, allowedCountries: getCountries() };
    let accepted = 0;
    for (const country of getCountries()) {
      const example = getExampleNumber(country, examples);
      if (!example) continue;
      const verdict = normalizePhone(example.number, everywhere);
      if (!verdict.ok) continue;
      accepted++;
      const aliyun = parsePhoneNumber(verdict.e164);
      assert.ok(aliyun, `${country} ${verdict.e164}: the SDK refuses it`);
      assert.equal(aliyun.mainland, country === 'CN', `${country} ${verdict.e164}`);
    }
    assert.ok(accepted > 200, `only ${accepted} countries' numbers accepted`);
  });

  it('refuses what is not a phone number', () => {
    for (const s of ['', 'abc', '12345', '+86 138 0013 800', '1380013800012345678', '138-0013-8000; DROP'])
      assert.deepEqual(normalizePhone(s), { ok: false, reason: 'invalid_destination' }, s);
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and removes spaces and full-width forms', () => {
    assert.equal(normalizeEmail(' Alice@Example.COM '), 'alice@example.com');
    assert.equal(normalizeEmail('ａｌｉｃｅ＠example.com'), 'alice@example.com');
    assert.equal(normalizeEmail('alice @ example.com'), 'alice@example.com');
  });
  it('refuses non-addresses', () => {
    for (const s of ['alice', 'alice@', '@example.com', 'a@b', 'a@@b.com', `${'a'.repeat(65)}@example.com`])
      assert.equal(normalizeEmail(s), undefined, s);
  });
});

describe('clientIpGroup', () => {
  it('keeps IPv4 and unwraps IPv4-mapped IPv6', () => {
    assert.equal(clientIpGroup('203.0.113.7'), '203.0.113.7');
    assert.equal(clientIpGroup('::ffff:203.0.113.7'), '203.0.113.7');
  });
  it('groups IPv6 by /64 whatever the spelling', () => {
    const group = '2001:0db8:0001:0002::/64';
    for (const ip of ['2001:db8:1:2::1', '2001:DB8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:0000:0000:0000:0009'])
      assert.equal(clientIpGroup(ip), group, ip);
    assert.equal(clientIpGroup('2001:db8:1:3::1'), '2001:0db8:0001:0003::/64');
    assert.equal(clientIpGroup('::1'), '0000:0000:0000:0000::/64');
  });
  it('refuses non-addresses', () => {
    for (const s of ['', 'localhost', '1.2.3', '2001:db8::g']) assert.equal(clientIpGroup(s), undefined, s);
  });
});

describe('cachedResolver', () => {
  it('answers as resolveDestination does, per channel, and keeps at most `size` answers', () => {
    const resolve = cachedResolver(defaultPhoneRules, undefined, 2);
    const inputs: [string, 'sms' | 'email' | undefined][] = [
      ['+86 138-0013-8000', 'sms'],
      ['+86 138-0013-8000', 'email'],
      ['Bob@Example.com', undefined],
      ['12345', 'sms'],
      ['+86 138-0013-8000', 'sms'],
      ['Bob@Example.com', 'sms'],
    ];
    for (const [to, channel] of inputs)
      for (let i = 0; i < 2; i++)
        assert.deepEqual(resolve(to, channel), resolveDestination(to, channel, defaultPhoneRules));
    const first = resolve('13800138000', 'sms');
    assert.equal(resolve('13800138000', 'sms'), first, 'a repeat is served from memory');
    assert.equal(resolve('13800138000', undefined), first, 'a check (no channel) finds what a send stored');
    resolve('13900139000', 'sms');
    resolve('alice@example.com', 'email');
    assert.notEqual(resolve('13800138000', 'sms'), first, 'the least recently used answer was dropped');
  });
});
