import { type Clock, systemClock } from 'alisms';
import type { Logger } from '../logger.js';
import type { DeliveryStatus, ReceiptStore } from './types.js';

/** The one SDK call the poller needs (`SmsClient.querySendDetails`). */
export interface SendDetailsSource {
  querySendDetails(input: { phoneNumber: string; sendDate: Date; bizId: string; pageSize?: number }): Promise<{
    details: {
      phoneNumber: string;
      sendStatus: number;
      errCode: string | undefined;
      receiveDate: Date | undefined;
      outId: string | undefined;
    }[];
  }>;
}

/** Options of {@link pollReceiptsOnce}. */
export interface PollOptions {
  store: ReceiptStore;
  source: SendDetailsSource;
  clock?: Clock;
  logger?: Logger;
  /** Sends asked about per round. @default 50 */
  batch?: number;
  /** Sends older than this stay `waiting` and are no longer asked about (QuerySendDetails looks back 30 days). @default 3 days */
  giveUpAfterMs?: number;
  /** Called with each new final status (the hook and bulk feed). */
  onStatus?: (status: DeliveryStatus) => Promise<void> | void;
}

/**
 * One round of the poller for accounts without receipt push: asks QuerySendDetails about tracked sends
 * still waiting and stores the final ones exactly as a push would. Returns how many became final.
 */
export async function pollReceiptsOnce(options: PollOptions): Promise<number> {
  const clock = options.clock ?? systemClock;
  const giveUp = options.giveUpAfterMs ?? 3 * 86_400_000;
  const pending = await options.store.pending(options.batch ?? 50);
  let finals = 0;
  for (const send of pending) {
    if (clock.now() - send.sentAt > giveUp) {
      await options.store.applyStatus({
        bizId: send.bizId,
        phoneNumber: send.phoneNumber,
        status: 'failed',
        errCode: 'NO_RECEIPT',
        errMsg: 'no delivery receipt before the poller gave up',
        source: 'poll',
        updatedAt: new Date(clock.now()).toISOString(),
      });
      continue;
    }
    let details: Awaited<ReturnType<SendDetailsSource['querySendDetails']>>['details'];
    try {
      ({ details } = await options.source.querySendDetails({
        phoneNumber: send.phoneNumber,
        sendDate: new Date(send.sentAt),
        bizId: send.bizId,
        pageSize: 10,
      }));
    } catch (error) {
      options.logger?.warn({ err: error instanceof Error ? error.message : String(error) }, 'QuerySendDetails failed');
      continue;
    }
    const detail = details.find((d) => d.sendStatus === 2 || d.sendStatus === 3);
    if (!detail) continue;
    const status: DeliveryStatus = {
      bizId: send.bizId,
      phoneNumber: send.phoneNumber,
      status: detail.sendStatus === 3 ? 'delivered' : 'failed',
      ...(detail.errCode ? { errCode: detail.errCode } : {}),
      ...(detail.outId ? { outId: detail.outId } : {}),
      ...(detail.receiveDate ? { reportTime: detail.receiveDate.toISOString() } : {}),
      source: 'poll',
      updatedAt: new Date(clock.now()).toISOString(),
    };
    const stored = await options.store.applyStatus(status);
    if (stored) {
      finals++;
      // As stored: with the service that sent it, for the webhooks of that service.
      await options.onStatus?.(stored);
    }
  }
  return finals;
}

/** Runs {@link pollReceiptsOnce} every `intervalMs` until stopped; rounds never overlap. */
export function startReceiptPoller(options: PollOptions & { intervalMs: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => pollReceiptsOnce(options)).catch(() => {});
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
