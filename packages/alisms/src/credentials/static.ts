import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { createCredentials } from './resolved-credentials.js';
import type { CredentialProvider } from './types.js';

/** An AccessKey given in code (client options). */
export interface StaticCredentialsInput {
  accessKeyId?: string | undefined;
  accessKeySecret?: string | undefined;
  securityToken?: string | undefined;
}

/**
 * Credentials given in code. Skips when neither half is given, so it can head the default chain;
 * fails when only one half is given.
 * @example staticCredentials({ accessKeyId: 'LTAI…', accessKeySecret: process.env.MY_SECRET })
 */
export function staticCredentials(input: StaticCredentialsInput): CredentialProvider {
  const source = 'static';
  return async () => {
    const { accessKeyId, accessKeySecret, securityToken } = input;
    if (!accessKeyId && !accessKeySecret) throw new CredentialsProviderSkip(source, 'accessKeyId option not given');
    if (!accessKeyId)
      throw new CredentialsSourceError(source, 'accessKeySecret was given without accessKeyId', {
        field: 'accessKeyId',
      });
    if (!accessKeySecret)
      throw new CredentialsSourceError(source, 'accessKeyId was given without accessKeySecret', {
        field: 'accessKeySecret',
      });
    return createCredentials({ accessKeyId, accessKeySecret, securityToken, source });
  };
}
