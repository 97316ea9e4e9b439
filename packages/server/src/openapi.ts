import { VERSION } from 'alisms';
import { z } from 'zod';
import { receiptAckSchema, smsReportPushSchema, smsUpPushSchema } from './receipts/parse.js';
import {
  checkApproved,
  checkRejected,
  checkVerificationBody,
  errorBody,
  healthBody,
  liveBody,
  messageStatuses,
  sendVerificationBody,
  verificationCreated,
} from './schemas.js';
import { webhookOperations } from './webhooks/openapi.js';

function schema(s: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
}

function json(s: z.ZodType, description: string, io: 'input' | 'output' = 'output') {
  return { description, content: { 'application/json': { schema: schema(s, io) } } };
}

const retryAfter = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } };
const unauthorized = json(errorBody, 'Missing or unknown API key');

/** The OpenAPI 3.1 document served at `/openapi.json`, built from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'alisms verification service',
      version: VERSION,
      description: 'One-time codes over Aliyun SMS or Direct Mail, delivery receipts, health and metrics.',
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key from the configuration (server.apiKeys, or services.<name>.apiKeys: the key selects the service whose templates, limits and test numbers apply)',
        },
      },
    },
    paths: {
      '/v1/verifications': {
        post: {
          operationId: 'sendVerification',
          summary: 'Send a verification code',
          security: [{ apiKey: [] }],
          requestBody: { required: true, ...json(sendVerificationBody, 'Destination and purpose', 'input') },
          responses: {
            201: json(verificationCreated, 'Code sent'),
            400: json(
              errorBody,
              'Malformed body (invalid_body), number (invalid_number) or a refused number (number_not_allowed)',
            ),
            401: unauthorized,
            403: json(errorBody, 'Captcha missing or failed (captcha_failed)'),
            429: {
              ...json(
                errorBody,
                'A rate limit refused the request (rate_limited), or the destination is locked (locked)',
              ),
              headers: retryAfter,
            },
            502: json(errorBody, 'The provider answered and refused the message (provider_refused)'),
            503: json(errorBody, 'The store or the provider cannot be reached; nothing was sent'),
          },
        },
      },
      '/v1/verifications/check': {
        post: {
          operationId: 'checkVerification',
          summary: 'Check a code (a code is consumed by its first approval)',
          security: [{ apiKey: [] }],
          requestBody: { required: true, ...json(checkVerificationBody, 'Destination, code and purpose', 'input') },
          responses: {
            200: json(checkApproved, 'The code is right'),
            400: json(checkRejected, 'Wrong, expired, used or unknown: all answered alike'),
            401: unauthorized,
            429: {
              ...json(errorBody, 'The destination is locked after too many wrong codes (locked)'),
              headers: retryAfter,
            },
            503: json(errorBody, 'The store cannot be reached'),
          },
        },
      },
      '/v1/messages/{bizId}': {
        get: {
          operationId: 'getMessageStatus',
          summary: 'Delivery status of every recipient of one send',
          description:
            'Answers the key of the service that sent the message (per-tenant services); for any other key, the 404 of an unknown BizId.',
          security: [{ apiKey: [] }],
          parameters: [{ name: 'bizId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: json(messageStatuses, 'Statuses'),
            401: unauthorized,
            404: json(errorBody, 'No status known for this BizId, or it belongs to another service'),
            503: json(errorBody, 'The store cannot be reached'),
          },
        },
      },
      '/v1/receipts/sms-report': {
        post: {
          operationId: 'pushSmsReport',
          summary: "Aliyun's HTTP push of delivery receipts (SmsReport)",
          parameters: [{ name: 'token', in: 'query', required: false, schema: { type: 'string' } }],
          requestBody: { required: true, ...json(smsReportPushSchema, 'A JSON array of receipts', 'input') },
          responses: {
            200: json(receiptAckSchema, 'Stored (duplicates included)'),
            400: json(receiptAckSchema, 'Not an SmsReport array'),
            503: json(receiptAckSchema, 'Storing failed; Aliyun retries'),
          },
        },
      },
      '/v1/receipts/sms-up': {
        post: {
          operationId: 'pushSmsUp',
          summary: "Aliyun's HTTP push of MO replies (SmsUp)",
          parameters: [{ name: 'token', in: 'query', required: false, schema: { type: 'string' } }],
          requestBody: { required: true, ...json(smsUpPushSchema, 'A JSON array of replies', 'input') },
          responses: {
            200: json(receiptAckSchema, 'Stored'),
            400: json(receiptAckSchema, 'Not an SmsUp array'),
            503: json(receiptAckSchema, 'Storing failed; Aliyun retries'),
          },
        },
      },
      '/': {
        get: {
          operationId: 'index',
          summary: 'The service name, version and where its endpoints are (an HTML page for a browser)',
          responses: {
            200: {
              description: 'Links to the API, the OpenAPI document, the probes and (with --emulator) the inbox',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['service', 'version', 'endpoints'],
                    properties: {
                      service: { type: 'string', const: 'alisms' },
                      version: { type: 'string' },
                      endpoints: { type: 'object', additionalProperties: { type: 'string' } },
                    },
                  },
                },
                'text/html': { schema: { type: 'string' } },
              },
            },
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness: the process answers (it does not look at Redis)',
          responses: { 200: json(liveBody, 'Alive') },
        },
      },
      '/readyz': {
        get: {
          operationId: 'ready',
          summary: 'Readiness: the configuration is loaded and Redis and the receipt store answer',
          responses: {
            200: json(healthBody, 'Ready'),
            503: json(healthBody, 'A dependency is down, or the service is starting or draining'),
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary: 'Prometheus metrics',
          responses: {
            200: { description: 'Text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          responses: {
            200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
    },
    /** What the service POSTs to `webhooks[].url` (OpenAPI 3.1 webhooks). */
    webhooks: webhookOperations(),
  };
}
