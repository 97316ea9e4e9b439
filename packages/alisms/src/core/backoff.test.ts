import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const options = { baseMs: 100, capMs: 1_000 };

  it('draws below a ceiling that doubles per attempt up to the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, { ...options, random: () => 0.999999 });
    assert.deepEqual([0, 1, 2, 3, 4, 5, 10].map(top), [99, 199, 399, 799, 999, 999, 999]);
    assert.equal(backoffDelay(3, { ...options, random: () => 0.5 }), 400);
  });

  it('may draw 0 unless a minimum is given', () => {
    assert.equal(backoffDelay(2, { ...options, random: () => 0 }), 0);
    assert.equal(backoffDelay(2, { ...options, minMs: 25, random: () => 0 }), 25);
  });

  it('treats a negative attempt as the first', () => {
    assert.equal(backoffDelay(-3, { ...options, random: () => 0.5 }), 50);
  });
});
