import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { HeapTrimmer, TRIM_EVERY_ROWS } from './heap-trim.js';

describe('HeapTrimmer', () => {
  it('runs a full collection once every TRIM_EVERY_ROWS rows: garbage is gone right after', async () => {
    let garbage: object | undefined = { rows: new Array(1000).fill('row') };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // A WeakRef's target is kept until the current job ends: let it end before counting rows.
    await turn();
    const trimmer = new HeapTrimmer();
    // Counting allocates nothing, so no scavenge can be what clears the reference.
    for (let i = 0; i < TRIM_EVERY_ROWS; i++) trimmer.tick();
    assert.equal(ref.deref(), undefined);
  });
});
