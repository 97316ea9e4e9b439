/**
 * When alisms retries, as pure functions so the table of cases can be tested without a network.
 *
 * The rule for sends (SendSms, SendBatchSms, SendMessageToGlobe, SingleSendMail, …) is strict: Aliyun
 * has no idempotency key, so a send is retried only when the failure proves the message was not sent:
 *   - the connection was refused, failed DNS, or timed out while connecting: no request byte left us;
 *   - Aliyun answered `Throttling*` / `QPS_LIMIT_CONTROL`: flow control rejects before anything is sent.
 * Everything else after the request was written (read timeout, reset, hang-up, 5xx, `isp.SYSTEM_ERROR`)
 * leaves the outcome unknown for a send; only queries and management calls retry those.
 */
import { backoffDelay } from '../core/backoff.js';
import { isServerFailureCode, isThrottlingCode } from '../core/error-codes.js';
import { retryAfterMs } from './error-factory.js';

/** What one attempt ended with, as far as the retry decision needs to know. */
export type AttemptOutcome =
  | {
      kind: 'network';
      /** Whether request bytes may have reached the server (false: refused, DNS, connect timeout). */
      requestSent: boolean;
      /** A failure that a retry cannot mend, e.g. an untrusted TLS certificate. */
      permanent?: boolean;
    }
  | {
      kind: 'response';
      /** HTTP status of the answer. */
      status: number;
      /** Aliyun `Code` / `ResponseCode`; undefined for a non-JSON answer. */
      code: string | undefined;
    };

/** What {@link shouldRetry} needs to know about the call besides its outcome. */
export interface RetryContext {
  /** True for queries and management calls; false for anything that sends a message. */
  idempotent: boolean;
  /** How many retries are allowed after the first attempt. @default 2 */
  retries?: number;
}

/**
 * Whether to try again after `outcome`. `attempt` counts from 0: the first try is attempt 0, so with
 * `retries: 2` attempts 0 and 1 may be followed by another one and attempt 2 is the last.
 */
export function shouldRetry(outcome: AttemptOutcome, attempt: number, context: RetryContext): boolean {
  if (attempt >= (context.retries ?? 2)) return false;
  if (outcome.kind === 'network') {
    if (outcome.permanent) return false;
    // Nothing left the machine: safe for everything. Otherwise only calls that cannot send twice.
    return !outcome.requestSent || context.idempotent;
  }
  if (isThrottlingCode(outcome.code)) return true;
  if (!context.idempotent) return false;
  return isServerFailureCode(outcome.code) || outcome.status >= 500;
}

/** Smallest and largest backoff ceilings, in ms. */
export const RETRY_BASE_MS = 200;
export const RETRY_CAP_MS = 5_000;
/** A server-requested wait longer than this is not honoured (the call fails instead of hanging). */
export const RETRY_AFTER_MAX_MS = 60_000;

/**
 * How long to wait before retry number `attempt + 1`: exponential backoff with full jitter
 * (`random(0, min(cap, base * 2^attempt))`), so clients that were throttled together spread out.
 * A server hint in the answer's headers (`Retry-After` in seconds, `x-acs-retry-after` in ms) wins.
 */
export function retryDelay(
  attempt: number,
  headers?: Readonly<Record<string, string | string[] | undefined>>,
  random: () => number = Math.random,
): number {
  const hinted = headers === undefined ? undefined : retryAfterMs(headers);
  if (hinted !== undefined) return Math.min(hinted, RETRY_AFTER_MAX_MS);
  return backoffDelay(attempt, { baseMs: RETRY_BASE_MS, capMs: RETRY_CAP_MS, random });
}
