import { Redis, type RedisOptions } from 'ioredis';

/** Options for {@link createRedisClient}; anything else ioredis accepts may be passed through `redis`. */
export interface RedisClientOptions {
  /**
   * Longest wait for one command, in ms. A command that has not answered by then fails (closed).
   * @default 1000
   */
  commandTimeout?: number;
  /**
   * Longest wait for a TCP connection, in ms.
   * @default 1000
   */
  connectTimeout?: number;
  /** Extra ioredis options; the fail-closed ones above win. */
  redis?: RedisOptions;
}

/**
 * An ioredis client set up to fail closed and fast instead of queueing: no offline queue (commands
 * fail at once while disconnected instead of waiting behind endless reconnects), one retry per command,
 * bounded command and connect timeouts — while reconnecting forever in the background (capped backoff),
 * so the service recovers by itself when Redis is back.
 * @example const redis = createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const extra = { ...options.redis } as Record<string, unknown>;
  return new Redis(url, {
    ...extra,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeout ?? 1000,
    connectTimeout: options.connectTimeout ?? 1000,
    retryStrategy: (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 4), 1000),
  });
}
