import { type CredentialsAttempt, CredentialsNotFoundError } from './credentials-not-found-error.js';
import { isCredentialsProviderSkip } from './credentials-provider-skip.js';
import type { CredentialProvider, Credentials } from './types.js';

/** Options of {@link chain}. */
export interface ChainOptions {
  /** The "how to fix it" sentence of the `CredentialsNotFoundError`; the default names the usual three ways. */
  fix?: string;
}

/**
 * Tries providers in order and returns the first credentials found.
 * A provider that rejects with `CredentialsProviderSkip` is recorded and the next is tried;
 * any other rejection stops the chain (a broken source must not silently hand over to another identity).
 * When every provider skips, rejects with `CredentialsNotFoundError` listing each place and reason.
 * @example const provider = memoize(chain(fromEnv(), fromIniFile()));
 */
export function chain(...providers: CredentialProvider[]): CredentialProvider {
  return chainWith({}, ...providers);
}

/** {@link chain} with options (a custom "how to fix it" sentence). */
export function chainWith(options: ChainOptions, ...providers: CredentialProvider[]): CredentialProvider {
  return async (): Promise<Credentials> => {
    const attempts: CredentialsAttempt[] = [];
    for (const provider of providers) {
      try {
        return await provider();
      } catch (error) {
        if (!isCredentialsProviderSkip(error)) throw error;
        attempts.push({ source: error.source, reason: error.reason });
      }
    }
    throw new CredentialsNotFoundError(attempts, options.fix);
  };
}
