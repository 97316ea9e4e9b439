import { InvalidArgumentError } from './invalid-argument-error.js';

/** A duration written for humans: `'60 s'`, `'5 min'`, `'1 h'`, `'24h'`, `'1 d'`, `'250 ms'`, or a number of ms. */
export type Duration = number | `${number}${'' | ' '}${DurationUnit}`;
/** Units a `Duration` string may use: milliseconds, seconds, minutes (`m` or `min`), hours, days. */
export type DurationUnit = 'ms' | 's' | 'm' | 'min' | 'h' | 'd';

const UNIT_MS: Record<DurationUnit, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** Converts a {@link Duration} to milliseconds; throws a clear error on anything else. */
export function toMs(duration: Duration | string): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration) || duration < 0)
      throw new InvalidArgumentError('duration', `must be a non-negative number of ms, got ${duration}`);
    return duration;
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h|d)\s*$/.exec(duration);
  if (!match)
    throw new InvalidArgumentError(
      'duration',
      `"${duration}" is not a duration; write e.g. "60 s", "5 min", "1 h", "1 d"`,
    );
  return Number(match[1]) * UNIT_MS[match[2] as DurationUnit];
}
