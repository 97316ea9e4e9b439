import type { Duration } from 'alisms';
import { fixedWindow, type LimitPolicy, slidingWindow } from './limiter/index.js';

/** What a send limit counts by. `prefix` is the phone number minus its last 4 digits (SMS only). */
export type LimitScope = 'destination' | 'ip' | 'prefix' | 'global';

/** A send limit: a {@link LimitPolicy} applied per scope. Build with the factories below. */
export interface OtpLimit {
  readonly scope: LimitScope;
  readonly policy: LimitPolicy;
}

function name(scope: string, limit: number, window: Duration): string {
  return `${scope}-${limit}-per-${String(window).replace(/\s+/g, '')}`;
}

/**
 * Minimum time between two sends to one destination.
 * @example cooldown('60 s') // reason "cooldown"
 */
export function cooldown(window: Duration, options: { name?: string } = {}): OtpLimit {
  return { scope: 'destination', policy: slidingWindow(1, window, options.name ?? 'cooldown') };
}

/**
 * At most `limit` sends to one destination (normalised number or address) in any rolling `window`.
 * @example perDestination(5, '1 h') // reason "destination-5-per-1h"
 */
export function perDestination(limit: number, window: Duration, options: { name?: string } = {}): OtpLimit {
  return {
    scope: 'destination',
    policy: slidingWindow(limit, window, options.name ?? name('destination', limit, window)),
  };
}

/**
 * At most `limit` sends from one client IP (IPv6 grouped by /64) in any rolling `window`.
 * @example perIp(10, '1 d')
 */
export function perIp(limit: number, window: Duration, options: { name?: string } = {}): OtpLimit {
  return { scope: 'ip', policy: slidingWindow(limit, window, options.name ?? name('ip', limit, window)) };
}

/**
 * At most `limit` SMS to numbers sharing one prefix (E.164 minus the last 4 digits) in any rolling `window`:
 * a velocity cap against SMS pumping through consecutive numbers. Not applied to e-mail.
 * @example perPrefix(20, '1 h')
 */
export function perPrefix(limit: number, window: Duration, options: { name?: string } = {}): OtpLimit {
  return { scope: 'prefix', policy: slidingWindow(limit, window, options.name ?? name('prefix', limit, window)) };
}

/**
 * The global fuse: at most `limit` sends per calendar day across everything; then nothing is sent until the
 * next day and `onFuse` is called once. The day starts at 00:00 UTC unless `utcOffsetMinutes` says otherwise
 * (480 for China Standard Time).
 * @example globalDaily(5000, { utcOffsetMinutes: 480 })
 */
export function globalDaily(limit: number, options: { name?: string; utcOffsetMinutes?: number } = {}): OtpLimit {
  return {
    scope: 'global',
    policy: fixedWindow(limit, '1 d', {
      name: options.name ?? 'global-daily',
      utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
    }),
  };
}

/** The defaults: 60 s cooldown, 5/hour and 10/day per destination, 10/day per IP, 20/hour per prefix, 5,000/day in all. */
export function defaultLimits(): OtpLimit[] {
  return [
    cooldown('60 s'),
    perDestination(5, '1 h'),
    perDestination(10, '1 d'),
    perIp(10, '1 d'),
    perPrefix(20, '1 h'),
    globalDaily(5000),
  ];
}

/**
 * At most `limit` code checks from one client IP (IPv6 grouped by /64) in any rolling `window`, for
 * `wrongCheckLimits`: one client guessing codes across many numbers is refused (`rate_limited`) long before
 * it can learn anything. Every check is counted before it runs, so a refusal says nothing about the code; a
 * right code succeeds once per code sent, so the send limits keep right checks a small part of the count.
 * @example wrongChecksPerIp(50, '1 h') // reason "wrong-checks-ip-50-per-1h"
 */
export function wrongChecksPerIp(limit: number, window: Duration, options: { name?: string } = {}): OtpLimit {
  return {
    scope: 'ip',
    policy: slidingWindow(limit, window, options.name ?? name('wrong-checks-ip', limit, window)),
  };
}

/** The default check limit: at most 50 checks per client IP (or IPv6 /64) per hour. */
export function defaultWrongCheckLimits(): OtpLimit[] {
  return [wrongChecksPerIp(50, '1 h')];
}
