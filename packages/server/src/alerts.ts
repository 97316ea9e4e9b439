import type { OtpAlert } from '@alisms/otp';
import type { Logger } from './logger.js';
import { webhookHook } from './webhook.js';

/** Which service raised an alert: `default` for the top level, else the key under `services`. */
export interface AlertContext {
  service: string;
}

/**
 * Receives every alert of the service (see `OtpAlert` in @alisms/otp); `alisms serve` composes several of these.
 * `context` names the service that raised it (per-tenant services), when the hook was given one.
 */
export type AlertListener = (alert: OtpAlert, context?: AlertContext) => void | Promise<void>;

const MESSAGES: Record<OtpAlert['type'], string> = {
  'fuse.tripped': 'ALERT: the global send limit is used up; no codes are sent until it resets',
  'prefix.capped': 'ALERT: a number range hit its send cap; possible SMS pumping',
};

/**
 * The alert hook of `alisms serve`: one structured `warn` line per alert (`alert`, `limit`, `count`, `resetAt`,
 * `prefix`), then the optional `alerts.webhookUrl` and every other listener (signed lifecycle webhooks…).
 * A listener that fails is logged and does not stop the others.
 *
 * @example
 * const onAlert = createAlertHook({ logger, webhookUrl: 'https://ops.example.com/hooks/alisms' });
 * createOtp({ ...options, onAlert });
 */
export function createAlertHook(options: {
  logger: Logger;
  webhookUrl?: string | undefined;
  listeners?: readonly AlertListener[];
  /** The service whose alerts these are: logged (except `default`) and passed to the listeners. */
  service?: string;
}): AlertListener {
  const { logger } = options;
  const listeners: AlertListener[] = [...(options.listeners ?? [])];
  if (options.webhookUrl) listeners.unshift(webhookHook<OtpAlert>(options.webhookUrl, logger, 5000, 'alert'));
  const context = options.service === undefined ? undefined : { service: options.service };
  return async (alert) => {
    logger.warn(
      {
        ...(context && context.service !== 'default' ? { service: context.service } : {}),
        alert: alert.type,
        limit: alert.limit,
        count: alert.count,
        resetAt: new Date(alert.resetAt).toISOString(),
        ...(alert.type === 'prefix.capped' ? { prefix: alert.prefix } : {}),
      },
      MESSAGES[alert.type],
    );
    await Promise.all(
      listeners.map(async (listener) => {
        try {
          await listener(alert, context);
        } catch (error) {
          logger.warn({ err: error instanceof Error ? error.name : String(error) }, 'alert listener failed');
        }
      }),
    );
  };
}
