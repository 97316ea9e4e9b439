import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SendVerificationInput, VerificationService } from '../src/index.js';
import {
  createApp,
  createLogger,
  createMemoryReceiptStore,
  parseTrustedProxies,
  resolveClientIp,
} from '../src/index.js';

describe('client address behind proxies', () => {
  const trusted = parseTrustedProxies(['10.0.0.0/8', '192.168.1.5', '::1']);

  it('uses the socket address when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    assert.equal(resolveClientIp('203.0.113.9', '1.2.3.4', trusted), '203.0.113.9');
    assert.equal(resolveClientIp('203.0.113.9', undefined, trusted), '203.0.113.9');
  });

  it('takes the first untrusted hop from the right, so entries the client wrote change nothing', () => {
    // The client 198.51.100.7 wrote "6.6.6.6" itself; the trusted proxies appended what they saw.
    assert.equal(resolveClientIp('10.0.0.2', '6.6.6.6, 198.51.100.7, 10.0.0.1', trusted), '198.51.100.7');
    assert.equal(resolveClientIp('10.0.0.2', '198.51.100.7', trusted), '198.51.100.7');
    assert.equal(resolveClientIp('::ffff:192.168.1.5', '198.51.100.7', trusted), '198.51.100.7');
    assert.equal(resolveClientIp('::1', '2001:db8::1', trusted), '2001:db8::1');
  });

  it('stops at a garbage hop instead of believing what is left of it', () => {
    assert.equal(resolveClientIp('10.0.0.2', '6.6.6.6, not-an-ip, 10.0.0.1', trusted), '10.0.0.1');
  });

  it('trusts nobody by default and accepts the loopback/private shorthands', () => {
    assert.equal(resolveClientIp('127.0.0.1', '6.6.6.6', parseTrustedProxies([])), '127.0.0.1');
    const shorthand = parseTrustedProxies(['loopback', 'private']);
    assert.equal(resolveClientIp('127.0.0.1', '6.6.6.6, 172.16.3.4', shorthand), '6.6.6.6');
  });

  it('rejects entries that are not addresses or CIDRs', () => {
    assert.throws(() => parseTrustedProxies(['10.0.0.0/33']), /trustProxy/);
    assert.throws(() => parseTrustedProxies(['example.com']), /trustProxy/);
  });

  it('passes the resolved address to the verification service; a spoofed header from an untrusted peer is ignored', async () => {
    const seen: (string | undefined)[] = [];
    const verifications: VerificationService = {
      async send(input: SendVerificationInput) {
        seen.push(input.ip);
        return { ok: false, reason: 'invalid_number', message: 'x' };
      },
      async check() {
        return { status: 'rejected' };
      },
    };
    const app = createApp({
      verifications,
      receipts: createMemoryReceiptStore(),
      allowAnonymous: true,
      trustProxy: ['10.0.0.0/8'],
      logger: createLogger({ level: 'silent' }),
    });
    const send = (peer: string, xff: string) =>
      app.request(
        '/v1/verifications',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
          body: JSON.stringify({ to: '13800138000' }),
        },
        { incoming: { socket: { remoteAddress: peer } } },
      );
    await send('203.0.113.9', '1.1.1.1');
    await send('10.1.2.3', '1.1.1.1, 198.51.100.7');
    await send('10.1.2.3', '1.1.1.1, 198.51.100.7, 10.9.9.9');
    assert.deepEqual(seen, ['203.0.113.9', '198.51.100.7', '198.51.100.7']);
  });
});
