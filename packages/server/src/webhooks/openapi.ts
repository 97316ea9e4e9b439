import { z } from 'zod';
import { webhookPayloadSchema } from './payload-schemas.js';
import { WEBHOOK_EVENT_TYPES } from './types.js';

const SIGNATURE_HEADERS = [
  { name: 'webhook-id', description: 'Unique per event; the same on every retry: drop duplicates by it' },
  { name: 'webhook-timestamp', description: 'Unix seconds of this try; refuse one far from your clock' },
  {
    name: 'webhook-signature',
    description: 'v1,<base64 HMAC-SHA256 of "id.timestamp.body" with the whsec_ secret> (Standard Webhooks)',
  },
].map((h) => ({ in: 'header', required: true, schema: { type: 'string' }, ...h }));

/**
 * The `webhooks` section of the OpenAPI 3.1 document: one POST per lifecycle event, with its body and the
 * Standard Webhooks signature headers. Configured with `webhooks: [{ url, secret, events? }]`.
 */
export function webhookOperations(): Record<string, unknown> {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => {
      const { $schema: _ignored, ...body } = z.toJSONSchema(webhookPayloadSchema(type), { target: 'draft-2020-12' });
      return [
        type,
        {
          post: {
            operationId: `webhook.${type}`,
            summary: `The ${type} event, signed (Standard Webhooks)`,
            parameters: SIGNATURE_HEADERS,
            requestBody: { required: true, content: { 'application/json': { schema: body } } },
            responses: {
              '2XX': { description: 'Received; any other answer or no answer is retried with backoff' },
            },
          },
        },
      ];
    }),
  );
}
