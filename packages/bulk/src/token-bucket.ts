import { type Clock, systemClock } from 'alisms';

/** Waits `ms` milliseconds; injected so tests drive time by hand. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Options of {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens (API calls) per second. */
  rate: number;
  /** Tokens that may be saved up while idle. @default max(1, rate / 10): 100 ms worth */
  burst?: number;
  clock?: Clock;
  sleep?: Sleep;
}

/**
 * A token bucket for API calls per second. Callers `take()` in order; throttling answers `pause()`
 * everyone and `slowDown()` the rate, which then recovers with each call that goes through.
 */
export class TokenBucket {
  readonly rate: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private factor = 1;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketOptions) {
    if (!(options.rate > 0)) throw new RangeError('rate must be positive');
    this.rate = options.rate;
    this.burst = options.burst ?? Math.max(1, options.rate / 10);
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    // Start with one token, not a full bucket, so a short run does not overshoot the rate.
    this.tokens = 1;
    this.last = this.clock.now();
  }

  /** The rate now in force (lowered after throttling). */
  get currentRate(): number {
    return this.rate * this.factor;
  }

  /** Resolves when a token is available; calls are served first come, first served. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Nobody gets a token before `ms` from now (Aliyun's flow control asked us to back off). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** Halves the rate (down to a tenth); each later `recover()` gives back 5% until the full rate. */
  slowDown(): void {
    this.factor = Math.max(0.1, this.factor / 2);
  }

  recover(): void {
    if (this.factor < 1) this.factor = Math.min(1, this.factor + 0.05);
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      const rate = this.currentRate;
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * rate) / 1000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / rate)));
    }
  }
}
