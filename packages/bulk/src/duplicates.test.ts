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
});
