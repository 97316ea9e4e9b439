import { TransportError } from './transport-error.js';

/** Which timer fired: `connect` (no connection within `connectTimeout`) or `read` (no full answer within `readTimeout`). */
export type TimeoutPhase = 'connect' | 'read';

/** A connect or read timeout. A connect timeout proves nothing was sent; a read timeout does not. */
export class TimeoutError extends TransportError {
  override name = 'TimeoutError';
  readonly phase: TimeoutPhase;
  /** The limit that was exceeded, in ms. */
  readonly timeoutMs: number;

  constructor(phase: TimeoutPhase, timeoutMs: number) {
    super(
      phase === 'connect'
        ? `No connection within ${timeoutMs} ms (connectTimeout); nothing was sent`
        : `No complete answer within ${timeoutMs} ms (readTimeout)`,
      { code: phase === 'connect' ? 'ALISMS_CONNECT_TIMEOUT' : 'ALISMS_READ_TIMEOUT', requestSent: phase === 'read' },
    );
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** True for a {@link TimeoutError}, also one from another copy of alisms (matched on `name`). */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return value instanceof TimeoutError || (value instanceof Error && value.name === 'TimeoutError');
}
