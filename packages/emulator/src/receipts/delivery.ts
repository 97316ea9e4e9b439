import { type Clock, InvalidArgumentError, systemClock } from 'alisms';
import type { MessageStore, StoredMessage, StoreEvent } from '../store/types.js';
import { type DeliveryConfig, resolveDeliveryConfig } from './config.js';
import { type PostJson, type PushOutcome, postJson } from './post-json.js';
import { INTL_REPORT_RETRY_MS, type PushAttempt, ReceiptPusher, SMS_REPORT_RETRY_MS } from './receipt-pusher.js';
import { type IntlReportItem, type SmsReportItem, toIntlReportItem, toSmsReportItem } from './report-items.js';
import { type Scheduler, systemScheduler, type TimerHandle } from './scheduler.js';
import { pushSmsUp, type SmsUpInput } from './sms-up.js';

/** Options of the emulator's delivery-receipt simulation (`CreateEmulatorOptions.delivery`). */
export interface StartDeliveryOptions {
  store: MessageStore;
  /** Partial config; the rest comes from `defaultDeliveryConfig`. */
  config?: Partial<DeliveryConfig>;
  /** Source of `receivedAt` and receipt times. */
  clock?: Clock;
  /** Timers for the verdict delay and push retries; tests pass a `ManualScheduler`. */
  scheduler?: Scheduler;
  /** Returns a number in [0, 1); a message is delivered when it is below `deliveredRatio`. */
  random?: () => number;
  /** Replaces the HTTP POST of receipts and SmsUp (tests, or a core that routes pushes elsewhere). */
  post?: PostJson;
  /** Called after every receipt push attempt. */
  onAttempt?: (attempt: PushAttempt) => void;
  /** One line per failed push or store error; never contains a phone number or a code. */
  log?: (line: string) => void;
}

/** A running delivery simulation. */
export interface Delivery {
  readonly config: DeliveryConfig;
  /** Pushes one SmsUp (MO reply) to `config.upPushUrl`; throws when it is not set. */
  simulateSmsUp(input: SmsUpInput): Promise<PushOutcome>;
  /** Unsubscribes, cancels pending verdicts and retries, waits for pushes on the wire. */
  stop(): Promise<void>;
}

/**
 * Plays the carrier: every message the store accepts gets a verdict (`delivered` or `failed` with
 * `failCode`) after `delay` ms, written back with `store.update`, and, when `pushUrl` is set, a
 * receipt POSTed in Aliyun's SmsReport format with Aliyun's retry schedule.
 *
 * @example
 * const delivery = startDelivery({ store, config: { delay: 500, pushUrl: 'http://127.0.0.1:3000/sms/report' } });
 * // ... later
 * await delivery.stop();
 */
export function startDelivery(options: StartDeliveryOptions): Delivery {
  const config = resolveDeliveryConfig(options.config);
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? systemScheduler;
  const random = options.random ?? Math.random;
  const post = options.post ?? postJson;
  const log = options.log ?? (() => {});
  const verdicts = new Map<string, TimerHandle>();
  const working = new Set<Promise<void>>();
  let stopped = false;
  let upSequence = 0;

  const pusherFor = <Item>(retryMs: readonly number[]): ReceiptPusher<Item> | undefined =>
    config.pushUrl === undefined
      ? undefined
      : new ReceiptPusher<Item>({
          url: config.pushUrl,
          retryDelays: retryMs.map((ms) => ms * config.retryScale),
          timeoutMs: config.pushTimeout,
          maxBatch: config.maxBatch,
          scheduler,
          post,
          onAttempt: (attempt) => {
            if (!attempt.outcome.ok) {
              const next = attempt.gaveUp ? 'giving up' : `retry in ${attempt.retryInMs} ms`;
              log(
                `receipt push to ${safeUrl(attempt.url)} failed (${attempt.outcome.reason}), attempt ${attempt.attempt}: ${next}`,
              );
            }
            options.onAttempt?.(attempt);
          },
        });
  const smsPusher = pusherFor<SmsReportItem>(SMS_REPORT_RETRY_MS);
  const intlPusher = pusherFor<IntlReportItem>(INTL_REPORT_RETRY_MS);

  function schedule(message: StoredMessage): void {
    if (stopped || message.status !== 'waiting' || verdicts.has(message.id)) return;
    const due = Date.parse(message.sentAt) + config.delay;
    const wait = Number.isFinite(due) ? Math.min(config.delay, Math.max(0, due - clock.now())) : config.delay;
    const timer = scheduler.setTimeout(() => {
      verdicts.delete(message.id);
      const work = decide(message.id).catch((error: unknown) =>
        log(`delivery update failed: ${(error as Error).message}`),
      );
      working.add(work);
      void work.finally(() => working.delete(work));
    }, wait);
    verdicts.set(message.id, timer);
  }

  async function decide(id: string): Promise<void> {
    const current = store.get(id);
    // A fault or a test may already have settled it; the carrier never overrides a verdict.
    if (stopped || !current || current.status !== 'waiting') return;
    const delivered = random() < config.deliveredRatio;
    const updated = await store.update(id, {
      status: delivered ? 'delivered' : 'failed',
      errCode: delivered ? 'DELIVERED' : config.failCode,
      receivedAt: new Date(clock.now()).toISOString(),
    });
    if (!updated || stopped) return;
    if (updated.product === 'sms') smsPusher?.enqueue(toSmsReportItem(updated));
    else if (updated.product === 'intl') intlPusher?.enqueue(toIntlReportItem(updated));
    // Direct Mail has no receipt push: its status only shows in the inbox and the API.
  }

  function onEvent(event: StoreEvent): void {
    if (event.type === 'message') schedule(event.message);
    else if (event.type === 'clear') {
      for (const timer of verdicts.values()) scheduler.clearTimeout(timer);
      verdicts.clear();
    }
  }

  const unsubscribe = store.subscribe(onEvent);
  // Messages loaded from a data file before we subscribed still wait for their verdict.
  for (const message of store.list({ limit: Number.MAX_SAFE_INTEGER })) schedule(message);

  return {
    config,
    simulateSmsUp(input) {
      if (config.upPushUrl === undefined)
        throw new InvalidArgumentError('upPushUrl', 'set the SmsUp push URL before simulating a reply');
      return pushSmsUp(
        { ...input, sequenceId: input.sequenceId ?? `${clock.now()}${String(++upSequence).padStart(4, '0')}` },
        { url: config.upPushUrl, now: clock.now(), timeoutMs: config.pushTimeout, post },
      );
    },
    async stop() {
      stopped = true;
      unsubscribe();
      for (const timer of verdicts.values()) scheduler.clearTimeout(timer);
      verdicts.clear();
      await Promise.allSettled([...working]);
      await Promise.all([smsPusher?.stop(), intlPusher?.stop()]);
    },
  };
}

/** Push URLs may carry a token in the query: logs show origin and path only. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
