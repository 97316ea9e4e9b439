/** What is stored for one destination+purpose: never the code, only its HMAC. */
export interface StoredCode {
  /** HMAC of the code (see `hashCode`). */
  readonly hash: string;
  /** Id of the send that created it, so a failed delivery removes its own code and nothing newer. */
  readonly id: string;
  /** Logical expiry (ms since epoch, from the injected clock). */
  readonly expiresAt: number;
  /** Wrong attempts left before the code dies. */
  readonly attempts: number;
}

/** Lockout policy applied by {@link CodeStore.check}. */
export interface LockoutPolicy {
  /** Failed checks that trigger a lock. */
  readonly failures: number;
  /** Window in which failures are counted, ms. */
  readonly windowMs: number;
  /** How long the lock lasts, ms. */
  readonly lockMs: number;
}

/** Internal outcome of a check; the public API maps every non-`ok` value to one and the same answer. */
export type CheckOutcome = 'ok' | 'mismatch' | 'missing' | 'expired' | 'locked';

/** Stores code HMACs with one-time, attempt-limited, atomic check-and-consume. Keys are opaque subject ids. */
export interface CodeStore {
  /** Stores `code` for `subject`, replacing any previous one (only the latest code is valid). */
  put(subject: string, code: StoredCode, now: number): Promise<void>;
  /** Deletes the code of `subject` only if it is still the one with `id` (a newer send keeps its code). */
  discard(subject: string, id: string): Promise<void>;
  /**
   * One atomic step: if `subject` is locked → `locked`; if the stored hash equals `hash` and has not expired →
   * delete it and return `ok`; otherwise count a wrong attempt (the code dies at 0), count a failure toward the
   * lockout (which locks `subject` when reached) and say why.
   */
  check(subject: string, hash: string, now: number, lockout: LockoutPolicy): Promise<CheckOutcome>;
  /** When the lock on `subject` ends (ms), or `undefined` when it is not locked. */
  lockedUntil(subject: string, now: number): Promise<number | undefined>;
}
