import { z } from 'zod';
import { apiKey, duration, rate, testNumbers } from './primitives.js';
import { templatesSchema } from './templates-schema.js';
import { webhookEndpointSchema } from './webhooks-schema.js';

/** A service name: it namespaces the service's Redis keys, labels its logs and metrics. */
export const serviceName = z
  .string()
  .regex(/^[a-z0-9_-]{1,32}$/, 'a service name: lower-case letters, digits, "_" or "-", at most 32');

/**
 * One application served by the deployment (`services.<name>`). Its API keys select it; every field left out is
 * taken from the top level, so a service states only what differs (its keys, sign, templates, limits, hooks).
 */
export const serviceSchema = z.strictObject({
  /** The keys that select this service; each key belongs to one service only. */
  apiKeys: z.array(apiKey).min(1, 'a service needs at least one API key'),
  sms: z
    .strictObject({
      signName: z.string().min(1).optional(),
      templateCode: z.string().min(1).optional(),
      codeParam: z.string().min(1).optional(),
    })
    .optional(),
  mail: z
    .strictObject({
      accountName: z.string().min(1).optional(),
      fromAlias: z.string().min(1).optional(),
      subject: z.string().min(1).optional(),
    })
    .optional(),
  /** Templates of this service; the top-level `templates` are not inherited (another application's wording). */
  templates: templatesSchema.optional(),
  /** This service's limits, each field replacing the top-level one; counted apart from other services. */
  limits: z
    .strictObject({
      cooldown: duration.optional(),
      perDestination: z.array(rate).optional(),
      perIp: z.array(rate).optional(),
      wrongChecksPerIp: z.array(rate).optional(),
      perPrefix: z.array(rate).optional(),
      /** Only with `otp.limits.globalDaily.scope: service`: this service's own daily fuse. */
      globalDaily: z
        .strictObject({ limit: z.number().int().min(1), utcOffsetMinutes: z.number().int().optional() })
        .optional(),
    })
    .optional(),
  /** This service's test numbers (replacing the top-level `otp.testNumbers`). */
  testNumbers: testNumbers.optional(),
  /** Lifecycle webhooks of this service, the shape of the top-level `webhooks`. */
  webhooks: z.array(webhookEndpointSchema).default([]),
});

/** A validated `services.<name>` entry. */
export type ServiceConfig = z.infer<typeof serviceSchema>;
