import { backoffDelay as sdkBackoffDelay } from 'alisms';

/**
 * How long a job waits after flow control or an outage, before try `attempt + 1`: the SDK's
 * exponential backoff with full jitter (`backoffDelay` in `alisms`), with bulk's longer base and cap.
 */
export function backoffDelay(
  attempt: number,
  baseMs = 500,
  capMs = 30_000,
  random: () => number = Math.random,
): number {
  // Never zero: a throttled job must actually wait before knocking again.
  return sdkBackoffDelay(attempt, { baseMs, capMs, minMs: baseMs / 4, random });
}

/** Counts free slots for in-flight calls. */
export class Slots {
  private free: number;
  private waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}
