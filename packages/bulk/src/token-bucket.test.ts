import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { gcraTolerance } from './gcra.js';
import { maxInSlidingWindow } from './sliding-window.js';
import { TokenBucket } from './token-bucket.js';

function setup(rate: number) {
  const clock = new ManualClock(0);
  const sleep = async (ms: number) => clock.advance(ms);
  return { clock, bucket: new TokenBucket({ rate, clock, sleep }) };
}

describe('TokenBucket (GCRA)', () => {
  it('hands out calls at the configured rate', async () => {
    const { clock, bucket } = setup(50);
    for (let i = 0; i < 501; i++) await bucket.take();
    // 501 calls at 50 per second: the first 1 + burst are free, the rest are 20 ms apart.
    const burst = gcraTolerance(50) / 20;
    assert.equal(clock.now(), (500 - burst) * 20);
  });

  for (const rate of [1, 5, 7.5, 12.5, 15, 30, 50, 333]) {
    it(`never puts more than 110% of ${rate}/s in any sliding second, with concurrent callers and idle gaps`, async () => {
      const { clock, bucket } = setup(rate);
      const times: number[] = [];
      for (let round = 0; round < 4; round++) {
        await Promise.all(
          Array.from({ length: Math.ceil(rate * 3) }, async () => {
            await bucket.take();
            times.push(clock.now());
          }),
        );
        clock.advance(5_000); // idle: a burst may build up, but no more than the tolerance
      }
      const peak = maxInSlidingWindow(times);
      assert.ok(peak <= Math.max(1, 1.1 * rate), `peak ${peak} calls in a sliding second for ${rate}/s`);
      assert.ok(peak >= Math.floor(rate), `peak ${peak}: the limiter is too strict for ${rate}/s`);
    });
  }

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

describe('maxInSlidingWindow', () => {
  it('counts half-open windows', () => {
    assert.equal(maxInSlidingWindow([0, 100, 999, 1000]), 3);
    assert.equal(maxInSlidingWindow([5, 0, 2000]), 2);
    assert.equal(maxInSlidingWindow([]), 0);
  });
});
