import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cachedSubjectId, generateCode, hashCode, hmacKey, sameHash, subjectId } from './code.js';

describe('codes', () => {
  it('have exactly the configured number of digits, leading zeros kept', () => {
    for (const digits of [4, 6, 10])
      for (let i = 0; i < 50; i++) assert.match(generateCode(digits), new RegExp(`^\\d{${digits}}$`));
  });

  it('use every digit in every position (no modulo bias to a subset)', () => {
    const seen = Array.from({ length: 4 }, () => new Set<string>());
    for (let i = 0; i < 400; i++) {
      for (const [p, d] of [...generateCode(4)].entries()) seen[p]?.add(d);
    }
    for (const s of seen) assert.equal(s.size, 10);
  });

  it('hash with the secret, bound to destination and purpose', () => {
    const h = hashCode('secret', '+8613800138000', 'login', '123456');
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.ok(!h.includes('123456'));
    assert.notEqual(h, hashCode('secret2', '+8613800138000', 'login', '123456'));
    assert.notEqual(h, hashCode('secret', '+8613800138001', 'login', '123456'));
    assert.notEqual(h, hashCode('secret', '+8613800138000', 'reset', '123456'));
    assert.ok(sameHash(h, hashCode('secret', '+8613800138000', 'login', '123456')));
    assert.ok(!sameHash(h, hashCode('secret', '+8613800138000', 'login', '123457')));
    assert.ok(!sameHash(h, 'abc'));
  });

  it('subject ids are stable, key-safe and reveal nothing', () => {
    const id = subjectId('secret', 'to', '+8613800138000');
    assert.equal(id, subjectId('secret', 'to', '+8613800138000'));
    assert.match(id, /^[A-Za-z0-9_-]{27}$/);
    assert.notEqual(id, subjectId('secret', 'ip', '+8613800138000'));
  });

  it('a prepared key and the memorised ids give the same values as the plain secret', () => {
    const key = hmacKey('secret');
    assert.equal(
      hashCode(key, '+8613800138000', 'login', '123456'),
      hashCode('secret', '+8613800138000', 'login', '123456'),
    );
    const ids = cachedSubjectId(key, 2);
    for (const [kind, value] of [
      ['to', 'a'],
      ['ip', 'b'],
      ['to', 'a'],
      ['prefix', 'c'],
      ['to', 'a'],
      ['ip', 'b'],
    ])
      assert.equal(ids(kind as string, value as string), subjectId('secret', kind as string, value as string));
  });
});
