import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalQuery } from '../sign/canonical-query.js';
import { fastCanonicalQuery } from './fast-canonical.js';

describe('fastCanonicalQuery', () => {
  it('equals the signers canonicalQuery for random unicode parameters', () => {
    const params = fc.dictionary(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.stringMatching(/^[A-Za-z0-9._~-]{0,20}$/)),
    );
    fc.assert(
      fc.property(params, (p) => fastCanonicalQuery(p) === canonicalQuery(p)),
      { numRuns: 500 },
    );
  });
  it('encodes the reserved characters Aliyun cares about', () => {
    const p = { TemplateParam: `{"name":"a b*~!'()"}`, 'Sign Name': '阿里云', Empty: '' };
    assert.equal(fastCanonicalQuery(p), canonicalQuery(p));
    assert.match(fastCanonicalQuery(p), /%20b%2A~%21%27%28%29/);
  });
});
