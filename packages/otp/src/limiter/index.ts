// The limiter: limit policies as values, and stores that check and count them atomically (Redis, memory).
export { type KeySpace, keySpace } from './keys.js';
export { MemoryLimitStore } from './memory-limit-store.js';
export {
  fixedWindow,
  type LimitAlgorithm,
  type LimitPolicy,
  slidingWindow,
  windowStart,
} from './policies.js';
export { createRedisClient, lastConnectionError, type RedisClientOptions } from './redis-client.js';
export { RedisLimitStore, type RedisLimitStoreOptions } from './redis-limit-store.js';
export { connectRedis, parseHostPort, type RedisTarget } from './redis-topology.js';
export { type RedisConnection, RedisScript, runRedis, whenReady } from './script.js';
export { isStoreUnavailableError, StoreUnavailableError } from './store-unavailable-error.js';
export { summarize } from './summarize.js';
export type { LimitCheck, LimitResult, LimitState, LimitStore } from './types.js';
