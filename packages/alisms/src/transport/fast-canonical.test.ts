import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalQuery, compareNames } from '../sign/canonical-query.js';
import { fastCanonicalQuery, mergedCanonicalQuery, sortedNames } from './fast-canonical.js';

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

  it('sorts names in byte order, as Array.prototype.sort with a byte comparison does', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), fc.constant('v')), (p) => {
        assert.deepEqual(sortedNames(p), Object.keys(p).sort(compareNames));
      }),
    );
  });
  it('merges fixed encoded parameters into the sorted ones, leaving out undefined values', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/), fc.string({ unit: 'grapheme', maxLength: 10 })),
        fc.boolean(),
        (p, withToken) => {
          const fixed = { AccessKeyId: 'ak', Format: 'JSON', Timestamp: '2026-01-01T00:00:00Z' };
          const values = ['ak', 'JSON', '2026-01-01T00%3A00%3A00Z', withToken ? 'tok' : undefined];
          const all: Record<string, string> = { ...fixed, ...(withToken ? { Token: 'tok' } : {}), ...p };
          // Only comparable when the random names do not shadow a fixed one.
          fc.pre(!Object.keys(p).some((n) => n in fixed || n === 'Token'));
          const merged = mergedCanonicalQuery(p, ['AccessKeyId', 'Format', 'Timestamp', 'Token'], values);
          assert.equal(merged, canonicalQuery(all));
        },
      ),
    );
  });
});
