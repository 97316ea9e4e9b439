import type { Slots } from './backoff.js';

/**
 * One batch's claim on a slot. A batch gives its slot up while it waits on a lookup and takes one
 * again to resend; `release()` is idempotent so the final release never returns a slot twice.
 */
export class SlotHold {
  private held = false;
  constructor(private readonly slots: Slots) {}
  async acquire(): Promise<void> {
    await this.slots.acquire();
    this.held = true;
  }
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.slots.release();
  }
}
