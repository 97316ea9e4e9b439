import { z } from 'zod';

/**
 * One lifecycle-webhook subscriber, `{ url, secret, events? }`: the shape of the top-level `webhooks` list,
 * repeated per service. `secret` is a Standard Webhooks secret (`whsec_` + base64); `events` limits what is
 * sent (all events when absent).
 */
export const webhookTargetSchema = z.strictObject({
  url: z.string().url(),
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'a Standard Webhooks secret: "whsec_" followed by base64'),
  events: z.array(z.string().min(1)).min(1).optional(),
});

/** A validated webhook subscriber. */
export type WebhookTarget = z.infer<typeof webhookTargetSchema>;
