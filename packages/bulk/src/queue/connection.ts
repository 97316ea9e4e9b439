import { InvalidArgumentError } from 'alisms';
import type { ConnectionOptions } from 'bullmq';
import { Cluster, Redis } from 'ioredis';

/** ioredis options from a `redis://[user:password@]host:port[/db]` URL, for BullMQ to open its own connections. */
export function redisOptionsFromUrl(url: string): {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: object;
  maxRetriesPerRequest: null;
} {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError('redis', `"${url}" is not a Redis URL; expected redis://host:6379`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new InvalidArgumentError('redis', `expected a redis:// or rediss:// URL, got ${parsed.protocol}`);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers need blocking commands that never give up on a reconnect.
    maxRetriesPerRequest: null,
  };
}

/** A Redis client of the queue: one server, or a Cluster (commands route by key slot). */
export type BulkRedis = Redis | Cluster;

/** A plain Redis connection for the bulk bookkeeping keys (BullMQ keeps its own connections). */
export async function openRedis(target: string | BulkRedisTarget): Promise<BulkRedis> {
  // Async for the callers' sake (they await it); the client connects in the background.
  return connectTarget(typeof target === 'string' ? { url: target } : target, false);
}

/**
 * What BullMQ's `connection` option gets for the target: options for one server or Sentinel (BullMQ
 * opens its own clients), a Cluster client for a Cluster (closed by `close()`).
 */
export function bullConnection(target: BulkRedisTarget): { connection: ConnectionOptions; close(): Promise<void> } {
  if ('url' in target) return { connection: redisOptionsFromUrl(target.url), close: async () => undefined };
  if ('sentinels' in target) {
    if (target.sentinels.length === 0) throw new InvalidArgumentError('redis-sentinel', 'name at least one sentinel');
    if (!target.masterName) throw new InvalidArgumentError('redis-master', 'name the master the sentinels watch');
    return {
      connection: {
        sentinels: target.sentinels.map((s) => parseRedisNode(s, 'redis-sentinel')),
        name: target.masterName,
        maxRetriesPerRequest: null,
      },
      close: async () => undefined,
    };
  }
  // BullMQ treats a client it is given as shared and never closes it: close() does.
  const cluster = connectTarget(target, true);
  return { connection: cluster, close: () => closeTarget(cluster) };
}

/**
 * Where the queue's Redis is: one server by URL, a Redis Cluster by some of its nodes, or the master
 * that Redis Sentinel names. The same choices as `alisms serve` (`--redis`, `--redis-cluster`,
 * `--redis-sentinel` with `--redis-master`); `HOST:PORT` strings, IPv6 as `[::1]:6379`.
 */
export type BulkRedisTarget =
  | { url: string }
  | { cluster: readonly string[] }
  | { sentinels: readonly string[]; masterName: string };

/** A node address from `HOST:PORT` (`[v6]:PORT` for IPv6). */
export function parseRedisNode(value: string, field: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65535)
    throw new InvalidArgumentError(field, `"${value}" is not HOST:PORT (for example 10.0.0.5:6379 or [::1]:6379)`);
  return { host: (match[1] ?? match[2]) as string, port };
}

/** The target a queue reference names: `redis` when given, else `redisUrl`. */
export function targetOf(ref: { redisUrl?: string | undefined; redis?: BulkRedisTarget | undefined }): BulkRedisTarget {
  if (ref.redis) return ref.redis;
  if (ref.redisUrl) return { url: ref.redisUrl };
  throw new InvalidArgumentError(
    'redis',
    'name the queue’s Redis: a URL, Cluster nodes, or Sentinels and a master name',
  );
}

/**
 * The key prefix on this target. Every key of a bulk job, BullMQ's own included, must hash to one
 * Cluster slot for their scripts to run, so on a Cluster the prefix is hash-tagged (`{alisms}`)
 * unless it already carries a tag.
 */
export function queuePrefix(target: BulkRedisTarget, prefix: string): string {
  return 'cluster' in target && !/\{[^}]+\}/.test(prefix) ? `{${prefix}}` : prefix;
}

/** A client for the target; `blocking` for BullMQ (commands that never give up on a reconnect). */
export function connectTarget(target: BulkRedisTarget, blocking: boolean): BulkRedis {
  const maxRetriesPerRequest = blocking ? null : 3;
  if ('url' in target) {
    const { maxRetriesPerRequest: _blocking, ...options } = redisOptionsFromUrl(target.url);
    return new Redis({ ...options, maxRetriesPerRequest });
  }
  if ('cluster' in target) {
    if (target.cluster.length === 0) throw new InvalidArgumentError('redis-cluster', 'name at least one node');
    return new Cluster(
      target.cluster.map((n) => parseRedisNode(n, 'redis-cluster')),
      { redisOptions: { maxRetriesPerRequest } },
    );
  }
  if (target.sentinels.length === 0) throw new InvalidArgumentError('redis-sentinel', 'name at least one sentinel');
  if (!target.masterName) throw new InvalidArgumentError('redis-master', 'name the master the sentinels watch');
  return new Redis({
    sentinels: target.sentinels.map((s) => parseRedisNode(s, 'redis-sentinel')),
    name: target.masterName,
    maxRetriesPerRequest,
  });
}

/** Closes a client opened by {@link connectTarget}. */
export async function closeTarget(client: BulkRedis): Promise<void> {
  await client.quit().catch(() => client.disconnect());
}

/** The key prefix a queue reference resolves to: `prefix` (default `alisms`), hash-tagged on a Cluster. */
export function prefixOf(ref: {
  redisUrl?: string | undefined;
  redis?: BulkRedisTarget | undefined;
  prefix?: string | undefined;
}): string {
  return queuePrefix(targetOf(ref), ref.prefix ?? 'alisms');
}
