import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/types.js';

// `whsec_` and the base64 of the key (Standard Webhooks). 24 bytes is the spec's floor; 64 its ceiling.
const WHSEC = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** A `whsec_…` signing secret. */
export const webhookSecret = z
  .string()
  .refine((value) => {
    const key = WHSEC.exec(value)?.[1];
    if (!key) return false;
    const bytes = Buffer.from(key, 'base64').length;
    return bytes >= 24 && bytes <= 64;
  }, 'expected whsec_ + base64 of 24 to 64 random bytes, e.g. "whsec_$(openssl rand -base64 32)"')
  .describe('whsec_ + base64 of 24 to 64 random bytes');

/** One signed-webhook receiver: `{ url, secret, events? }`. The same shape serves a per-service list. */
export const webhookEndpointSchema = z.strictObject({
  /** Where the events are POSTed. */
  url: z.url({ protocol: /^https?$/ }),
  secret: webhookSecret,
  /** The event types this receiver gets; all when absent. */
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).optional(),
});

/** `webhooks` at the top of the service config. */
export const webhooksSchema = z.array(webhookEndpointSchema).default([]);
