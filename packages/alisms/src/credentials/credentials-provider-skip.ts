import { AlismsError } from '../core/errors.js';

/**
 * Rejection of a provider that does not apply here (its variables or file are absent).
 * `chain()` records the reason and tries the next provider; it is not a failure by itself.
 */
export class CredentialsProviderSkip extends AlismsError {
  override name = 'CredentialsProviderSkip';
  /** The place that was looked at, e.g. `env` or `ini-file:/home/me/.alibabacloud/credentials`. */
  readonly source: string;
  /** One line saying why it did not apply, e.g. `ALIBABA_CLOUD_ACCESS_KEY_ID not set`. */
  readonly reason: string;

  constructor(source: string, reason: string) {
    super(`${source}: ${reason}`, { code: 'ALISMS_CREDENTIALS_SKIP' });
    this.source = source;
    this.reason = reason;
  }
}

/** Guard that also matches a skip from another copy of alisms. */
export function isCredentialsProviderSkip(value: unknown): value is CredentialsProviderSkip {
  return (
    value instanceof CredentialsProviderSkip || (value instanceof Error && value.name === 'CredentialsProviderSkip')
  );
}
