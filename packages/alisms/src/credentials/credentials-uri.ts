import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { smallRequest } from './http-get.js';
import { credentialsFromStsJson } from './sts-response.js';
import type { CredentialProvider, Env } from './types.js';

/** Options of {@link fromCredentialsUri}. */
export interface CredentialsUriOptions {
  /** Environment to read. @default process.env */
  env?: Env | undefined;
  /** The URL; overrides `ALIBABA_CLOUD_CREDENTIALS_URI`. */
  uri?: string | undefined;
  /** @default 5000 (as the official SDK) */
  connectTimeoutMs?: number | undefined;
  /** @default 10000 (as the official SDK) */
  readTimeoutMs?: number | undefined;
}

/**
 * Credentials from the URL in `ALIBABA_CLOUD_CREDENTIALS_URI` (a sidecar or a local credentials server):
 * `GET` must answer HTTP 200 with JSON `{AccessKeyId, AccessKeySecret, SecurityToken, Expiration}`.
 * Skips when the variable is not set.
 */
export function fromCredentialsUri(options: CredentialsUriOptions = {}): CredentialProvider {
  return async () => {
    const env = options.env ?? process.env;
    const raw = options.uri ?? env.ALIBABA_CLOUD_CREDENTIALS_URI;
    if (!raw) throw new CredentialsProviderSkip('credentials-uri', 'ALIBABA_CLOUD_CREDENTIALS_URI not set');
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new CredentialsSourceError('credentials-uri', 'ALIBABA_CLOUD_CREDENTIALS_URI is not a URL', {
        field: 'ALIBABA_CLOUD_CREDENTIALS_URI',
      });
    }
    // The query string or user info may carry a token of its own: keep them out of the source name.
    const source = `credentials-uri:${url.origin}${url.pathname}`;
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new CredentialsSourceError(source, 'ALIBABA_CLOUD_CREDENTIALS_URI must be http or https', {
        field: 'ALIBABA_CLOUD_CREDENTIALS_URI',
      });
    let answer: Awaited<ReturnType<typeof smallRequest>>;
    try {
      answer = await smallRequest({
        url,
        connectTimeoutMs: options.connectTimeoutMs ?? 5000,
        readTimeoutMs: options.readTimeoutMs ?? 10000,
      });
    } catch (error) {
      throw new CredentialsSourceError(source, `request failed: ${(error as Error).message}`, {
        cause: error,
        retryable: true,
      });
    }
    if (answer.status !== 200)
      throw new CredentialsSourceError(source, `answered HTTP ${answer.status}, expected 200`, {
        retryable: answer.status >= 500,
      });
    return credentialsFromStsJson(answer.body, source);
  };
}
