import type { PostJson, PushOutcome } from './post-json.js';
import type { Scheduler, TimerHandle } from './scheduler.js';

/** Aliyun's domestic retry schedule after a failed push: 1, 5 and 10 minutes, then it gives up. */
export const SMS_REPORT_RETRY_MS: readonly number[] = [60_000, 300_000, 600_000];
/** International receipts are retried after 1 and 5 minutes only. */
export const INTL_REPORT_RETRY_MS: readonly number[] = [60_000, 300_000];

/** Reported after every push attempt, for logs and tests. */
export interface PushAttempt {
  url: string;
  /** 1 for the first try. */
  attempt: number;
  items: number;
  outcome: PushOutcome;
  /** Delay before the next attempt; absent when the batch was accepted or given up. */
  retryInMs?: number;
  /** True when this was the last attempt of the schedule and it failed. */
  gaveUp: boolean;
}

export interface ReceiptPusherOptions {
  url: string;
  /** Delays before each retry, already scaled. */
  retryDelays: readonly number[];
  timeoutMs: number;
  maxBatch: number;
  scheduler: Scheduler;
  post: PostJson;
  onAttempt?: ((attempt: PushAttempt) => void) | undefined;
}

/**
 * Collects receipts that fall due together into one POST and retries a failed POST on Aliyun's
 * schedule. Items due in the same timer turn share a batch: the flush runs on a 0 ms timer, after
 * every timer already due.
 */
export class ReceiptPusher<Item> {
  private pending: Item[] = [];
  private flushTimer: TimerHandle | undefined;
  private readonly retryTimers = new Set<TimerHandle>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: ReceiptPusherOptions) {}

  enqueue(item: Item): void {
    if (this.stopped) return;
    this.pending.push(item);
    if (this.flushTimer === undefined) {
      this.flushTimer = this.options.scheduler.setTimeout(() => this.flush(), 0);
    }
  }

  /** Cancels waiting batches and retries; waits for POSTs already on the wire. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flushTimer !== undefined) this.options.scheduler.clearTimeout(this.flushTimer);
    for (const timer of this.retryTimers) this.options.scheduler.clearTimeout(timer);
    this.retryTimers.clear();
    this.pending = [];
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const items = this.pending;
    this.pending = [];
    for (let i = 0; i < items.length; i += this.options.maxBatch) {
      this.send(items.slice(i, i + this.options.maxBatch), 1);
    }
  }

  private send(batch: Item[], attempt: number): void {
    if (this.stopped) return;
    const { url, post, timeoutMs } = this.options;
    const run = post(url, batch, timeoutMs)
      .catch((error: unknown): PushOutcome => ({ ok: false, reason: (error as Error).message }))
      .then((outcome) => this.settle(batch, attempt, outcome));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private settle(batch: Item[], attempt: number, outcome: PushOutcome): void {
    const { url, retryDelays, scheduler, onAttempt } = this.options;
    const retryInMs = outcome.ok || this.stopped ? undefined : retryDelays[attempt - 1];
    const gaveUp = !outcome.ok && retryInMs === undefined;
    onAttempt?.({
      url,
      attempt,
      items: batch.length,
      outcome,
      gaveUp,
      ...(retryInMs === undefined ? {} : { retryInMs }),
    });
    if (retryInMs === undefined) return;
    const timer = scheduler.setTimeout(() => {
      this.retryTimers.delete(timer);
      this.send(batch, attempt + 1);
    }, retryInMs);
    this.retryTimers.add(timer);
  }
}
