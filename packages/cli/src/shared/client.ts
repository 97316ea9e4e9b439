import type { ClientOptions } from 'alisms';
import { defaultCredentialChain } from 'alisms';
import type { Command } from 'commander';
import { type CliIo, UsageError } from '../io.js';

/** The connection flags every command that talks to Aliyun shares. */
export interface ConnectionFlags {
  endpoint?: string;
  region?: string;
  signatureVersion?: string;
  connectTimeout?: string;
  readTimeout?: string;
}

/** Adds `--endpoint`, `--region`, `--signature-version` and the two timeouts to `command`. */
export function withConnectionOptions(command: Command): Command {
  return command
    .option(
      '--endpoint <url>',
      'Aliyun endpoint or the emulator, e.g. http://127.0.0.1:8787 (default: $ALISMS_ENDPOINT)',
    )
    .option('--region <id>', 'region used to pick the endpoint, e.g. cn-hangzhou, ap-southeast-1')
    .option('--signature-version <v>', 'v3 (ACS3-HMAC-SHA256) or v1 (HMAC-SHA1)', 'v3')
    .option('--connect-timeout <ms>', 'connect timeout in ms (default: 5000)')
    .option('--read-timeout <ms>', 'read timeout in ms (default: 10000)');
}

function positiveMs(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms <= 0) throw new UsageError(`${flag} must be a number of milliseconds, got "${value}"`);
  return ms;
}

/**
 * Client options from the flags and the command's environment: credentials come from the default
 * chain (env, alisms.yaml in the working directory, aliyun CLI, INI, ECS role, URI) read through `io`,
 * never from a flag, so no secret ends up in shell history.
 */
export function clientOptionsFrom(flags: ConnectionFlags, io: CliIo): ClientOptions {
  const version = flags.signatureVersion ?? 'v3';
  if (version !== 'v3' && version !== 'v1')
    throw new UsageError(`--signature-version must be v3 or v1, got "${version}"`);
  const env = io.env;
  return {
    credentials: defaultCredentialChain({ env, cwd: io.cwd, homeDir: env.HOME || env.USERPROFILE || undefined }),
    endpoint: flags.endpoint,
    regionId: flags.region ?? env.ALIBABA_CLOUD_REGION_ID,
    signatureVersion: version,
    connectTimeout: positiveMs(flags.connectTimeout, '--connect-timeout'),
    readTimeout: positiveMs(flags.readTimeout, '--read-timeout'),
    env,
  };
}
