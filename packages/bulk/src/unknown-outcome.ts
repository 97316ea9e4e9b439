import type { Clock } from 'alisms';
import type { Reconciled } from './call.js';
import type { Sleep } from './token-bucket.js';

/**
 * Aliyun's SMS client gives up reading an answer after this long by default; a call may be
 * accepted up to then (and a little after, while it is queued behind the gateway).
 */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;

/**
 * How long after a call started its outcome is treated as possibly still landing: the read timeout
 * plus 60 s. Past it, a call Aliyun has not listed in QuerySendDetails is taken as not accepted;
 * the margin covers a slow gateway queue and the lag between acceptance and the query showing it.
 */
export const DEFAULT_UNKNOWN_DEADLINE_MS = DEFAULT_READ_TIMEOUT_MS + 60_000;

/** First look-up after the call started, then spaced out (doubling, at most every 15 s). */
const FIRST_LOOKUP_MS = 2000;
const MAX_LOOKUP_GAP_MS = 15_000;

/** Options of `resolveUnknown`: how a call whose outcome is unknown is looked up, and until when. */
export interface ResolveUnknownOptions {
  /** When the call whose outcome is unknown started (epoch ms, from the journal). */
  startedAt: number;
  /** Counted from `startedAt`. */
  deadlineMs: number;
  clock: Clock;
  sleep: Sleep;
  /** One QuerySendDetails look-up (charged to the rate limiter by the caller). Throws on API failure. */
  lookup(): Promise<Reconciled>;
  /** A look-up failed: return normally to keep trying, or throw to give up (outage past `--max-wait`). */
  onLookupError(error: unknown): Promise<void>;
}

/**
 * Looks a call up until it is seen or until its deadline has passed with a successful look-up that
 * did not find it. Never resends anything: the caller decides what an unseen call means. A resume
 * soon after a crash waits only for what is left of the deadline.
 */
export async function resolveUnknown(options: ResolveUnknownOptions): Promise<Reconciled> {
  const { clock, sleep, startedAt } = options;
  const deadline = startedAt + options.deadlineMs;
  let next = startedAt + Math.min(FIRST_LOOKUP_MS, options.deadlineMs);
  let gap = FIRST_LOOKUP_MS;
  for (;;) {
    const wait = next - clock.now();
    if (wait > 0) await sleep(wait);
    const lookedAt = clock.now();
    try {
      const found = await options.lookup();
      if (found.found) return found;
      if (lookedAt >= deadline) return { found: false };
    } catch (error) {
      await options.onLookupError(error);
    }
    gap = Math.min(MAX_LOOKUP_GAP_MS, gap * 2);
    // The last look-up lands on the deadline itself, so "unseen" always means "unseen at the deadline".
    next = Math.min(Math.max(clock.now(), lookedAt) + gap, Math.max(deadline, clock.now()));
  }
}
