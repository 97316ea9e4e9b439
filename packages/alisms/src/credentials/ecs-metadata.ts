import { redact } from '../core/redact.js';
import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { type DmiReader, isAlibabaCloudEcs, readLinuxDmi } from './ecs-detect.js';
import { type SmallResponse, smallRequest } from './http-get.js';
import { credentialsFromStsJson } from './sts-response.js';
import type { CredentialProvider, Env } from './types.js';

/** Options of {@link fromEcsMetadata}. */
export interface EcsMetadataOptions {
  /** Environment to read. @default process.env */
  env?: Env | undefined;
  /** Metadata service `host[:port]`, plain HTTP. Tests point it at 127.0.0.1. @default '100.100.100.200' */
  host?: string | undefined;
  /** Says whether this machine is ECS (checked for "Alibaba Cloud"). @default reads /sys/class/dmi/id */
  readDmi?: DmiReader | undefined;
  /** @default 1000 */
  connectTimeoutMs?: number | undefined;
  /** @default 1000 */
  readTimeoutMs?: number | undefined;
  /** Lifetime asked for the IMDSv2 token, in seconds. @default 21600 */
  tokenTtlSeconds?: number | undefined;
}

const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/';

/**
 * STS credentials of the ECS instance's RAM role, from the instance metadata service (IMDS).
 *
 * Safety: the link-local metadata address is contacted only when `ALIBABA_CLOUD_ECS_METADATA` names a
 * role or the machine's DMI data says "Alibaba Cloud", and never when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
 * Asks for an IMDSv2 token first (`PUT /latest/api/token`); when that fails, falls back to v1 unless
 * `ALIBABA_CLOUD_IMDSV1_DISABLED=true`. The role is discovered when not named. The answer must have
 * `Code: Success` and all of `AccessKeyId`, `AccessKeySecret`, `SecurityToken`, `Expiration`.
 */
export function fromEcsMetadata(options: EcsMetadataOptions = {}): CredentialProvider {
  return async () => {
    const env = options.env ?? process.env;
    const host = options.host ?? '100.100.100.200';
    const source = `ecs-metadata:${host}`;
    if (env.ALIBABA_CLOUD_ECS_METADATA_DISABLED === 'true')
      throw new CredentialsProviderSkip(source, 'ALIBABA_CLOUD_ECS_METADATA_DISABLED=true');
    const namedRole = env.ALIBABA_CLOUD_ECS_METADATA;
    if (!namedRole && !(await isAlibabaCloudEcs(options.readDmi ?? readLinuxDmi)))
      throw new CredentialsProviderSkip(
        source,
        'ALIBABA_CLOUD_ECS_METADATA not set and this machine is not an Alibaba Cloud ECS instance',
      );

    const timeouts = {
      connectTimeoutMs: options.connectTimeoutMs ?? 1000,
      readTimeoutMs: options.readTimeoutMs ?? 1000,
    };
    const call = async (what: string, method: 'GET' | 'PUT', path: string, headers: Record<string, string>) => {
      try {
        return await smallRequest({ url: new URL(`http://${host}${path}`), method, headers, ...timeouts });
      } catch (error) {
        throw new CredentialsSourceError(source, `${what} failed: ${(error as Error).message}`, {
          cause: error,
          retryable: true,
        });
      }
    };

    const token = await fetchToken(call, options.tokenTtlSeconds ?? 21600, env, source);
    const headers: Record<string, string> = token === undefined ? {} : { 'X-aliyun-ecs-metadata-token': token };

    let role = namedRole;
    if (!role) {
      const listed = await call('role discovery', 'GET', CREDENTIALS_PATH, headers);
      if (listed.status === 404 || (listed.status === 200 && listed.body.trim() === ''))
        throw new CredentialsProviderSkip(source, 'this ECS instance has no RAM role attached');
      expectOk(listed, 'role discovery', source);
      role = listed.body.trim().split(/\r?\n/)[0] ?? '';
    }
    const where = `ecs-ram-role:${role}`;
    const answer = await call(
      `credentials of role ${role}`,
      'GET',
      CREDENTIALS_PATH + encodeURIComponent(role),
      headers,
    );
    expectOk(answer, `credentials of role ${role}`, where);
    return credentialsFromStsJson(answer.body, where, (data) => {
      if (data.Code !== 'Success') {
        // Quote the Code to help diagnosis, but with the answer's own secrets cut out first.
        const secrets = [data.AccessKeySecret, data.SecurityToken].filter((v): v is string => typeof v === 'string');
        const code = typeof data.Code === 'string' ? redact(data.Code, secrets).slice(0, 60) : 'missing';
        throw new CredentialsSourceError(where, `the metadata service answered Code ${code}, not Success`, {
          field: 'Code',
          retryable: true,
        });
      }
    });
  };
}

type Call = (
  what: string,
  method: 'GET' | 'PUT',
  path: string,
  headers: Record<string, string>,
) => Promise<SmallResponse>;

async function fetchToken(call: Call, ttl: number, env: Env, source: string): Promise<string | undefined> {
  let problem: string;
  try {
    const answer = await call('IMDSv2 token request', 'PUT', '/latest/api/token', {
      'X-aliyun-ecs-metadata-token-ttl-seconds': String(ttl),
    });
    if (answer.status === 200 && answer.body.trim() !== '') return answer.body.trim();
    problem = `IMDSv2 token request answered HTTP ${answer.status}`;
  } catch (error) {
    // `call` already wrapped it with the source name; keep only the network reason.
    const cause = (error as { cause?: unknown }).cause;
    problem = `IMDSv2 token request failed (${cause instanceof Error ? cause.message : 'network error'})`;
  }
  if (env.ALIBABA_CLOUD_IMDSV1_DISABLED === 'true')
    throw new CredentialsSourceError(
      source,
      `${problem}, and ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids the v1 fallback`,
      {
        field: 'ALIBABA_CLOUD_IMDSV1_DISABLED',
        retryable: true,
      },
    );
  return undefined;
}

function expectOk(answer: SmallResponse, what: string, source: string): void {
  if (answer.status !== 200)
    throw new CredentialsSourceError(source, `${what} answered HTTP ${answer.status}`, {
      retryable: answer.status >= 500,
    });
}
