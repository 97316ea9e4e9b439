import { CredentialsSourceError } from './credentials-source-error.js';
import { createCredentials, type ResolvedCredentials } from './resolved-credentials.js';

const REQUIRED = ['AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration'] as const;

/**
 * Turns an STS-shaped JSON answer (`AccessKeyId`, `AccessKeySecret`, `SecurityToken`, `Expiration`) into
 * credentials. Errors name the missing fields only: the body is never quoted, since it holds the secret.
 */
export function credentialsFromStsJson(
  body: string,
  source: string,
  check?: (data: Record<string, unknown>) => void,
): ResolvedCredentials {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    // No cause: V8's JSON error message quotes the text, which may hold secrets.
    throw new CredentialsSourceError(source, 'the answer is not JSON');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new CredentialsSourceError(source, 'the answer is not a JSON object');
  const record = data as Record<string, unknown>;
  check?.(record);
  const missing = REQUIRED.filter((key) => typeof record[key] !== 'string' || record[key] === '');
  if (missing.length > 0)
    throw new CredentialsSourceError(source, `the answer lacks ${missing.join(', ')}`, { field: missing[0] ?? '' });
  const expirationText = record.Expiration as string;
  const expiration = Date.parse(expirationText);
  if (Number.isNaN(expiration))
    throw new CredentialsSourceError(source, 'Expiration is not an ISO 8601 date', { field: 'Expiration' });
  return createCredentials({
    accessKeyId: record.AccessKeyId as string,
    accessKeySecret: record.AccessKeySecret as string,
    securityToken: record.SecurityToken as string,
    expiration,
    source,
  });
}
