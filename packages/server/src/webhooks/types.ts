/** The lifecycle events the service signs and POSTs to `webhooks[].url`. */
export const WEBHOOK_EVENT_TYPES = [
  'verification.sent',
  'verification.approved',
  'verification.failed',
  'verification.expired',
  'verification.locked',
  'fuse.tripped',
  'prefix.capped',
  'delivery.updated',
] as const;

/** One of {@link WEBHOOK_EVENT_TYPES}. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * One receiver: where to POST, the `whsec_…` secret it verifies signatures with, and the events it wants
 * (all when absent). `webhooks` at the top of the service config is a list of these; a per-service list has
 * the same shape.
 */
export interface WebhookEndpoint {
  url: string;
  /** `whsec_` + base64 of 24–64 random bytes (Standard Webhooks); only this service and the receiver know it. */
  secret: string;
  /** The event types to deliver. @default every type */
  events?: readonly WebhookEventType[] | undefined;
}

/**
 * The body of every webhook (Standard Webhooks' payload shape: `type`, `timestamp`, `data`). `data` never holds
 * a code, a secret or a full phone number or address: destinations are masked (`138****8000`).
 */
export interface WebhookEvent {
  type: WebhookEventType;
  /** ISO 8601: when it happened. */
  timestamp: string;
  data: Record<string, string | number | boolean | null>;
}
