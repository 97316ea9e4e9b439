import type { Clock } from '../core/clock.js';
import { fromAlismsConfig } from './alisms-config.js';
import { fromAliyunCli } from './aliyun-cli.js';
import { chain } from './chain.js';
import { type CredentialsUriOptions, fromCredentialsUri } from './credentials-uri.js';
import { type EcsMetadataOptions, fromEcsMetadata } from './ecs-metadata.js';
import { fromEnv } from './env.js';
import { fromIniFile } from './ini-file.js';
import { type MemoizedCredentialProvider, memoize } from './memoize.js';
import { type StaticCredentialsInput, staticCredentials } from './static.js';
import type { LocationOptions } from './types.js';

/** Options of {@link defaultCredentialChain}. Every field is optional; the defaults read the real process. */
export interface DefaultCredentialChainOptions extends StaticCredentialsInput, LocationOptions {
  /** Source of time for the cache. @default systemClock */
  clock?: Clock | undefined;
  /** Fetch expiring credentials again this many ms before `expiration`. @default 900000 (15 min) */
  refreshBeforeMs?: number | undefined;
  /** ECS metadata options: `host`, `readDmi`, timeouts. `env` comes from the chain's `env`. */
  ecs?: Omit<EcsMetadataOptions, 'env'> | undefined;
  /** Credentials URI timeouts. `env` comes from the chain's `env`. */
  credentialsUri?: Omit<CredentialsUriOptions, 'env'> | undefined;
}

/**
 * The credential chain alisms uses when a client is given no `credentials`, cached with {@link memoize}:
 * 1. `accessKeyId` / `accessKeySecret` / `securityToken` options ({@link staticCredentials})
 * 2. `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` / `ALIBABA_CLOUD_SECURITY_TOKEN` ({@link fromEnv})
 * 3. `alisms.yaml` at `ALISMS_CONFIG` or `./alisms.yaml` ({@link fromAlismsConfig})
 * 4. the aliyun CLI's `~/.aliyun/config.json` ({@link fromAliyunCli})
 * 5. `~/.alibabacloud/credentials` ({@link fromIniFile})
 * 6. the ECS RAM role, only on ECS ({@link fromEcsMetadata})
 * 7. `ALIBABA_CLOUD_CREDENTIALS_URI` ({@link fromCredentialsUri})
 *
 * When none applies it rejects with `CredentialsNotFoundError`, listing every place and why.
 * @example
 * const credentials = defaultCredentialChain();
 * const { accessKeyId, source } = await credentials();
 */
export function defaultCredentialChain(options: DefaultCredentialChainOptions = {}): MemoizedCredentialProvider {
  const location: LocationOptions = { env: options.env, homeDir: options.homeDir, cwd: options.cwd };
  const providers = chain(
    staticCredentials(options),
    fromEnv(options.env ?? process.env),
    fromAlismsConfig(location),
    fromAliyunCli(location),
    fromIniFile(location),
    fromEcsMetadata({ ...options.ecs, env: options.env }),
    fromCredentialsUri({ ...options.credentialsUri, env: options.env }),
  );
  return memoize(providers, { clock: options.clock, refreshBeforeMs: options.refreshBeforeMs });
}
