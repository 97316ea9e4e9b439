import { sameHash } from './code.js';
import type { CheckOutcome, CodeStore, LockoutPolicy, StoredCode } from './code-store.js';

interface Failures {
  n: number;
  start: number;
  expiresAt: number;
}

/**
 * A {@link CodeStore} in this process's memory with the same semantics as the Redis one (the same tests run
 * against both). Every method finishes its work before its first `await`, so check-and-consume is atomic.
 */
export class MemoryCodeStore implements CodeStore {
  private readonly codes = new Map<string, StoredCode & { attemptsLeft: number }>();
  private readonly failures = new Map<string, Failures>();
  private readonly locks = new Map<string, number>();
  private operations = 0;

  /** Stored entries of every kind (all of them expire, like keys with a TTL). */
  size(now: number): number {
    this.sweep(now);
    return this.codes.size + this.failures.size + this.locks.size;
  }

  /** Every record with its expiry (ms, logical clock), for tests: no code in clear, everything expires. */
  dump(): { key: string; expiresAt: number; value: string }[] {
    return [
      ...[...this.codes].map(([k, v]) => ({ key: `code|${k}`, expiresAt: v.expiresAt, value: JSON.stringify(v) })),
      ...[...this.failures].map(([k, v]) => ({ key: `fail|${k}`, expiresAt: v.expiresAt, value: JSON.stringify(v) })),
      ...[...this.locks].map(([k, v]) => ({ key: `lock|${k}`, expiresAt: v, value: String(v) })),
    ];
  }

  async put(subject: string, code: StoredCode, now: number): Promise<void> {
    this.putNow(subject, code, now);
  }

  /** `put` without the promise, for the memory store's one-step send (see `createMemoryOtpStore`). */
  putNow(subject: string, code: StoredCode, now: number): void {
    if (++this.operations % 1000 === 0) this.sweep(now);
    this.codes.set(subject, { ...code, attemptsLeft: code.attempts });
  }

  async discard(subject: string, id: string): Promise<void> {
    if (this.codes.get(subject)?.id === id) this.codes.delete(subject);
  }

  async check(subject: string, hash: string, now: number, lockout: LockoutPolicy): Promise<CheckOutcome> {
    if ((this.locks.get(subject) ?? 0) > now) return 'locked';
    const stored = this.codes.get(subject);
    let outcome: CheckOutcome;
    if (!stored) outcome = 'missing';
    else if (stored.expiresAt <= now) {
      this.codes.delete(subject);
      outcome = 'expired';
    } else if (sameHash(stored.hash, hash)) {
      this.codes.delete(subject);
      return 'ok';
    } else {
      stored.attemptsLeft -= 1;
      if (stored.attemptsLeft <= 0) this.codes.delete(subject);
      outcome = 'mismatch';
    }
    const current = this.failures.get(subject);
    const fresh = !current || current.start + lockout.windowMs <= now;
    const failures = fresh ? { n: 0, start: now, expiresAt: now + lockout.windowMs } : current;
    failures.n += 1;
    if (failures.n >= lockout.failures) {
      this.locks.set(subject, now + lockout.lockMs);
      this.failures.delete(subject);
    } else this.failures.set(subject, failures);
    return outcome;
  }

  async lockedUntil(subject: string, now: number): Promise<number | undefined> {
    return this.lockedUntilNow(subject, now);
  }

  /** `lockedUntil` without the promise, for the memory store's one-step send. */
  lockedUntilNow(subject: string, now: number): number | undefined {
    const until = this.locks.get(subject) ?? 0;
    return until > now ? until : undefined;
  }

  /** Drops expired records, as Redis TTLs would. */
  sweep(now: number): void {
    for (const [k, v] of this.codes) if (v.expiresAt <= now) this.codes.delete(k);
    for (const [k, v] of this.failures) if (v.expiresAt <= now) this.failures.delete(k);
    for (const [k, v] of this.locks) if (v <= now) this.locks.delete(k);
  }
}
