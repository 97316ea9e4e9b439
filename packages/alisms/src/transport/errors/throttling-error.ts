import type { AlismsErrorOptions } from '../../core/errors.js';
import { AliyunApiError } from './aliyun-api-error.js';

/**
 * Aliyun refused the call because of flow control (`Throttling`, `Throttling.User`, `Throttling.Api`,
 * or the international `QPS_LIMIT_CONTROL`). Nothing was sent, so a later retry is safe.
 */
export class ThrottlingError extends AliyunApiError {
  override name = 'ThrottlingError';
  /** How long the server asked to wait, in ms, when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, aliyunMessage: string, options: AlismsErrorOptions & { retryAfterMs?: number }) {
    super(message, aliyunMessage, { ...options, retryable: true });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** True for a {@link ThrottlingError}, also one from another copy of alisms (matched on `name`). */
export function isThrottlingError(value: unknown): value is ThrottlingError {
  return value instanceof ThrottlingError || (value instanceof Error && value.name === 'ThrottlingError');
}
