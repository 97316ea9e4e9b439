import { type Clock, systemClock } from 'alisms';
import { type GcraState, gcraInterval, gcraTake, gcraTolerance } from './gcra.js';

/** Waits `ms` milliseconds; injected so tests drive time by hand. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Options of {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Calls per second. */
  rate: number;
  clock?: Clock;
  sleep?: Sleep;
}

/**
 * The in-process rate limiter for API calls (GCRA, see `gcraTake`): no sliding second holds
 * more than 110% of `rate`. Callers `take()` in order; throttling answers `pause()` everyone and
 * `slowDown()` the rate, which then recovers with each call that goes through.
 *
 * @example
 * const bucket = new TokenBucket({ rate: 50 });
 * await bucket.take(); // before every API call: sends, retries and look-ups alike
 */
export class TokenBucket {
  readonly rate: number;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly state: GcraState;
  private pausedUntil = 0;
  private factor = 1;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketOptions) {
    if (!(options.rate > 0)) throw new RangeError('rate must be positive');
    this.rate = options.rate;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.state = { tat: this.clock.now() };
  }

  /** The rate now in force (lowered after throttling). */
  get currentRate(): number {
    return this.rate * this.factor;
  }

  /** Resolves when a call may go; calls are served first come, first served. */
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
      const wait = gcraTake(this.state, now, gcraInterval(rate), gcraTolerance(rate));
      if (wait === 0) return;
      await this.sleep(wait);
    }
  }
}
