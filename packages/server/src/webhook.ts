import type { Logger } from './logger.js';
import type { ReceiptEvent } from './receipts/types.js';

/**
 * The `receipts.webhookUrl` hook: POSTs each new status or MO reply as JSON. Best effort: a failing
 * webhook is logged and dropped (the status itself is stored and readable at `/v1/messages/{bizId}`).
 */
export function webhookHook(url: string, logger: Logger, timeoutMs = 5000): (event: ReceiptEvent) => Promise<void> {
  return async (event) => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) logger.warn({ status: res.status }, 'receipt webhook answered an error');
      await res.body?.cancel();
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.name : String(error) }, 'receipt webhook failed');
    }
  };
}
