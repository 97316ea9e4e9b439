import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay as sdkBackoffDelay } from 'alisms';
import { backoffDelay } from './backoff.js';

describe('bulk backoffDelay', () => {
  it('is the SDK backoff with bulk’s base (500 ms) and cap (30 s)', () => {
    for (const attempt of [0, 1, 3, 6, 12])
      for (const r of [0.1, 0.5, 0.99])
        assert.equal(
          backoffDelay(attempt, undefined, undefined, () => r),
          sdkBackoffDelay(attempt, { baseMs: 500, capMs: 30_000, minMs: 125, random: () => r }),
        );
    assert.equal(
      backoffDelay(20, undefined, undefined, () => 0.999999),
      29_999,
    );
  });

  it('never waits less than a quarter of the base: a throttled job must slow down', () => {
    assert.equal(
      backoffDelay(0, undefined, undefined, () => 0),
      125,
    );
    assert.equal(
      backoffDelay(4, 1_000, 60_000, () => 0),
      250,
    );
  });
});
