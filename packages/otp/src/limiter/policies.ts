import { type Duration, InvalidArgumentError, toMs } from 'alisms';

/**
 * How a limit counts. `sliding`: a log of hit times over the last `windowMs` (exact, rolling).
 * `fixed`: one counter per calendar window aligned to the epoch plus `offsetMs` (e.g. a day in UTC+8).
 */
export type LimitAlgorithm = 'sliding' | 'fixed';

/** A limit as a value: at most `limit` hits per `windowMs`. Build one with {@link slidingWindow} or {@link fixedWindow}. */
export interface LimitPolicy {
  /** Stable name: part of the Redis key and reported as the `reason` when the limit refuses. */
  readonly name: string;
  readonly algorithm: LimitAlgorithm;
  /** Hits allowed per window (>= 1). */
  readonly limit: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
  /** Fixed windows only: where windows start, in ms after the epoch's window boundary (a UTC offset for days). */
  readonly offsetMs: number;
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function validate(name: string, limit: number, windowMs: number): void {
  if (!NAME.test(name))
    throw new InvalidArgumentError('name', `"${name}" must match ${NAME} (it becomes part of a key)`);
  if (!Number.isInteger(limit) || limit < 1)
    throw new InvalidArgumentError('limit', `must be an integer >= 1, got ${limit}`);
  if (!Number.isInteger(windowMs) || windowMs < 1)
    throw new InvalidArgumentError('window', `must be at least 1 ms, got ${windowMs}`);
}

function defaultName(prefix: string, limit: number, windowMs: number): string {
  return `${prefix}-${limit}-per-${windowMs}ms`;
}

/**
 * At most `limit` hits in any rolling `window`.
 * @example slidingWindow(5, '1 h', 'destination-hour')
 */
export function slidingWindow(limit: number, window: Duration, name?: string): LimitPolicy {
  const windowMs = toMs(window);
  const policyName = name ?? defaultName('sliding', limit, windowMs);
  validate(policyName, limit, windowMs);
  return Object.freeze({ name: policyName, algorithm: 'sliding', limit, windowMs, offsetMs: 0 });
}

/**
 * At most `limit` hits per calendar window; all hits are forgotten when the window ends.
 * `utcOffsetMinutes` moves the boundary: `fixedWindow(5000, '1 d', { utcOffsetMinutes: 480 })` starts
 * days at 00:00 UTC+8 (16:00 UTC). The default is UTC.
 * @example fixedWindow(5000, '1 d', { name: 'global-day' })
 */
export function fixedWindow(
  limit: number,
  window: Duration,
  options: { name?: string; utcOffsetMinutes?: number } = {},
): LimitPolicy {
  const windowMs = toMs(window);
  const policyName = options.name ?? defaultName('fixed', limit, windowMs);
  validate(policyName, limit, windowMs);
  const minutes = options.utcOffsetMinutes ?? 0;
  if (!Number.isInteger(minutes) || Math.abs(minutes) > 14 * 60)
    throw new InvalidArgumentError('utcOffsetMinutes', `must be an integer between -840 and 840, got ${minutes}`);
  // A day that starts at 00:00 UTC+8 starts at 16:00 UTC the day before: the boundary moves back by the offset.
  const offsetMs = (((-minutes * 60_000) % windowMs) + windowMs) % windowMs;
  return Object.freeze({ name: policyName, algorithm: 'fixed', limit, windowMs, offsetMs });
}

/** Start of the fixed window that contains `now` (ms). */
export function windowStart(policy: LimitPolicy, now: number): number {
  return Math.floor((now - policy.offsetMs) / policy.windowMs) * policy.windowMs + policy.offsetMs;
}
