import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { createCredentials } from './resolved-credentials.js';
import type { CredentialProvider, Env } from './types.js';

const ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
const SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
const TOKEN = 'ALIBABA_CLOUD_SECURITY_TOKEN';

/**
 * Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and the optional
 * `ALIBABA_CLOUD_SECURITY_TOKEN`. Skips when neither key variable is set; fails when only one is.
 * @param env variables to read. @default process.env
 */
export function fromEnv(env: Env = process.env): CredentialProvider {
  const source = 'env';
  return async () => {
    const accessKeyId = env[ID];
    const accessKeySecret = env[SECRET];
    if (!accessKeyId && !accessKeySecret) throw new CredentialsProviderSkip(source, `${ID} not set`);
    if (!accessKeyId) throw new CredentialsSourceError(source, `${SECRET} is set but ${ID} is not`, { field: ID });
    if (!accessKeySecret)
      throw new CredentialsSourceError(source, `${ID} is set but ${SECRET} is not`, { field: SECRET });
    return createCredentials({ accessKeyId, accessKeySecret, securityToken: env[TOKEN], source });
  };
}
