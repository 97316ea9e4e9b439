import { AlismsError } from 'alisms';

/**
 * The limit/code store (Redis) could not answer in time. Everything that spends money fails closed on it:
 * no code is sent. Retryable: the client reconnects by itself and the next call succeeds once Redis is back.
 */
export class StoreUnavailableError extends AlismsError {
  override name = 'StoreUnavailableError';
  constructor(detail: string, cause?: unknown) {
    super(
      `Redis (the OTP limit and code store) is unavailable (${detail}); nothing was sent — sending stays refused until Redis answers again`,
      { code: 'ALISMS_STORE_UNAVAILABLE', retryable: true, cause },
    );
  }
}

/** True for a {@link StoreUnavailableError}, also one from another copy of the package (matched on `name`). */
export function isStoreUnavailableError(value: unknown): value is StoreUnavailableError {
  return value instanceof StoreUnavailableError || (value instanceof Error && value.name === 'StoreUnavailableError');
}
