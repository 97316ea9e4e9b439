import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../core/clock.js';
import { memoize } from './memoize.js';
import { createCredentials } from './resolved-credentials.js';
import type { CredentialProvider, Credentials } from './types.js';

const MINUTE = 60_000;

/** A provider whose answers are queued by the test; counts calls. */
function scripted(clock: ManualClock) {
  const state = { calls: 0, lifetimeMs: 60 * MINUTE, fail: false, pending: [] as Array<() => void> };
  const provider: CredentialProvider = async () => {
    state.calls += 1;
    const n = state.calls;
    if (state.fail) throw new Error(`refresh ${n} failed`);
    return createCredentials({
      accessKeyId: `STS.id-${n}`,
      accessKeySecret: `secret-${n}`,
      securityToken: `token-${n}`,
      expiration: clock.now() + state.lifetimeMs,
      source: 'test',
    });
  };
  return { state, provider };
}

describe('memoize', () => {
  it('caches credentials without expiration until invalidate()', async () => {
    let calls = 0;
    const memo = memoize(async () => {
      calls += 1;
      return createCredentials({ accessKeyId: `id-${calls}`, accessKeySecret: 's', source: 'x' });
    });
    assert.equal((await memo()).accessKeyId, 'id-1');
    assert.equal((await memo()).accessKeyId, 'id-1');
    memo.invalidate();
    assert.equal((await memo()).accessKeyId, 'id-2');
    assert.equal(calls, 2);
  });

  it('refreshes refreshBeforeMs before expiration, not earlier', async () => {
    const clock = new ManualClock();
    const { state, provider } = scripted(clock);
    const memo = memoize(provider, { clock, refreshBeforeMs: 5 * MINUTE });
    assert.equal((await memo()).accessKeyId, 'STS.id-1');
    clock.advance(55 * MINUTE - 1); // 1 ms before the refresh point
    assert.equal((await memo()).accessKeyId, 'STS.id-1');
    assert.equal(state.calls, 1);
    clock.advance(1); // exactly expiration - 5 min
    assert.equal((await memo()).accessKeyId, 'STS.id-2');
    assert.equal(state.calls, 2);
  });

  it('defaults to refreshing 15 minutes before expiration', async () => {
    const clock = new ManualClock();
    const { state, provider } = scripted(clock);
    const memo = memoize(provider, { clock });
    await memo();
    clock.advance(45 * MINUTE - 1);
    await memo();
    assert.equal(state.calls, 1);
    clock.advance(1);
    await memo();
    assert.equal(state.calls, 2);
  });

  it('lets concurrent callers share one in-flight resolution', async () => {
    let calls = 0;
    let release: (c: Credentials) => void = () => {};
    const memo = memoize(() => {
      calls += 1;
      return new Promise<Credentials>((resolve) => {
        release = resolve;
      });
    });
    const waiting = [memo(), memo(), memo()];
    assert.equal(calls, 1);
    release(createCredentials({ accessKeyId: 'shared', accessKeySecret: 's', source: 'x' }));
    const results = await Promise.all(waiting);
    assert.deepEqual(
      results.map((c) => c.accessKeyId),
      ['shared', 'shared', 'shared'],
    );
    assert.equal(calls, 1);
  });

  it('does not cache a failure: the next call tries again', async () => {
    const clock = new ManualClock();
    const { state, provider } = scripted(clock);
    const memo = memoize(provider, { clock });
    state.fail = true;
    await assert.rejects(memo(), /refresh 1 failed/);
    state.fail = false;
    assert.equal((await memo()).accessKeyId, 'STS.id-2');
  });

  it('keeps serving still-valid credentials when a refresh fails, and retries on the next call', async () => {
    const clock = new ManualClock();
    const { state, provider } = scripted(clock);
    const memo = memoize(provider, { clock, refreshBeforeMs: 10 * MINUTE });
    await memo();
    clock.advance(55 * MINUTE); // inside the refresh window, 5 min before expiry
    state.fail = true;
    assert.equal((await memo()).accessKeyId, 'STS.id-1');
    assert.equal(state.calls, 2);
    state.fail = false;
    assert.equal((await memo()).accessKeyId, 'STS.id-3');
  });

  it('rejects once the old credentials have expired and the refresh fails', async () => {
    const clock = new ManualClock();
    const { state, provider } = scripted(clock);
    const memo = memoize(provider, { clock });
    await memo();
    clock.advance(60 * MINUTE);
    state.fail = true;
    await assert.rejects(memo(), /refresh 2 failed/);
  });

  it('uses short-lived credentials for half their remaining life instead of refetching on every call', async () => {
    const clock = new ManualClock();
    const { state, provider } = scripted(clock);
    state.lifetimeMs = 4 * MINUTE; // shorter than the 15-minute window
    const memo = memoize(provider, { clock });
    await memo();
    clock.advance(2 * MINUTE - 1);
    await memo();
    assert.equal(state.calls, 1);
    clock.advance(1);
    await memo();
    assert.equal(state.calls, 2);
  });

  it('does not let a resolution started before invalidate() refill the cache', async () => {
    let calls = 0;
    const releases: Array<() => void> = [];
    const memo = memoize(() => {
      calls += 1;
      const n = calls;
      return new Promise<Credentials>((resolve) => {
        releases.push(() => resolve(createCredentials({ accessKeyId: `id-${n}`, accessKeySecret: 's', source: 'x' })));
      });
    });
    const first = memo();
    memo.invalidate();
    const second = memo();
    releases[0]?.();
    releases[1]?.();
    assert.equal((await first).accessKeyId, 'id-1');
    assert.equal((await second).accessKeyId, 'id-2');
    assert.equal((await memo()).accessKeyId, 'id-2');
    assert.equal(calls, 2);
  });
});
