/**
 * The one exponential backoff of alisms: the SDK's retries and `@alisms/bulk`'s pauses after flow
 * control both wait this long, each with its own base and cap.
 */

/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  /** Ceiling of the first wait (attempt 0), in ms; it doubles with each attempt. */
  baseMs: number;
  /** Largest ceiling, in ms. */
  capMs: number;
  /**
   * Shortest wait, in ms. Full jitter may draw 0, which is right for a retry after a network error but
   * not for a client that was told to slow down: it must actually wait. @default 0
   */
  minMs?: number;
  /** Random source in [0, 1); inject one in tests. @default Math.random */
  random?: () => number;
}

/**
 * How long to wait before try number `attempt + 1` (`attempt` counts from 0): exponential backoff with
 * full jitter, a random delay in `[minMs, min(capMs, baseMs · 2^attempt))`, so clients that failed
 * together spread out instead of knocking again in step (AWS Architecture Blog, "Exponential Backoff
 * And Jitter").
 *
 * @example
 * import { backoffDelay } from 'alisms';
 * await new Promise((r) => setTimeout(r, backoffDelay(attempt, { baseMs: 200, capMs: 5_000 })));
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const { baseMs, capMs, minMs = 0, random = Math.random } = options;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.max(minMs, Math.floor(random() * ceiling));
}
