import type { ManualClock } from 'alisms';

/** Opaque handle returned by {@link Scheduler.setTimeout}. */
export type TimerHandle = unknown;

/**
 * The timers the delivery simulation uses. Injected so tests move time by hand instead of
 * sleeping: see {@link ManualScheduler}.
 */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Real timers, unref'd so a pending receipt never keeps a process alive on its own. */
export const systemScheduler: Scheduler = {
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

interface ManualTimer {
  due: number;
  seq: number;
  callback: () => void;
}

/**
 * A scheduler whose time is a {@link ManualClock}: `advance(ms)` runs every timer that falls due,
 * in order, moving the clock to each timer's due time first. For tests.
 */
export class ManualScheduler implements Scheduler {
  private readonly timers = new Set<ManualTimer>();
  private seq = 0;
  /** Every delay asked for, in order: lets tests assert a schedule exactly. */
  readonly requested: number[] = [];

  constructor(readonly clock: ManualClock) {}

  setTimeout(callback: () => void, ms: number): TimerHandle {
    this.requested.push(ms);
    const timer: ManualTimer = { due: this.clock.now() + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.add(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as ManualTimer);
  }

  /** Timers not yet run. */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, running due timers one by one. Between timers it lets promise
   * callbacks settle, so work a timer starts (a store update) can schedule the next timer.
   */
  async advance(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    for (;;) {
      await settle();
      const next = this.nextDue();
      if (!next || next.due > end) break;
      this.timers.delete(next);
      if (next.due > this.clock.now()) this.clock.set(next.due);
      next.callback();
    }
    if (end > this.clock.now()) this.clock.set(end);
    await settle();
  }

  private nextDue(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers) {
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    }
    return best;
  }
}

/** Lets queued promise callbacks (and one macrotask turn) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
