import { type Clock, systemClock } from '../core/clock.js';
import type { CredentialProvider, Credentials } from './types.js';

/** Options of {@link memoize}. */
export interface MemoizeOptions {
  /** Source of time. @default systemClock */
  clock?: Clock | undefined;
  /**
   * How long before `expiration` to fetch new credentials, in ms. Matches the official SDK's 15-minute stale time.
   * @default 900000
   */
  refreshBeforeMs?: number | undefined;
}

/** A cached provider; `invalidate()` forgets the cached credentials (e.g. after the server rejects them). */
export interface MemoizedCredentialProvider extends CredentialProvider {
  invalidate(): void;
}

/** The official SDK's stale time: refresh 15 minutes before expiry. */
export const DEFAULT_REFRESH_BEFORE_MS = 15 * 60_000;

/**
 * Caches a provider's credentials.
 * - Credentials without `expiration` are kept until `invalidate()`.
 * - Expiring credentials are fetched again from `refreshBeforeMs` before `expiration`.
 * - Concurrent callers share one in-flight resolution.
 * - A failed resolution is never cached: the next call tries again. While the old credentials have
 *   not yet expired, a failed refresh returns them instead of failing the caller's request.
 * @example const provider = memoize(fromEcsMetadata(), { refreshBeforeMs: 5 * 60_000 });
 */
export function memoize(provider: CredentialProvider, options: MemoizeOptions = {}): MemoizedCredentialProvider {
  const clock = options.clock ?? systemClock;
  const refreshBeforeMs = options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
  let cached: Credentials | undefined;
  let refreshAt = Number.POSITIVE_INFINITY;
  let inFlight: Promise<Credentials> | undefined;
  // Bumped by invalidate() so that a resolution started before it cannot refill the cache.
  let generation = 0;

  const scheduleRefresh = (credentials: Credentials): number => {
    if (credentials.expiration === undefined) return Number.POSITIVE_INFINITY;
    const now = clock.now();
    const planned = credentials.expiration - refreshBeforeMs;
    // Credentials issued with less life than the refresh window would otherwise be fetched on
    // every call; use them for half of what is left instead.
    return planned > now ? planned : now + Math.max(0, credentials.expiration - now) / 2;
  };

  const resolve = (): Promise<Credentials> => {
    if (inFlight) return inFlight;
    const started = generation;
    const attempt = provider().then((credentials) => {
      if (started === generation) {
        cached = credentials;
        refreshAt = scheduleRefresh(credentials);
      }
      return credentials;
    });
    inFlight = attempt;
    const clear = () => {
      if (inFlight === attempt) inFlight = undefined;
    };
    attempt.then(clear, clear);
    return attempt;
  };

  const memoized = async (): Promise<Credentials> => {
    const previous = cached;
    if (previous && clock.now() < refreshAt) return previous;
    try {
      return await resolve();
    } catch (error) {
      const stillValid = previous?.expiration !== undefined && clock.now() < previous.expiration;
      if (previous && stillValid) return previous;
      throw error;
    }
  };
  return Object.assign(memoized, {
    invalidate(): void {
      generation += 1;
      cached = undefined;
      refreshAt = Number.POSITIVE_INFINITY;
      inFlight = undefined;
    },
  });
}
