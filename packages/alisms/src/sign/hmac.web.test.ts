import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hmac as nodeHmac } from './hmac.js';
import { hmac, sha256Hex } from './hmac.web.js';
import { sha1, toHex } from './sha.js';

describe('pure-JS SHA and HMAC of the Web build', () => {
  it('sha1/sha256 equal node:crypto for random bytes, across block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(toHex(sha1(bytes)), createHash('sha1').update(bytes).digest('hex'));
        assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
    for (const n of [55, 56, 63, 64, 65, 119, 120, 128]) {
      const bytes = new Uint8Array(n).fill(0x61);
      assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'), `length ${n}`);
    }
  });

  it('hmac equals createHmac and the Node build for random unicode keys (long ones too) and messages', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sha1' as const, 'sha256' as const),
        fc.string({ unit: 'grapheme', maxLength: 90 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.constantFrom('hex' as const, 'base64' as const),
        (algorithm, key, message, encoding) => {
          const expected = createHmac(algorithm, key).update(message, 'utf8').digest(encoding);
          assert.equal(hmac(algorithm, key, message, encoding), expected);
          assert.equal(nodeHmac(algorithm, key, message, encoding), expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
