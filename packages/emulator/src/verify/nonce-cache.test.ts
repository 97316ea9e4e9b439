import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { NonceCache } from './nonce-cache.js';

describe('NonceCache', () => {
  it('refuses a repeat per AccessKeyId and forgets entries once their window is over', () => {
    const clock = new ManualClock();
    const cache = new NonceCache(clock);
    assert.equal(cache.remember('ak', 'n1', clock.now()), true);
    assert.equal(cache.remember('ak', 'n1', clock.now()), false);
    assert.equal(cache.remember('other', 'n1', clock.now()), true);
    clock.advance(15 * 60_000 + 1);
    assert.equal(cache.remember('ak', 'n2', clock.now()), true);
    // the sweep ran: only the fresh entry is left
    assert.equal(cache.size, 1);
  });

  it('a future-dated request keeps its nonce until its own timestamp expires', () => {
    const clock = new ManualClock();
    const cache = new NonceCache(clock);
    assert.equal(cache.remember('ak', 'n', clock.now() + 10 * 60_000), true);
    clock.advance(20 * 60_000);
    assert.equal(cache.remember('ak', 'n', clock.now()), false);
  });

  it('never holds more than its ceiling: the oldest nonces go first', () => {
    const clock = new ManualClock();
    const cache = new NonceCache(clock, 10);
    for (let i = 0; i < 11; i++) assert.equal(cache.remember('ak', `n${i}`, clock.now()), true);
    assert.equal(cache.size, 9);
    assert.equal(cache.remember('ak', 'n10', clock.now()), false);
    assert.equal(cache.remember('ak', 'n0', clock.now()), true);
  });
});
