import type { Clock } from 'alisms';

/** How long a signed request stays valid either side of its timestamp (Aliyun: 15 minutes). */
export const TIMESTAMP_WINDOW_MS = 15 * 60_000;
const SWEEP_EVERY_MS = 60_000;
/** Hard ceiling on remembered nonces, whatever the request rate (about 150 MB at most). */
export const MAX_NONCES = 1_000_000;

/**
 * Remembers `SignatureNonce` values per AccessKeyId until the request that carried them could no
 * longer pass the timestamp check; after that a replay is rejected as expired anyway, so the entry is
 * dropped. Memory is bounded by the request rate times the window.
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  private lastSweep: number;

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = MAX_NONCES,
  ) {
    this.lastSweep = clock.now();
  }

  /** Records the nonce; `false` when it was already used with this AccessKeyId and has not expired. */
  remember(accessKeyId: string, nonce: string, requestTime: number): boolean {
    const now = this.clock.now();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
    const key = `${accessKeyId}\n${nonce}`;
    const expiresAt = this.seen.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.seen.set(key, Math.max(now, requestTime) + TIMESTAMP_WINDOW_MS);
    // Past the ceiling: drop the expired, then the oldest tenth in one pass (insertion order is
    // arrival order), so the cost is paid once per many requests rather than on each.
    if (this.seen.size > this.maxEntries) {
      this.sweep(now);
      const target = Math.floor(this.maxEntries * 0.9);
      for (const oldest of this.seen.keys()) {
        if (this.seen.size <= target) break;
        this.seen.delete(oldest);
      }
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(key);
  }
}
