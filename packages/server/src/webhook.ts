import type { Logger } from './logger.js';
import type { ReceiptEvent } from './receipts/types.js';

/**
 * POSTs each event as JSON to `url`. Best effort: a failing webhook is logged (as "<what> webhook …") and
 * dropped. Used for `receipts.webhookUrl` (each new status or MO reply, also readable at
 * `/v1/messages/{bizId}`) and `alerts.webhookUrl`.
 */
export function webhookHook<T = ReceiptEvent>(
  url: string,
  logger: Logger,
  timeoutMs = 5000,
  what = 'receipt',
): (event: T) => Promise<void> {
  return async (event) => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) logger.warn({ status: res.status }, `${what} webhook answered an error`);
      await res.body?.cancel();
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.name : String(error) }, `${what} webhook failed`);
    }
  };
}
