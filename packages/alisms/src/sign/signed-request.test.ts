import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { verifyRpcV1 } from './rpc-v1.js';
import { utf8Length } from './signed-request.js';
import { signV1Request } from './v1-request.js';
import { parseV3Authorization, verifyV3 } from './v3.js';
import { signV3Request } from './v3-request.js';

const host = '127.0.0.1:8787';
const names = fc
  .stringMatching(/^[A-Z][A-Za-z0-9.]{0,15}$/)
  .filter((n) => !/^(Signature|Action|Version|Format|AccessKeyId|SecurityToken|Timestamp)/.test(n));
const params = fc.dictionary(names, fc.string({ unit: 'grapheme', maxLength: 30 }), { maxKeys: 8 });

function decodeQuery(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    out[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
  }
  return out;
}

describe('request signers verify with the reference verifiers', () => {
  it('v1: random query and form parameters, with and without STS', () => {
    fc.assert(
      fc.property(params, fc.option(params, { nil: undefined }), fc.boolean(), (query, form, sts) => {
        const credentials = {
          accessKeyId: 'ak',
          accessKeySecret: 'sk',
          securityToken: sts ? 'tok en' : undefined,
          source: 't',
        };
        const signed = signV1Request({
          host,
          action: 'SendSms',
          version: '2017-05-25',
          query,
          form,
          credentials,
          now: 0,
          nonce: 'n-1',
        });
        const url = decodeQuery(signed.path.slice(2));
        const body = signed.body ? decodeQuery(signed.body) : {};
        const all = { ...body, ...url };
        assert.equal(all.SecurityToken, sts ? 'tok en' : undefined);
        return verifyRpcV1({ method: 'POST', params: all, accessKeySecret: 'sk', signature: url.Signature ?? '' }).ok;
      }),
      { numRuns: 300 },
    );
  });

  it('v3: random query and form parameters, with and without STS', () => {
    fc.assert(
      fc.property(params, fc.option(params, { nil: undefined }), fc.boolean(), (query, form, sts) => {
        const credentials = {
          accessKeyId: 'ak',
          accessKeySecret: 'sk',
          securityToken: sts ? 'tok' : undefined,
          source: 't',
        };
        const signed = signV3Request({
          host,
          action: 'SendSms',
          version: '2017-05-25',
          query,
          form,
          credentials,
          now: 0,
          nonce: 'n-1',
        });
        const auth = parseV3Authorization(signed.headers.authorization ?? '');
        if (!auth) return false;
        const wireQuery = signed.path.length > 2 ? decodeQuery(signed.path.slice(2)) : {};
        assert.deepEqual({ ...wireQuery }, { ...query });
        const request = { method: 'POST', query: wireQuery, headers: signed.headers, body: signed.body ?? '' };
        return verifyV3(request, auth, 'sk').ok;
      }),
      { numRuns: 300 },
    );
  });
});

describe('utf8Length', () => {
  it('equals the length of the UTF-8 encoding for random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        assert.equal(utf8Length(text), new TextEncoder().encode(text).length);
      }),
    );
  });
});
