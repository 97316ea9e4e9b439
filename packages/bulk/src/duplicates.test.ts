import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuplicateTracker } from './duplicates.js';

describe('DuplicateTracker', () => {
  it('tells new, duplicate and conflicting rows apart across table growth', () => {
    const tracker = new DuplicateTracker();
    const phone = (i: number) => `139${String(i).padStart(8, '0')}`;
    // 200,000 distinct numbers: the table grows several times and must keep every entry.
    for (let i = 0; i < 200_000; i++) assert.equal(tracker.see(phone(i), `p${i}`), 'new');
    for (let i = 0; i < 200_000; i += 997) assert.equal(tracker.see(phone(i), `p${i}`), 'duplicate');
    assert.equal(tracker.see(phone(5), 'other'), 'conflict');
    assert.equal(tracker.see(phone(5), 'other'), 'duplicate');
    assert.equal(tracker.see(phone(5), 'p5'), 'duplicate');
    assert.equal(tracker.see('8613800138000', 'x'), 'new');
    assert.equal(tracker.see('8613800138000', 'x'), 'duplicate');
  });

  it('keeps every entry in a reserved table of any size, and a second pass after clear() agrees', () => {
    const tracker = new DuplicateTracker();
    const phone = (i: number) => `86138${String(i * 7919).padStart(10, '0')}`;
    // 100,003 rows: a table of 142,862 slots, not a power of two, so probing wraps at an odd end.
    tracker.reserve(100_003);
    for (let pass = 0; pass < 2; pass++) {
      tracker.clear();
      for (let i = 0; i < 100_003; i++) assert.equal(tracker.see(phone(i), `p${i}`), 'new');
      for (let i = 0; i < 100_003; i += 101) assert.equal(tracker.see(phone(i), `p${i}`), 'duplicate');
      assert.equal(tracker.see(phone(3), 'q'), 'conflict');
    }
    // Reserving less than it has keeps the table (and its entries).
    tracker.reserve(10);
    assert.equal(tracker.see(phone(99_999), 'p99999'), 'duplicate');
  });
});
