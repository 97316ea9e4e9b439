import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { TokenBucket } from './token-bucket.js';

function setup(rate: number) {
  const clock = new ManualClock(0);
  const sleep = async (ms: number) => clock.advance(ms);
  return { clock, bucket: new TokenBucket({ rate, clock, sleep }) };
}

describe('TokenBucket', () => {
  it('hands out tokens at the configured rate', async () => {
    const { clock, bucket } = setup(50);
    for (let i = 0; i < 501; i++) await bucket.take();
    // 501 calls at 50 per second: the first is free, the other 500 take 10 s (±1 token of burst).
    assert.ok(clock.now() >= 9_980 && clock.now() <= 10_020, `elapsed ${clock.now()} ms`);
  });

  it('serves concurrent callers without exceeding the rate', async () => {
    const { clock, bucket } = setup(100);
    await Promise.all(Array.from({ length: 201 }, () => bucket.take()));
    assert.ok(clock.now() >= 1_980 && clock.now() <= 2_020, `elapsed ${clock.now()} ms`);
  });

  it('pause holds every caller back, slowDown halves the rate and recover restores it', async () => {
    const { clock, bucket } = setup(10);
    await bucket.take();
    bucket.pause(5_000);
    await bucket.take();
    assert.ok(clock.now() >= 5_000);
    bucket.slowDown();
    assert.equal(bucket.currentRate, 5);
    for (let i = 0; i < 10; i++) bucket.recover();
    assert.equal(bucket.currentRate, 10);
  });
});
