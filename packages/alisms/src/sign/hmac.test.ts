import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hmac, sha256Hex } from './hmac.js';

const reference = (
  algorithm: 'sha1' | 'sha256' | 'sha512' | 'md5',
  key: string,
  message: string,
  encoding: 'hex' | 'base64',
) => createHmac(algorithm, key).update(message, 'utf8').digest(encoding);

describe('hmac', () => {
  it('matches RFC 4231 test case 2 (key "Jefe")', () => {
    assert.equal(
      hmac('sha256', 'Jefe', 'what do ya want for nothing?', 'hex'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('equals createHmac for any key and message (fast path and fallback)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sha1' as const, 'sha256' as const, 'sha512' as const, 'md5' as const),
        // Printable ASCII up to one block takes the fast path; longer or non-ASCII keys the fallback.
        fc.oneof(
          fc.string({ maxLength: 64 }),
          fc.string({ minLength: 65, maxLength: 100 }),
          fc.string({ unit: 'binary' }),
        ),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom('hex' as const, 'base64' as const),
        (algorithm, key, message, encoding) => {
          assert.equal(hmac(algorithm, key, message, encoding), reference(algorithm, key, message, encoding));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps keys apart when several are in use', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `secret-${i}`);
    for (const round of [1, 2])
      for (const key of keys)
        assert.equal(hmac('sha256', key, `m${round}`, 'hex'), reference('sha256', key, `m${round}`, 'hex'));
  });
});

describe('sha256Hex', () => {
  it('equals createHash for text and bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'));
        const bytes = Buffer.from(text, 'utf8');
        assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'));
      }),
    );
  });
});
