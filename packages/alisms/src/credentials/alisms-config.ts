import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { parseFlatYaml } from './flat-yaml.js';
import { createCredentials } from './resolved-credentials.js';
import type { CredentialProvider, LocationOptions } from './types.js';

/** The settings an `alisms.yaml` can hold, in camelCase whichever spelling the file used. */
export interface AlismsConfigFile {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  regionId?: string;
  /** `endpoint`, or the Python alisms `host` (e.g. `http://dysmsapi.aliyuncs.com`). */
  endpoint?: string;
}

// Python alisms spellings first, then camelCase; when a file has both, the camelCase one wins.
const KEYS: ReadonlyArray<readonly [keyof AlismsConfigFile, readonly string[]]> = [
  ['accessKeyId', ['access_key_id', 'accessKeyId']],
  ['accessKeySecret', ['access_key_secret', 'accessKeySecret']],
  ['securityToken', ['security_token', 'securityToken']],
  ['regionId', ['region_id', 'regionId']],
  ['endpoint', ['host', 'endpoint']],
];

/**
 * Reads an `alisms.yaml` (flat top-level `key: value` YAML). Accepts the Python alisms keys
 * `access_key_id`, `access_key_secret`, `region_id`, `host` and the camelCase `accessKeyId`,
 * `accessKeySecret`, `securityToken`, `regionId`, `endpoint`; other keys and nested blocks are ignored.
 * @throws CredentialsSourceError when the file cannot be read or a line is not `key: value`
 *   (the message gives the line number, never its content).
 * @example const { regionId, endpoint } = readAlismsConfigFile('alisms.yaml');
 */
export function readAlismsConfigFile(path: string): AlismsConfigFile {
  const source = `config-file:${path}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CredentialsSourceError(source, `cannot read the file (${code})`, { cause: error });
  }
  const parsed = parseFlatYaml(text);
  if (!parsed.ok) throw new CredentialsSourceError(source, `line ${parsed.line} ${parsed.problem}`);
  const config: AlismsConfigFile = {};
  for (const [name, spellings] of KEYS) {
    for (const key of spellings) {
      const value = parsed.values.get(key);
      if (value !== undefined && value !== '') config[name] = value;
    }
  }
  return config;
}

/** Where `fromAlismsConfig` looks: `ALISMS_CONFIG`, else `./alisms.yaml` (relative to `cwd`). */
export function alismsConfigPath(options: LocationOptions = {}): { path: string; explicit: boolean } {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const fromEnv = env.ALISMS_CONFIG;
  return fromEnv
    ? { path: resolve(cwd, fromEnv), explicit: true }
    : { path: resolve(cwd, 'alisms.yaml'), explicit: false };
}

/**
 * Credentials from `alisms.yaml`: the file named by `ALISMS_CONFIG`, else `./alisms.yaml`.
 * Skips when the default file does not exist or holds no AccessKey (only a region, say);
 * fails when `ALISMS_CONFIG` names a missing file or only one half of the AccessKey is there.
 */
export function fromAlismsConfig(options: LocationOptions = {}): CredentialProvider {
  return async () => {
    const { path, explicit } = alismsConfigPath(options);
    const source = `config-file:${path}`;
    let config: AlismsConfigFile;
    try {
      config = readAlismsConfigFile(path);
    } catch (error) {
      const missing = (error as { cause?: NodeJS.ErrnoException }).cause?.code === 'ENOENT';
      if (missing && !explicit) throw new CredentialsProviderSkip(source, 'file not found (ALISMS_CONFIG not set)');
      if (missing)
        throw new CredentialsSourceError(source, 'ALISMS_CONFIG names a file that does not exist', {
          field: 'ALISMS_CONFIG',
        });
      throw error;
    }
    const { accessKeyId, accessKeySecret, securityToken } = config;
    if (!accessKeyId && !accessKeySecret) throw new CredentialsProviderSkip(source, 'file has no access_key_id');
    if (!accessKeyId)
      throw new CredentialsSourceError(source, 'access_key_secret is set but access_key_id (accessKeyId) is missing', {
        field: 'access_key_id',
      });
    if (!accessKeySecret)
      throw new CredentialsSourceError(
        source,
        'access_key_id is set but access_key_secret (accessKeySecret) is missing',
        {
          field: 'access_key_secret',
        },
      );
    return createCredentials({ accessKeyId, accessKeySecret, securityToken, source });
  };
}
