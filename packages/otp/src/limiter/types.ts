import type { LimitPolicy } from './policies.js';

/** One limit to apply to one subject (a hashed phone number, an IP group, `global`…). */
export interface LimitCheck {
  readonly policy: LimitPolicy;
  /** Opaque subject id; must match `[A-Za-z0-9_.:-]+` (it becomes part of a key). */
  readonly subject: string;
}

/** What happened to one limit in a {@link LimitStore.consume} call. */
export interface LimitState {
  readonly name: string;
  /** Hits in the window: after this hit when allowed, before it when refused. */
  readonly count: number;
  readonly limit: number;
  /** When this limit next frees a slot (ms since epoch). */
  readonly resetAt: number;
  /** This limit is at (or over) its cap for the current window. */
  readonly refused: boolean;
}

/**
 * Result of checking and counting several limits as one step.
 * When `allowed` is false nothing was counted anywhere (all or nothing).
 */
export interface LimitResult {
  readonly allowed: boolean;
  /** Hits left before the tightest limit refuses (0 when refused). */
  readonly remaining: number;
  /** When the send can be retried (refused: the latest reset among refusing limits), else the earliest reset. */
  readonly resetAt: number;
  /** Name of the limit that refused (the one that stays closed longest); `undefined` when allowed. */
  readonly reason: string | undefined;
  /** Limits that this very hit filled to their cap (a fuse that just blew: call the alert hook once). */
  readonly exhausted: readonly string[];
  /** Per-limit detail, in the order of the checks. */
  readonly states: readonly LimitState[];
}

/** Checks and counts limits atomically: no burst of concurrent calls can get past a limit. */
export interface LimitStore {
  /**
   * Checks every limit; only if all allow, counts one hit in each. `now` comes from the caller's clock.
   * Throws `StoreUnavailableError` (fail closed) when the backing store cannot answer.
   */
  consume(checks: readonly LimitCheck[], now: number): Promise<LimitResult>;
}
