import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInvalidArgumentError } from 'alisms';
import { keySpace } from './keys.js';
import { fixedWindow, slidingWindow, windowStart } from './policies.js';

describe('limit policies', () => {
  it('are frozen values with a typed duration', () => {
    const p = slidingWindow(5, '1 h', 'destination-hour');
    assert.deepEqual(p, { name: 'destination-hour', algorithm: 'sliding', limit: 5, windowMs: 3_600_000, offsetMs: 0 });
    assert.ok(Object.isFrozen(p));
    assert.equal(slidingWindow(10, '10 s').name, 'sliding-10-per-10000ms');
  });

  it('refuse nonsense early', () => {
    for (const bad of [() => slidingWindow(0, '1 h'), () => slidingWindow(1.5, '1 h'), () => slidingWindow(1, 0)])
      assert.throws(bad, isInvalidArgumentError);
    assert.throws(() => slidingWindow(1, '1 h', 'has space'), isInvalidArgumentError);
    assert.throws(() => fixedWindow(1, '1 d', { utcOffsetMinutes: 900 }), isInvalidArgumentError);
  });

  it('fixed windows start at UTC midnight, or at local midnight for an offset', () => {
    const day = fixedWindow(1, '1 d');
    const at = Date.UTC(2026, 5, 3, 7, 45);
    assert.equal(windowStart(day, at), Date.UTC(2026, 5, 3));
    assert.equal(windowStart(fixedWindow(1, '1 d', { utcOffsetMinutes: 480 }), at), Date.UTC(2026, 5, 2, 16));
    assert.equal(windowStart(fixedWindow(1, '1 d', { utcOffsetMinutes: -300 }), at), Date.UTC(2026, 5, 3, 5));
  });
});

describe('keySpace', () => {
  it('puts every key under one hash tag', () => {
    const keys = keySpace('app:otp');
    assert.equal(keys.limit('cooldown', 'abc'), '{app:otp}:lim:cooldown:abc');
    assert.equal(keys.limit('day', 'all', 1000), '{app:otp}:lim:day:all:1000');
    assert.equal(keys.custom('code', 'x_y-z'), '{app:otp}:code:x_y-z');
    assert.equal(keys.pattern, '{app:otp}:*');
  });

  it('refuses parts that could break out of the key layout', () => {
    assert.throws(() => keySpace('a}b'), isInvalidArgumentError);
    assert.throws(() => keySpace('ok').custom('code', 'a b'), isInvalidArgumentError);
    assert.throws(() => keySpace('ok').limit('x', '{tag}'), isInvalidArgumentError);
  });
});
