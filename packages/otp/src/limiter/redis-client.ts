import { type Cluster, Redis, type RedisOptions } from 'ioredis';

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
  /**
   * Called with connection errors (refused, reset…) while the client reconnects. Without a listener
   * ioredis prints each one to the console; the last one is also named in `StoreUnavailableError`.
   * @default ignore
   */
  onError?: (error: Error) => void;
}

const lastErrors = new WeakMap<object, string>();

/** The last connection error a client from {@link createRedisClient} saw, for error messages. */
export function lastConnectionError(redis: object): string | undefined {
  return lastErrors.get(redis);
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
  const redis = new Redis(url, {
    ...extra,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeout ?? 1000,
    connectTimeout: options.connectTimeout ?? 1000,
    retryStrategy: (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 4), 1000),
  });
  rememberConnectionErrors(redis, options.onError);
  return redis;
}

/** Keeps the last connection error for {@link lastConnectionError} and forwards it to `onError`. */
export function rememberConnectionErrors(redis: Redis | Cluster, onError?: (error: Error) => void): void {
  redis.on('error', (error: Error) => {
    lastErrors.set(redis, error.message.slice(0, 100));
    onError?.(error);
  });
  redis.on('ready', () => lastErrors.delete(redis));
}
