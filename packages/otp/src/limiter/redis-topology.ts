import { InvalidArgumentError } from 'alisms';
import { Cluster, Redis } from 'ioredis';
import { createRedisClient, type RedisClientOptions, rememberConnectionErrors } from './redis-client.js';
import type { RedisConnection } from './script.js';

/**
 * Where Redis is: one server by URL, a Redis Cluster by some of its nodes, or a master found through
 * Redis Sentinel. The `HOST:PORT` strings are the ones `alisms serve --redis-cluster` and
 * `--redis-sentinel` take (IPv6 as `[::1]:6379`).
 */
export type RedisTarget =
  | { url: string }
  | { cluster: readonly string[] }
  | { sentinels: readonly string[]; masterName: string };

/** A node address from `HOST:PORT` (`[v6]:PORT` for IPv6); throws `InvalidArgumentError` (from alisms) naming `field`. */
export function parseHostPort(value: string, field = 'redis'): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65535)
    throw new InvalidArgumentError(field, `"${value}" is not HOST:PORT (for example 10.0.0.5:6379 or [::1]:6379)`);
  return { host: (match[1] ?? match[2]) as string, port };
}

// ioredis's option types do not accept their own optional fields under exactOptionalPropertyTypes.
const extra = (options: RedisClientOptions) => ({ ...options.redis }) as Record<string, unknown>;

// Background reconnects never stop, but each wait is short, so a healed Redis is used within a second.
const reconnect = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 4), 1000);

function clusterClient(nodes: readonly string[], options: RedisClientOptions): Cluster {
  if (nodes.length === 0) throw new InvalidArgumentError('redis.cluster', 'name at least one node as HOST:PORT');
  const commandTimeout = options.commandTimeout ?? 1000;
  const connectTimeout = options.connectTimeout ?? 1000;
  const cluster = new Cluster(
    nodes.map((n) => parseHostPort(n, 'redis.cluster')),
    {
      // Fail closed and fast, as the standalone client does: no queue behind a missing master.
      enableOfflineQueue: false,
      clusterRetryStrategy: reconnect,
      // Slot moves during a failover are followed for about a second, then the request fails (503).
      maxRedirections: 8,
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      retryDelayOnTryAgain: 100,
      slotsRefreshTimeout: connectTimeout,
      redisOptions: { ...extra(options), commandTimeout, connectTimeout, maxRetriesPerRequest: 1 },
    },
  );
  rememberConnectionErrors(cluster, options.onError);
  return cluster;
}

function sentinelClient(sentinels: readonly string[], masterName: string, options: RedisClientOptions): Redis {
  if (sentinels.length === 0)
    throw new InvalidArgumentError('redis.sentinels', 'name at least one sentinel as HOST:PORT');
  if (!masterName) throw new InvalidArgumentError('redis.masterName', 'name the master the sentinels watch');
  const redis = new Redis({
    ...extra(options),
    sentinels: sentinels.map((s) => parseHostPort(s, 'redis.sentinels')),
    name: masterName,
    role: 'master',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeout ?? 1000,
    connectTimeout: options.connectTimeout ?? 1000,
    retryStrategy: reconnect,
    sentinelRetryStrategy: reconnect,
    // Sentinels announce a promoted master on +switch-master: reconnect at once instead of at the next error.
    failoverDetector: true,
  });
  rememberConnectionErrors(redis, options.onError);
  return redis;
}

/**
 * A fail-closed client for any {@link RedisTarget}: no offline queue, one retry, bounded timeouts,
 * reconnecting forever in the background. A Cluster client follows slot moves and failovers; a
 * Sentinel client asks the sentinels for the current master after each disconnect.
 * @example
 * const redis = connectRedis({ cluster: ['10.0.0.5:7000', '10.0.0.6:7000'] });
 * const store = createRedisOtpStore({ redis, prefix: 'alisms:otp' });
 */
export function connectRedis(target: RedisTarget, options: RedisClientOptions = {}): RedisConnection {
  if ('url' in target) return createRedisClient(target.url, options);
  if ('cluster' in target) return clusterClient(target.cluster, options);
  return sentinelClient(target.sentinels, target.masterName, options);
}
