import { homedir } from 'node:os';
import { join } from 'node:path';
import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { readOptionalFile } from './read-optional-file.js';
import { createCredentials } from './resolved-credentials.js';
import type { CredentialProvider, LocationOptions } from './types.js';

interface CliProfile {
  name?: unknown;
  mode?: unknown;
  access_key_id?: unknown;
  access_key_secret?: unknown;
  sts_token?: unknown;
}

/**
 * Credentials from the aliyun CLI's `~/.aliyun/config.json`: the profile named by `ALIBABA_CLOUD_PROFILE`,
 * else the file's `current`. Reads modes `AK` and `StsToken`; skips other modes (ECS roles, SSO, …), a
 * missing file or profile, and everything when `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`.
 */
export function fromAliyunCli(options: LocationOptions = {}): CredentialProvider {
  return async () => {
    const env = options.env ?? process.env;
    const path = join(options.homeDir ?? homedir(), '.aliyun', 'config.json');
    const source = `aliyun-cli:${path}`;
    if (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED === 'true')
      throw new CredentialsProviderSkip(source, 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true');
    const text = await readOptionalFile(path, source);
    if (text === undefined) throw new CredentialsProviderSkip(source, 'file not found');
    let config: { current?: unknown; profiles?: unknown };
    try {
      config = JSON.parse(text) as typeof config;
    } catch {
      // No cause: V8's JSON error message quotes the text, which holds secrets.
      throw new CredentialsSourceError(source, 'the file is not valid JSON');
    }
    const wanted = env.ALIBABA_CLOUD_PROFILE || (typeof config?.current === 'string' ? config.current : '');
    if (!wanted) throw new CredentialsProviderSkip(source, 'no "current" profile and ALIBABA_CLOUD_PROFILE not set');
    const profiles = Array.isArray(config?.profiles) ? (config.profiles as CliProfile[]) : [];
    const profile = profiles.find((p) => p && typeof p === 'object' && p.name === wanted);
    if (!profile) throw new CredentialsProviderSkip(source, `profile "${wanted}" not found`);
    const where = `${source}#${wanted}`;
    const mode = typeof profile.mode === 'string' && profile.mode !== '' ? profile.mode : 'AK';
    if (mode !== 'AK' && mode !== 'StsToken')
      throw new CredentialsProviderSkip(where, `mode ${mode} is not read by alisms (only AK and StsToken)`);
    const field = (name: keyof CliProfile): string => {
      const value = profile[name];
      if (typeof value === 'string' && value !== '') return value;
      throw new CredentialsSourceError(where, `mode ${mode} needs "${name}", which is missing or empty`, {
        field: name,
      });
    };
    const accessKeyId = field('access_key_id');
    const accessKeySecret = field('access_key_secret');
    const securityToken = mode === 'StsToken' ? field('sts_token') : undefined;
    return createCredentials({ accessKeyId, accessKeySecret, securityToken, source: where });
  };
}
