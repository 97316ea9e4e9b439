import { AlismsError } from '../core/errors.js';

/** One place a chain looked at, and why it did not apply. */
export interface CredentialsAttempt {
  readonly source: string;
  readonly reason: string;
}

const DEFAULT_FIX =
  'To fix it, set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, pass accessKeyId and ' +
  'accessKeySecret to the client, or write access_key_id and access_key_secret into alisms.yaml ' +
  '(see "Credentials" in the alisms documentation).';

/** Every provider of a chain skipped: lists each place tried and why it did not apply, then how to fix it. */
export class CredentialsNotFoundError extends AlismsError {
  override name = 'CredentialsNotFoundError';
  readonly attempts: readonly CredentialsAttempt[];

  constructor(attempts: readonly CredentialsAttempt[], fix: string = DEFAULT_FIX) {
    const lines = attempts.map((a, i) => `  ${i + 1}. ${a.source}: ${a.reason}`);
    const tried = lines.length > 0 ? `Places tried, in order:\n${lines.join('\n')}` : 'No provider was configured.';
    super(`No Aliyun credentials found. ${tried}\n${fix}`, { code: 'ALISMS_NO_CREDENTIALS' });
    this.attempts = attempts;
  }
}

/** True for a {@link CredentialsNotFoundError}, also one from another copy of alisms (matched on `name`). */
export function isCredentialsNotFoundError(value: unknown): value is CredentialsNotFoundError {
  return (
    value instanceof CredentialsNotFoundError || (value instanceof Error && value.name === 'CredentialsNotFoundError')
  );
}
