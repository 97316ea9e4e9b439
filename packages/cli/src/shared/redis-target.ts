import type { Command } from 'commander';
import { UsageError } from '../io.js';

/** The Redis flags `alisms serve`, `bulk send --queue`, `bulk status` and `worker` share. */
export interface RedisFlags {
  redis?: string;
  redisCluster?: string[];
  redisSentinel?: string[];
  redisMaster?: string;
}

/** Where the bulk queue's Redis is (the shape `@alisms/bulk/queue` takes). */
export type RedisTargetFlag =
  | { url: string }
  | { cluster: readonly string[] }
  | { sentinels: readonly string[]; masterName: string };

/** Adds `--redis-cluster`, `--redis-sentinel` and `--redis-master`, worded as `alisms serve` words them. */
export function withTopologyFlags(command: Command): Command {
  return command
    .option('--redis-cluster <nodes...>', 'Redis Cluster nodes as HOST:PORT (comma-separated or repeated)')
    .option('--redis-sentinel <sentinels...>', 'Redis Sentinels as HOST:PORT (comma-separated or repeated)')
    .option('--redis-master <name>', 'master name the sentinels watch (with --redis-sentinel)');
}

const list = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The target the flags name: one of `--redis URL` (or `url`, e.g. `--queue URL`), `--redis-cluster`,
 * `--redis-sentinel` with `--redis-master`; else `$REDIS_URL`; else undefined.
 */
export function redisTargetOf(
  flags: RedisFlags,
  env: NodeJS.ProcessEnv,
  url: string | undefined = flags.redis,
): RedisTargetFlag | undefined {
  const given = [url, flags.redisCluster, flags.redisSentinel].filter((f) => f !== undefined).length;
  if (given > 1) throw new UsageError('use one of --redis, --redis-cluster, --redis-sentinel');
  if (flags.redisMaster !== undefined && flags.redisSentinel === undefined)
    throw new UsageError('--redis-master goes with --redis-sentinel');
  if (flags.redisCluster) return { cluster: list(flags.redisCluster) };
  if (flags.redisSentinel) {
    if (!flags.redisMaster) throw new UsageError('--redis-sentinel needs --redis-master NAME (the master they watch)');
    return { sentinels: list(flags.redisSentinel), masterName: flags.redisMaster };
  }
  const resolved = url ?? env.REDIS_URL;
  return resolved ? { url: resolved } : undefined;
}

/** How to name the target again in a follow-up command line. */
export function describeTarget(target: RedisTargetFlag): string {
  if ('url' in target) return `--redis ${target.url}`;
  if ('cluster' in target) return `--redis-cluster ${target.cluster.join(',')}`;
  return `--redis-sentinel ${target.sentinels.join(',')} --redis-master ${target.masterName}`;
}
