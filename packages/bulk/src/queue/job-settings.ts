import { DEFAULT_MAX_WAIT_MS, DEFAULT_UNKNOWN_DEADLINE_MS } from '../index.js';
import type { BulkRedis } from './connection.js';

/** How a queued job is sent: what `bulk send --queue` stored with it, else the worker's defaults. */
export interface JobSettings {
  qps: number;
  unknownDeadlineMs: number;
  resendUnknown: boolean;
  maxWaitMs: number;
}

/** The worker-side defaults of {@link JobSettings}, used when a job does not say. */
export interface JobSettingDefaults {
  qps?: number | undefined;
  unknownDeadlineMs?: number | undefined;
  resendUnknown?: boolean | undefined;
  maxWaitMs?: number | undefined;
}

/** The meta hash fields the settings are stored under (written by the producer). */
export const SETTING_FIELDS = ['qps', 'unknownDeadlineMs', 'resendUnknown', 'maxWaitMs'] as const;

/** Reads a job's settings from its meta hash; a worker's `resendUnknown: true` applies to every job. */
export async function readJobSettings(
  redis: BulkRedis,
  metaKey: string,
  defaults: JobSettingDefaults,
): Promise<JobSettings> {
  const [qps, deadline, resend, maxWait] = await redis.hmget(metaKey, ...SETTING_FIELDS);
  const num = (raw: string | null | undefined) => (raw !== null && raw !== undefined && raw !== '' ? Number(raw) : NaN);
  const positive = (raw: string | null | undefined, fallback: number) => {
    const n = num(raw);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    qps: positive(qps, defaults.qps ?? 50) || (defaults.qps ?? 50),
    unknownDeadlineMs: positive(deadline, defaults.unknownDeadlineMs ?? DEFAULT_UNKNOWN_DEADLINE_MS),
    resendUnknown: resend === '1' || defaults.resendUnknown === true,
    maxWaitMs: positive(maxWait, defaults.maxWaitMs ?? DEFAULT_MAX_WAIT_MS),
  };
}
