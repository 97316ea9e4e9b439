/**
 * The generic cell rate algorithm (GCRA), the limiter shared by a local job and every queue worker
 * (the Redis script in queue/rate-limit.lua runs the same arithmetic). One call is due every
 * `interval` ms; a call may come up to `tolerance` ms early, which is the whole burst allowance.
 *
 * Why the tolerance is what it is: with calls at least `interval` apart except for a total
 * advance of `tolerance`, any sliding second holds fewer than `1000 / interval + tolerance / interval + 1`
 * calls. {@link gcraTolerance} keeps that at most 105% of the rate, under the 110% cap with room to spare.
 */
export interface GcraState {
  /** Theoretical arrival time of the next call (epoch ms). */
  tat: number;
}

/** Milliseconds between calls at `rate` calls per second. */
export function gcraInterval(rate: number): number {
  return 1000 / rate;
}

/**
 * The burst allowance in ms: `b` whole calls, half of the 10% over `rate` that a sliding second may
 * hold (`ceil(rate) + 2b ≤ 1.1 × rate`). Grants alone could use all of it; the other half is
 * headroom for what happens between a grant and the request leaving (signing, a busy event loop),
 * which can bunch calls that were granted apart: measured by `npm run bench:bulk`, the client's own
 * request starts reached 111 at `--qps 100` when the whole 10% was burst. At low rates there is no
 * burst at all.
 */
export function gcraTolerance(rate: number): number {
  const burst = Math.max(0, Math.floor((1.1 * rate - Math.ceil(rate)) / 2 + 1e-9));
  return burst * gcraInterval(rate);
}

/** Takes one call at `now`: returns 0 and advances the state, or how many ms to wait first. */
export function gcraTake(state: GcraState, now: number, interval: number, tolerance: number): number {
  const tat = Math.max(state.tat, now);
  const allowAt = tat - tolerance;
  if (now < allowAt) return Math.max(1, Math.ceil(allowAt - now));
  state.tat = tat + interval;
  return 0;
}
