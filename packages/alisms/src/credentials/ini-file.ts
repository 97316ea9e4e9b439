import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { parseIni } from './ini.js';
import { readOptionalFile } from './read-optional-file.js';
import { createCredentials } from './resolved-credentials.js';
import type { CredentialProvider, LocationOptions } from './types.js';

/**
 * Credentials from the INI file shared by the official SDKs: `ALIBABA_CLOUD_CREDENTIALS_FILE`, else
 * `~/.alibabacloud/credentials`; profile `ALIBABA_CLOUD_PROFILE`, else `default`. Reads `type = access_key`
 * profiles (`access_key_id`, `access_key_secret`). Skips a missing default file, a missing profile and other
 * types; fails when `ALIBABA_CLOUD_CREDENTIALS_FILE` names a missing file or a field is missing.
 */
export function fromIniFile(options: LocationOptions = {}): CredentialProvider {
  return async () => {
    const env = options.env ?? process.env;
    const explicit = env.ALIBABA_CLOUD_CREDENTIALS_FILE;
    const path = explicit
      ? resolve(options.cwd ?? process.cwd(), explicit)
      : join(options.homeDir ?? homedir(), '.alibabacloud', 'credentials');
    const source = `ini-file:${path}`;
    const text = await readOptionalFile(path, source);
    if (text === undefined) {
      if (explicit)
        throw new CredentialsSourceError(source, 'ALIBABA_CLOUD_CREDENTIALS_FILE names a file that does not exist', {
          field: 'ALIBABA_CLOUD_CREDENTIALS_FILE',
        });
      throw new CredentialsProviderSkip(source, 'file not found (ALIBABA_CLOUD_CREDENTIALS_FILE not set)');
    }
    const name = env.ALIBABA_CLOUD_PROFILE || 'default';
    const profile = parseIni(text).get(name);
    if (!profile) throw new CredentialsProviderSkip(source, `profile [${name}] not found`);
    const where = `${source}#${name}`;
    const type = profile.get('type');
    if (!type)
      throw new CredentialsSourceError(where, 'profile has no "type" (expected type = access_key)', { field: 'type' });
    if (type !== 'access_key')
      throw new CredentialsProviderSkip(where, `type ${type} is not read by alisms (only access_key)`);
    const accessKeyId = profile.get('access_key_id');
    const accessKeySecret = profile.get('access_key_secret');
    if (!accessKeyId)
      throw new CredentialsSourceError(where, 'type access_key needs access_key_id, which is missing or empty', {
        field: 'access_key_id',
      });
    if (!accessKeySecret)
      throw new CredentialsSourceError(where, 'type access_key needs access_key_secret, which is missing or empty', {
        field: 'access_key_secret',
      });
    return createCredentials({ accessKeyId, accessKeySecret, source: where });
  };
}
