/**
 * The generic cell rate algorithm (GCRA), the limiter shared by a local job and every queue worker
 * (the Redis script in queue/rate-limit.lua runs the same arithmetic). One call is due every
 * `interval` ms; a call may come up to `tolerance` ms early, which is the whole burst allowance.
 *
 * Why the tolerance is what it is: with calls at least `interval` apart except for a total
 * advance of `tolerance`, any sliding second holds fewer than `1000 / interval + tolerance / interval + 1`
 * calls. {@link gcraTolerance} picks the largest burst that keeps that under 110% of the rate.
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
 * The burst allowance in ms: `b` whole calls, the largest with `ceil(rate) + b ≤ 1.1 × rate`, so no
 * sliding second ever holds more than 110% of `rate` (at low rates that is no burst at all).
 */
export function gcraTolerance(rate: number): number {
  const burst = Math.max(0, Math.floor(1.1 * rate - Math.ceil(rate) + 1e-9));
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
