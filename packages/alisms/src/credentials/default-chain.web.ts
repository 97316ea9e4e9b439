// The Web build's default-chain.ts (chosen by scripts/build.mjs): edge runtimes have no files, no
// home directory and no ECS metadata, so the chain is the options, then the environment.
import type { Clock } from '../core/clock.js';
import { chain } from './chain.js';
import { fromEnv } from './env.js';
import { type MemoizedCredentialProvider, memoize } from './memoize.js';
import { type StaticCredentialsInput, staticCredentials } from './static.js';
import type { Env } from './types.js';

/** Options of {@link defaultCredentialChain} in the Web build. */
export interface DefaultCredentialChainOptions extends StaticCredentialsInput {
  /** Variables to read (Workers: the `env` binding). @default process.env where the runtime has one, else none */
  env?: Env | undefined;
  /** Source of time for the cache. @default systemClock */
  clock?: Clock | undefined;
  /** Fetch expiring credentials again this many ms before `expiration`. @default 900000 (15 min) */
  refreshBeforeMs?: number | undefined;
}

/**
 * The Web build's default chain: the key options, then `ALIBABA_CLOUD_ACCESS_KEY_ID` /
 * `_SECRET` / `ALIBABA_CLOUD_SECURITY_TOKEN` from `env`. For anything else pass `credentials`
 * (a provider function).
 * @example
 * const sms = new SmsClient({ env }); // in a Worker's fetch(request, env)
 */
export function defaultCredentialChain(options: DefaultCredentialChainOptions = {}): MemoizedCredentialProvider {
  const env = options.env ?? (globalThis as { process?: { env?: Env } }).process?.env ?? {};
  return memoize(chain(staticCredentials(options), fromEnv(env)), {
    clock: options.clock,
    refreshBeforeMs: options.refreshBeforeMs,
  });
}
