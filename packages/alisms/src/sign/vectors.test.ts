import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { signatureVectors } from '../../../../test/helpers/spec.js';
import { percentEncode } from './percent-encode.js';
import { rpcV1StringToSign, signRpcV1, verifyRpcV1 } from './rpc-v1.js';
import { hashPayload, parseV3Authorization, signV3, v3CanonicalRequest, verifyV3 } from './v3.js';

const vectors = signatureVectors();

describe('signature vectors from the spec', () => {
  it('has vectors to run', () => {
    assert.ok(vectors.rpc_v1.length >= 6 && vectors.v3.length >= 4);
  });
  for (const [input, expected] of Object.entries(vectors.percent_encode)) {
    it(`percentEncode(${JSON.stringify(input)})`, () => assert.equal(percentEncode(input), expected));
  }
  for (const v of vectors.rpc_v1) {
    it(`rpc v1: ${v.name}`, () => {
      if (v.stringToSign) assert.equal(rpcV1StringToSign(v.method, v.params), v.stringToSign);
      assert.equal(signRpcV1({ method: v.method, params: v.params, accessKeySecret: v.accessKeySecret }), v.signature);
      const ok = verifyRpcV1({ ...v, params: { ...v.params, Signature: v.signature }, signature: v.signature });
      assert.equal(ok.ok, true);
      const bad = verifyRpcV1({ ...v, accessKeySecret: `${v.accessKeySecret}x`, signature: v.signature });
      assert.equal(bad.ok, false);
    });
  }
  for (const v of vectors.v3) {
    it(`v3: ${v.name}`, () => {
      const headers = {
        ...v.headers,
        'x-acs-content-sha256': v.headers['x-acs-content-sha256'] ?? hashPayload(v.body),
      };
      const request = { method: v.method, query: v.query, headers, body: v.body };
      const signed = signV3(request, v.accessKeyId, v.accessKeySecret);
      if (v.canonicalRequest) assert.equal(signed.canonicalRequest, v.canonicalRequest);
      assert.equal(signed.stringToSign.split('\n')[1], v.hashedCanonicalRequest);
      assert.equal(signed.signature, v.signature);
      const auth = parseV3Authorization(signed.authorization);
      assert.ok(auth);
      assert.equal(verifyV3(request, auth, v.accessKeySecret).ok, true);
      assert.equal(verifyV3({ ...request, query: { ...v.query, X: '1' } }, auth, v.accessKeySecret).ok, false);
      assert.equal(v3CanonicalRequest(request, auth.signedHeaders), signed.canonicalRequest);
    });
  }
});

describe('sign/verify round trip (property)', () => {
  const params = fc.dictionary(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  );
  it('rpc v1: verify(sign(x)) for random unicode params', () => {
    fc.assert(
      fc.property(params, fc.constantFrom('GET', 'POST'), fc.string({ minLength: 1 }), (p, method, secret) => {
        const signature = signRpcV1({ method, params: p, accessKeySecret: secret });
        return verifyRpcV1({ method, params: { ...p, Signature: signature }, accessKeySecret: secret, signature }).ok;
      }),
      { numRuns: 300 },
    );
  });
  it('v3: verify(sign(x)) for random unicode query and body', () => {
    fc.assert(
      fc.property(params, fc.string({ unit: 'grapheme', maxLength: 80 }), (query, body) => {
        const headers = {
          host: '127.0.0.1:8787',
          'x-acs-action': 'SendSms',
          'x-acs-version': '2017-05-25',
          'x-acs-date': '2026-01-01T00:00:00Z',
          'x-acs-signature-nonce': 'n',
          'x-acs-content-sha256': hashPayload(body),
        };
        const request = { method: 'POST', query, headers, body };
        const auth = parseV3Authorization(signV3(request, 'ak', 'sk').authorization);
        return auth !== undefined && verifyV3(request, auth, 'sk').ok && !verifyV3(request, auth, 'sk2').ok;
      }),
      { numRuns: 300 },
    );
  });
});
