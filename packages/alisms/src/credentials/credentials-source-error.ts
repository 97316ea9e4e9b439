import { AlismsError } from '../core/errors.js';

/**
 * A credentials source applies (its variable or file is there) but is broken: a missing field,
 * an unreadable file, an ECS metadata answer without `Code: Success`. It stops the chain, because
 * silently falling through to another identity would be worse than failing.
 * The message names the source and the field; it never contains a secret value.
 */
export class CredentialsSourceError extends AlismsError {
  override name = 'CredentialsSourceError';
  /** The place at fault, e.g. `env` or `config-file:/srv/app/alisms.yaml`. */
  readonly source: string;
  /** The missing or invalid field or variable, when one is to blame, e.g. `access_key_secret`. */
  readonly field: string | undefined;

  constructor(source: string, message: string, options: { field?: string; cause?: unknown; retryable?: boolean } = {}) {
    super(`${source}: ${message}`, {
      code: 'ALISMS_CREDENTIALS_INVALID',
      cause: options.cause,
      retryable: options.retryable ?? false,
    });
    this.source = source;
    this.field = options.field;
  }
}

/** True for a {@link CredentialsSourceError}, also one from another copy of alisms (matched on `name`). */
export function isCredentialsSourceError(value: unknown): value is CredentialsSourceError {
  return value instanceof CredentialsSourceError || (value instanceof Error && value.name === 'CredentialsSourceError');
}
