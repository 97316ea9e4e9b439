import { randomUUID } from 'node:crypto';
import { backoffDelay, type Clock, systemClock } from 'alisms';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../logger.js';
import type { ServerMetrics } from '../metrics.js';
import type { WebhookEndpoint, WebhookEvent } from './types.js';

/** Options of {@link createWebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  logger: Pick<Logger, 'warn'>;
  /** Where deliveries are counted (`alisms_webhook_deliveries_total`, `alisms_webhook_queue`). */
  metrics?: Pick<ServerMetrics, 'webhookDeliveries' | 'webhookQueue'>;
  clock?: Clock;
  /** Deliveries waiting or being retried, all endpoints together; past it new ones are dropped and counted. @default 10000 */
  maxQueue?: number;
  /** POSTs in flight at once. @default 4 */
  concurrency?: number;
  /** Tries per delivery, the first included. @default 6 */
  attempts?: number;
  /** Backoff between tries: `backoffDelay` from alisms. @default { baseMs: 1000, capMs: 300000, minMs: 500 } */
  backoff?: { baseMs: number; capMs: number; minMs?: number; random?: () => number };
  /** Longest wait for one answer, ms. @default 5000 */
  timeoutMs?: number;
  /** Schedules a retry; tests pass one that runs at once. @default an unref'd setTimeout */
  schedule?: (ms: number, run: () => void) => void;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** Queues signed webhook deliveries and sends them in the background; see {@link createWebhookDispatcher}. */
export interface WebhookDispatcher {
  /** Queues `event` for every endpoint that wants its type. Never blocks and never throws. */
  publish(endpoints: readonly WebhookEndpoint[], event: WebhookEvent): void;
  /** Deliveries queued, in flight or waiting for a retry. */
  readonly size: number;
  /** Resolves once nothing is queued, in flight or waiting (tests, draining). */
  idle(): Promise<void>;
  /** Stops taking new deliveries and drops retries still waiting; POSTs in flight finish. */
  close(): Promise<void>;
}

interface Delivery {
  endpoint: WebhookEndpoint;
  /** `webhook-id`: the same for every try, so the receiver can drop duplicates. */
  id: string;
  type: string;
  body: string;
  attempt: number;
}

/**
 * Signs each delivery the Standard Webhooks way with the maintained `standardwebhooks` package
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<HMAC-SHA256>`) and POSTs it from a bounded
 * in-memory queue: a request only enqueues, a slow or dead receiver costs memory up to `maxQueue`, never
 * latency. Non-2xx answers and network errors are retried with exponential backoff and full jitter; a
 * delivery that runs out of tries is logged and counted, never raised. Deliveries in memory are lost on a
 * crash (at-most-once past the queue): receivers that must not miss an event reconcile from the API.
 *
 * @example
 * const webhooks = createWebhookDispatcher({ logger, metrics });
 * webhooks.publish([{ url: 'https://app.example.com/hooks/alisms', secret: 'whsec_…' }], event);
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const clock = options.clock ?? systemClock;
  const maxQueue = options.maxQueue ?? 10_000;
  const concurrency = options.concurrency ?? 4;
  const attempts = options.attempts ?? 6;
  const backoff = options.backoff ?? { baseMs: 1000, capMs: 300_000, minMs: 500 };
  const timeoutMs = options.timeoutMs ?? 5000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const schedule = options.schedule ?? ((ms: number, run: () => void) => void setTimeout(run, ms).unref());
  const signers = new Map<string, Webhook>();
  const ready: Delivery[] = [];
  /** Deliveries waiting for their retry; cleared by `close`, so a timer that fires later finds nothing. */
  const waiting = new Set<Delivery>();
  let running = 0;
  let dropped = 0;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const count = (type: string, result: 'delivered' | 'retried' | 'failed' | 'dropped') =>
    options.metrics?.webhookDeliveries.inc({ event: type, result });
  const size = () => ready.length + waiting.size + running;
  const settle = () => {
    options.metrics?.webhookQueue.set(size());
    if (size() > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  const signer = (secret: string) => {
    let webhook = signers.get(secret);
    if (!webhook) {
      webhook = new Webhook(secret);
      signers.set(secret, webhook);
    }
    return webhook;
  };

  async function attempt(delivery: Delivery): Promise<boolean> {
    const sentAt = new Date(clock.now());
    try {
      const res = await doFetch(delivery.endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signer(delivery.endpoint.secret).sign(delivery.id, sentAt, delivery.body),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  function pump(): void {
    while (running < concurrency && ready.length > 0) {
      const delivery = ready.shift() as Delivery;
      running += 1;
      void attempt(delivery).then((ok) => {
        running -= 1;
        if (ok) count(delivery.type, 'delivered');
        else if (delivery.attempt + 1 < attempts && !closed) {
          count(delivery.type, 'retried');
          const next = { ...delivery, attempt: delivery.attempt + 1 };
          waiting.add(next);
          schedule(backoffDelay(delivery.attempt, backoff), () => {
            if (!waiting.delete(next)) return;
            ready.push(next);
            pump();
          });
        } else {
          count(delivery.type, 'failed');
          // The host only: a path or query string may carry the receiver's own token.
          options.logger.warn(
            { webhook: hostOf(delivery.endpoint.url), event: delivery.type, attempts: delivery.attempt + 1 },
            'webhook not delivered; giving up',
          );
        }
        pump();
        settle();
      });
    }
    settle();
  }

  return {
    publish(endpoints, event) {
      if (closed) return;
      let body: string | undefined;
      // One id per event: every endpoint and every retry of it carries the same `webhook-id`.
      const id = `msg_${randomUUID()}`;
      for (const endpoint of endpoints) {
        if (endpoint.events && !endpoint.events.includes(event.type)) continue;
        if (size() >= maxQueue) {
          count(event.type, 'dropped');
          // One line per 1000 drops: a dead receiver under load must not flood the log as well.
          if (dropped++ % 1000 === 0)
            options.logger.warn({ webhook: hostOf(endpoint.url), dropped }, 'webhook queue full; dropping events');
          continue;
        }
        body ??= JSON.stringify(event);
        ready.push({ endpoint, id, type: event.type, body, attempt: 0 });
      }
      pump();
    },
    get size() {
      return size();
    },
    idle() {
      if (size() === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      ready.length = 0;
      waiting.clear();
      settle();
      if (running > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}
