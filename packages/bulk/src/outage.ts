import type { Clock } from 'alisms';
import { backoffDelay } from './backoff.js';
import type { CallFailure } from './classify.js';
import type { Sleep } from './token-bucket.js';

/** How long a job waits out calls that keep not going through before it stops. */
export const DEFAULT_MAX_WAIT_MS = 10 * 60_000;

/** Raised when an outage outlasted `--max-wait`; the batch stays unsent or `sending` for the next run. */
export class OutageTooLongError extends Error {
  override name = 'OutageTooLongError';
  constructor(
    readonly failure: CallFailure,
    readonly waitedMs: number,
  ) {
    super(`${failure.message} (still failing after waiting ${Math.round(waitedMs / 1000)} s)`);
  }
}

/**
 * Waits out one batch's run of failed calls (endpoint down, network, 5xx) with backoff, reporting
 * why it waits, until `maxWaitMs` after the first failure of the run; `reset()` after a call that
 * got an answer.
 */
export class OutageWait {
  private since: number | undefined;
  private attempt = 0;
  constructor(
    private readonly maxWaitMs: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    private readonly onWait: (reason: string | undefined) => void,
  ) {}

  reset(): void {
    if (this.since !== undefined) this.onWait(undefined);
    this.since = undefined;
    this.attempt = 0;
  }

  /** Sleeps before the next try, or throws {@link OutageTooLongError} once the wait is used up. */
  async wait(failure: CallFailure): Promise<void> {
    const now = this.clock.now();
    this.since ??= now;
    const waited = now - this.since;
    if (waited >= this.maxWaitMs) throw new OutageTooLongError(failure, waited);
    const delay = Math.min(backoffDelay(this.attempt++), this.maxWaitMs - waited);
    this.onWait(`${failure.code}: ${failure.message}; retrying in ${Math.ceil(delay / 1000)} s`);
    await this.sleep(delay);
  }
}
