import type { RedisTarget } from '@alisms/otp';
import type { ServeConfig } from './config/schema.js';

/** Where the configuration puts Redis, or undefined for the in-memory stores. */
export function redisTargetFrom(config: ServeConfig['redis']): RedisTarget | undefined {
  if (config.cluster) return { cluster: config.cluster };
  if (config.sentinels && config.masterName) return { sentinels: config.sentinels, masterName: config.masterName };
  if (config.url) return { url: config.url };
  return undefined;
}

/**
 * Replicas a stored or consumed code must reach: 1 by default where a failover can happen (Cluster,
 * Sentinel), 0 for one server, which has nothing to fail over to.
 */
export function replicasFrom(config: ServeConfig['redis']): number {
  return config.waitForReplicas ?? (config.cluster || config.sentinels ? 1 : 0);
}
