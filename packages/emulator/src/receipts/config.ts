import { InvalidArgumentError } from 'alisms';

/**
 * How the emulator pretends to be the carrier: when a message is decided, whether it arrives, and
 * where the receipts go. Every field has a default, so `{}` is a valid partial config.
 */
export interface DeliveryConfig {
  /**
   * URL that receives SmsReport pushes (a JSON array per POST), as configured in Aliyun's console.
   * Unset: statuses still change in the store, nothing is pushed.
   */
  pushUrl?: string;
  /** URL that receives SmsUp (MO reply) pushes made with `simulateSmsUp`. */
  upPushUrl?: string;
  /**
   * Milliseconds between acceptance and the carrier's verdict.
   * @default 1000
   */
  delay: number;
  /**
   * Share of messages delivered, from 0 (all fail) to 1 (all delivered).
   * @default 1
   */
  deliveredRatio: number;
  /**
   * Carrier code given to failed messages (`err_code` in the receipt, `ErrCode` in QuerySendDetails).
   * @default 'MOBILE_NOT_ON_SERVICE'
   */
  failCode: string;
  /**
   * Multiplies Aliyun's retry schedule (1, 5, 10 minutes); e.g. `0.001` turns it into 60, 300, 600 ms.
   * @default 1
   */
  retryScale: number;
  /**
   * Milliseconds a receiver may take to answer a push before it counts as failed (and is retried).
   * @default 5000
   */
  pushTimeout: number;
  /**
   * Most items in one push; Aliyun batches receipts that are due together.
   * @default 100
   */
  maxBatch: number;
}

/** The defaults: everything delivered one second after acceptance, no push. */
export const defaultDeliveryConfig: Readonly<DeliveryConfig> = Object.freeze({
  delay: 1000,
  deliveredRatio: 1,
  failCode: 'MOBILE_NOT_ON_SERVICE',
  retryScale: 1,
  pushTimeout: 5000,
  maxBatch: 100,
});

/** Fills in defaults and rejects values that would make the simulation meaningless. */
export function resolveDeliveryConfig(partial: Partial<DeliveryConfig> = {}): DeliveryConfig {
  const config: DeliveryConfig = { ...defaultDeliveryConfig };
  for (const [key, value] of Object.entries(partial)) {
    if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = value;
  }
  nonNegative('delay', config.delay);
  nonNegative('retryScale', config.retryScale);
  nonNegative('pushTimeout', config.pushTimeout);
  if (!(config.deliveredRatio >= 0 && config.deliveredRatio <= 1))
    throw new InvalidArgumentError('deliveredRatio', `must be between 0 and 1, got ${config.deliveredRatio}`);
  if (!Number.isInteger(config.maxBatch) || config.maxBatch < 1)
    throw new InvalidArgumentError('maxBatch', `must be a positive integer, got ${config.maxBatch}`);
  if (!config.failCode)
    throw new InvalidArgumentError('failCode', 'must be a carrier code such as MOBILE_NOT_ON_SERVICE');
  for (const field of ['pushUrl', 'upPushUrl'] as const) {
    const url = config[field];
    if (url !== undefined && !/^https?:\/\//i.test(url))
      throw new InvalidArgumentError(field, `must be an http(s) URL, got "${url}"`);
  }
  return config;
}

function nonNegative(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0)
    throw new InvalidArgumentError(field, `must be a non-negative number, got ${value}`);
}
