import { UsageError } from '../io.js';

/** Milliseconds from a flag's duration (`90 s`, `10 min`, `1.5 h`, or a number of ms); a usage error otherwise. */
export function durationMs(value: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?\s*$/.exec(value);
  if (!match)
    throw new UsageError(`${flag} must be a duration like "90 s", "10 min" or a number of ms, got "${value}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[(match[2] ?? 'ms') as 'ms'];
  return Number(match[1]) * unit;
}

/** {@link durationMs} for a flag without a default: `undefined` when it was not given. */
export function optionalDuration(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : durationMs(value, flag);
}
