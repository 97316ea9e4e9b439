import { windowStart } from './policies.js';
import { summarize } from './summarize.js';
import type { LimitCheck, LimitResult, LimitStore } from './types.js';

type Entry =
  | { kind: 'sliding'; hits: number[]; expiresAt: number }
  | { kind: 'fixed'; count: number; expiresAt: number };

/**
 * A {@link LimitStore} in this process's memory, with the same semantics as the Redis one (the same tests
 * run against both). For development and tests: limits are not shared between processes.
 * `consume` does all its work synchronously, so it is atomic within the process.
 */
export class MemoryLimitStore implements LimitStore {
  private readonly entries = new Map<string, Entry>();
  private operations = 0;

  /** Number of live entries (every entry expires with its window, like a Redis key with a TTL). */
  get size(): number {
    return this.entries.size;
  }

  /** Every entry with its expiry (ms, logical clock), for tests that check that everything expires. */
  dump(): { key: string; expiresAt: number; value: string }[] {
    return [...this.entries].map(([key, entry]) => ({ key, expiresAt: entry.expiresAt, value: JSON.stringify(entry) }));
  }

  async consume(checks: readonly LimitCheck[], now: number): Promise<LimitResult> {
    return this.consumeNow(checks, now);
  }

  /**
   * `consume` without the promise: stores that compose this one with their own records (the OTP
   * store's one-step send) call it so that their whole step stays synchronous, hence atomic.
   */
  consumeNow(checks: readonly LimitCheck[], now: number): LimitResult {
    if (++this.operations % 1000 === 0) this.sweep(now);
    const keys = checks.map(({ policy, subject }) =>
      policy.algorithm === 'fixed'
        ? `${policy.name}|${subject}|${windowStart(policy, now)}`
        : `${policy.name}|${subject}`,
    );
    const counts = checks.map(({ policy }, i) => {
      const entry = this.live(keys[i] as string, now);
      if (policy.algorithm === 'fixed') {
        const count = entry?.kind === 'fixed' ? entry.count : 0;
        return { count, resetAt: windowStart(policy, now) + policy.windowMs };
      }
      const hits = entry?.kind === 'sliding' ? entry.hits.filter((t) => t > now - policy.windowMs) : [];
      if (entry?.kind === 'sliding') entry.hits = hits;
      const count = hits.length;
      if (count >= policy.limit) return { count, resetAt: (hits[count - policy.limit] as number) + policy.windowMs };
      return { count, resetAt: (hits[0] ?? now) + policy.windowMs };
    });
    const allowed = checks.every(({ policy }, i) => (counts[i]?.count ?? 0) < policy.limit);
    if (allowed) {
      checks.forEach(({ policy }, i) => {
        const key = keys[i] as string;
        const entry = this.live(key, now);
        const c = counts[i] as { count: number; resetAt: number };
        if (policy.algorithm === 'fixed') {
          const end = windowStart(policy, now) + policy.windowMs;
          this.entries.set(key, { kind: 'fixed', count: c.count + 1, expiresAt: end });
        } else {
          const hits = entry?.kind === 'sliding' ? entry.hits : [];
          hits.push(now);
          this.entries.set(key, { kind: 'sliding', hits, expiresAt: now + policy.windowMs });
        }
        c.count += 1;
      });
    }
    return summarize(checks, allowed, counts);
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Drops expired entries, as Redis TTLs would. */
  sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
