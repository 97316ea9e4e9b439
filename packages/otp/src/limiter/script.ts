import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { loadLuaSource } from './lua-includes.js';
import { lastConnectionError } from './redis-client.js';
import { StoreUnavailableError } from './store-unavailable-error.js';

/** A standalone ioredis client or a Cluster client. */
export type RedisConnection = Redis | Cluster;

function isCluster(redis: RedisConnection): redis is Cluster {
  return 'refreshSlotsCache' in redis;
}

/**
 * Waits (at most `timeoutMs`) for the client to be ready. With the offline queue off, a command sent
 * while ioredis is still connecting would fail at once; this turns the first calls after start-up or
 * a reconnect into a short wait, and a dead Redis into a prompt {@link StoreUnavailableError}.
 */
export async function whenReady(redis: RedisConnection, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  if (redis.status === 'end') throw new StoreUnavailableError('the Redis client was closed');
  if (redis.status === 'wait') redis.connect().catch(() => undefined);
  // One shared wait per client: a burst of calls during a reconnect adds one listener, not one per call.
  let pending = waits.get(redis);
  if (!pending) {
    pending = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        redis.off('ready', onReady);
        const last = lastConnectionError(redis);
        const detail = `Redis not ready after ${timeoutMs} ms, status ${redis.status}${last ? `, last error: ${last}` : ''}`;
        reject(new StoreUnavailableError(detail));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      redis.once('ready', onReady);
    }).finally(() => waits.delete(redis));
    waits.set(redis, pending);
  }
  return pending;
}

const waits = new WeakMap<RedisConnection, Promise<void>>();

/** Runs `fn` against Redis, turning connection-level failures into {@link StoreUnavailableError}. */
export async function runRedis<T>(redis: RedisConnection, readyTimeoutMs: number, fn: () => Promise<T>): Promise<T> {
  await whenReady(redis, readyTimeoutMs);
  try {
    return await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Script errors (bad arguments, a bug in a script) are ours, not Redis being down: let them through.
    if (/^(ERR|WRONGTYPE|NOSCRIPT)\b/.test(message)) throw error;
    throw new StoreUnavailableError(message.slice(0, 120), error);
  }
}

/**
 * A Lua script read once from a file beside the code (`new URL('./lua/x.lua', import.meta.url)` works
 * from the sources and from the build, which copies the .lua files) and run by SHA: EVALSHA first, and
 * EVAL (which also caches the script) only when Redis answers NOSCRIPT — after a restart or a failover.
 * Its `--- @include "…"` lines are spliced in first ({@link loadLuaSource}): `source` is what Redis runs.
 */
export class RedisScript {
  readonly source: string;
  readonly sha: string;
  readonly name: string;

  constructor(file: URL) {
    this.source = loadLuaSource(file);
    this.sha = createHash('sha1').update(this.source).digest('hex');
    this.name = file.pathname.slice(file.pathname.lastIndexOf('/') + 1);
  }

  /** Runs the script; `readyTimeoutMs` bounds the wait for a (re)connecting client. */
  run(redis: RedisConnection, keys: readonly string[], args: readonly (string | number)[], readyTimeoutMs = 1000) {
    return runRedis(redis, readyTimeoutMs, async () => {
      try {
        return (await redis.evalsha(this.sha, keys.length, ...keys, ...args)) as unknown;
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return (await redis.eval(this.source, keys.length, ...keys, ...args)) as unknown;
      }
    });
  }

  /**
   * Runs the script and then `WAIT replicas timeoutMs` in one pipeline (one round trip), so the reply also
   * says how many replicas hold the script's writes. Pipelined, the keyless WAIT goes to the node that ran
   * the script, which a Cluster client would not otherwise guarantee.
   */
  runAndWait(
    redis: RedisConnection,
    keys: readonly string[],
    args: readonly (string | number)[],
    wait: { replicas: number; timeoutMs: number },
    readyTimeoutMs = 1000,
  ): Promise<{ reply: unknown; acknowledged: number }> {
    const attempt = async (byEval: boolean) => {
      const pipeline = redis.pipeline();
      if (byEval) pipeline.eval(this.source, keys.length, ...keys, ...args);
      else pipeline.evalsha(this.sha, keys.length, ...keys, ...args);
      pipeline.wait(wait.replicas, wait.timeoutMs);
      const results = (await pipeline.exec()) ?? [];
      const [scriptError, reply] = results[0] ?? [new Error('empty pipeline reply'), null];
      if (scriptError) throw scriptError;
      const [waitError, acknowledged] = results[1] ?? [new Error('no WAIT reply'), 0];
      if (waitError) throw waitError;
      return { reply, acknowledged: Number(acknowledged) };
    };
    return runRedis(redis, readyTimeoutMs, async () => {
      let byEval = false;
      for (let redirects = 0; ; ) {
        try {
          return await attempt(byEval);
        } catch (error) {
          const message = error instanceof Error ? error.message : '';
          if (message.startsWith('NOSCRIPT') && !byEval) {
            byEval = true;
            continue;
          }
          // ioredis follows a Cluster redirect for a pipeline only when every command in it failed, and the
          // keyless WAIT never does: after a failover the pipeline would go to the old node forever. Learn
          // the new slot owners and try again, a few times, then fail (closed) like any other command.
          if (isCluster(redis) && /^(MOVED|ASK|CLUSTERDOWN|TRYAGAIN)\b/.test(message) && redirects++ < 3) {
            await new Promise<void>((resolve) => redis.refreshSlotsCache(() => resolve()));
            continue;
          }
          throw error;
        }
      }
    });
  }
}
