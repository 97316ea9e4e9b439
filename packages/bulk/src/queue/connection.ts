import { InvalidArgumentError } from 'alisms';

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

/** A plain Redis connection for the bulk bookkeeping keys (BullMQ keeps its own connections). */
export async function openRedis(url: string): Promise<import('ioredis').Redis> {
  const { Redis } = await import('ioredis');
  const { maxRetriesPerRequest: _blocking, ...options } = redisOptionsFromUrl(url);
  return new Redis({ ...options, maxRetriesPerRequest: 3 });
}
