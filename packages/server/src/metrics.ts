import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The service's Prometheus metrics, on a registry of its own (never prom-client's global one). */
export interface ServerMetrics {
  readonly registry: Registry;
  /** Codes handed to the provider, by channel and purpose. */
  readonly sends: Counter<'channel' | 'purpose'>;
  /** Sends refused before anything was sent, by reason (`rate_limited`, `captcha`, `invalid_number`, ...) and limit. */
  readonly refusals: Counter<'reason' | 'limit'>;
  /** Code checks by outcome: `approved`, `rejected`, `locked`. */
  readonly checks: Counter<'outcome'>;
  /** Provider (SMS/mail) and dependency failures by dependency and error code. */
  readonly providerErrors: Counter<'dependency' | 'code'>;
  /** Delivery receipts and MO messages accepted, by kind and whether they were new. */
  readonly receipts: Counter<'kind' | 'result'>;
  /** Receipt-store records dropped to stay under its maximum (`status`, `sms-up`): non-zero means a flood. */
  readonly receiptEvictions: Counter<'kind'>;
  /** Sends to and checks of configured test numbers (no message sent), by service, action and outcome. */
  readonly testNumberUses: Counter<'service' | 'action' | 'outcome'>;
  /** Conversion reports sent to Aliyun after an approved check (`otp.reportConversion`), by outcome `ok`/`failed`. */
  readonly conversions: Counter<'outcome'>;
  /** Request latency by route template, method and status. */
  readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  /** Latency of the verification operations themselves (store + provider), by operation. */
  readonly operationDuration: Histogram<'operation'>;
  /**
   * Signed webhook tries by event type and result: `delivered`, `retried` (a try failed, another is scheduled),
   * `failed` (out of tries), `dropped` (the queue was full).
   */
  readonly webhookDeliveries: Counter<'event' | 'result'>;
  /** Webhook deliveries queued, in flight or waiting for a retry. */
  readonly webhookQueue: Gauge;
}

/** Creates the metrics; `defaultMetrics` adds the process metrics (off in tests to keep them fast). */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'alisms_' });
  const registers = [registry];
  const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    sends: new Counter({
      name: 'alisms_otp_sends_total',
      help: 'Verification codes handed to the SMS or mail provider',
      labelNames: ['channel', 'purpose'],
      registers,
    }),
    refusals: new Counter({
      name: 'alisms_otp_refusals_total',
      help: 'Verification requests refused before sending, by reason and limit',
      labelNames: ['reason', 'limit'],
      registers,
    }),
    checks: new Counter({
      name: 'alisms_otp_checks_total',
      help: 'Verification code checks by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    providerErrors: new Counter({
      name: 'alisms_provider_errors_total',
      help: 'Failures of the SMS/mail provider, the store or the captcha service',
      labelNames: ['dependency', 'code'],
      registers,
    }),
    receipts: new Counter({
      name: 'alisms_receipts_total',
      help: 'Delivery receipts (sms-report) and MO messages (sms-up) received',
      labelNames: ['kind', 'result'],
      registers,
    }),
    receiptEvictions: new Counter({
      name: 'alisms_receipts_evicted_total',
      help: 'Receipt-store records evicted (oldest first) to stay under receipts.maxEntries',
      labelNames: ['kind'],
      registers,
    }),
    testNumberUses: new Counter({
      name: 'alisms_otp_test_number_uses_total',
      help: 'Sends to and checks of test numbers with fixed codes (nothing sent), by service, action and outcome',
      labelNames: ['service', 'action', 'outcome'],
      registers,
    }),
    conversions: new Counter({
      name: 'alisms_conversion_reports_total',
      help: 'Conversion reports (SmsConversionIntl) sent after an approved code, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'alisms_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['route', 'method', 'status'],
      buckets,
      registers,
    }),
    operationDuration: new Histogram({
      name: 'alisms_otp_operation_duration_seconds',
      help: 'Latency of verification sends and checks (store and provider included)',
      labelNames: ['operation'],
      buckets,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'alisms_webhook_deliveries_total',
      help: 'Signed lifecycle webhook tries by event type and result (delivered, retried, failed, dropped)',
      labelNames: ['event', 'result'],
      registers,
    }),
    webhookQueue: new Gauge({
      name: 'alisms_webhook_queue',
      help: 'Webhook deliveries queued, in flight or waiting for a retry',
      registers,
    }),
  };
}
