import { AlismsError } from '../../core/errors.js';

export interface TransportErrorOptions {
  /** Node's error code (`ECONNREFUSED`, `ECONNRESET`, …) or an alisms code. */
  code: string;
  /**
   * Whether request bytes may have reached the server. `false` proves nothing was sent
   * (connection refused, DNS failure, connect timeout), which is what makes a retry of a send safe.
   */
  requestSent: boolean;
  cause?: unknown;
}

/** The call failed at the network level: no answer from Aliyun was received. */
export class TransportError extends AlismsError {
  override name = 'TransportError';
  /** See {@link TransportErrorOptions.requestSent}. */
  readonly requestSent: boolean;

  constructor(message: string, options: TransportErrorOptions) {
    super(message, { code: options.code, retryable: !options.requestSent, cause: options.cause });
    this.requestSent = options.requestSent;
  }
}

export function isTransportError(value: unknown): value is TransportError {
  return (
    value instanceof TransportError ||
    (value instanceof Error && (value.name === 'TransportError' || value.name === 'TimeoutError'))
  );
}
