import { clientIpGroup } from '@alisms/otp';
import { z } from 'zod';

/**
 * Request and response bodies of the HTTP API. The routes validate with these and
 * `/openapi.json` is generated from them, so the document cannot drift from the code.
 */
/** The same rule as `alisms/otp`'s, so a purpose the library would refuse is a 400 here. */
const purpose = z.string().regex(/^[a-z0-9_.-]{1,32}$/, 'lower-case letters, digits, "_", "." or "-", at most 32');

/**
 * The client address a send is counted under (per-IP limit): the library's own rule (IPv4, or IPv6 with an
 * optional zone), so an address it would refuse — from a mount's `socketAddress`, say — is a 400 here.
 */
export const clientAddress = z.string().refine((ip) => clientIpGroup(ip) !== undefined, 'not an IPv4 or IPv6 address');

/** In `u` mode this matches only unpaired surrogates: no provider can deliver to such a string. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const destination = z
  .string()
  .min(3)
  .max(254)
  .refine((s) => !LONE_SURROGATE.test(s), 'contains an unpaired UTF-16 surrogate');

export const sendVerificationBody = z.strictObject({
  to: destination.describe('Phone number (E.164 or a national format) or e-mail address'),
  channel: z.enum(['sms', 'email']).optional().describe('Defaults to sms'),
  purpose: purpose
    .optional()
    .describe('What the code is for, e.g. login; codes are checked per purpose (default "default")'),
  captchaToken: z.string().min(1).max(4096).optional().describe('Token from the captcha widget, when captcha is on'),
  locale: z
    .string()
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 language tag, e.g. en, zh-CN, pt-BR')
    .optional()
    .describe(
      'BCP 47 language tag choosing the template (sign and template code, international text, e-mail subject and body): exact tag, then its language, then the purpose’s default',
    ),
});

export const verificationCreated = z.object({
  id: z.string(),
  to: z.string().describe('The destination, masked'),
  channel: z.enum(['sms', 'email']),
  status: z.literal('pending'),
  expiresAt: z.iso.datetime(),
  resendAfter: z.iso.datetime(),
});

export const checkVerificationBody = z.strictObject({
  to: destination,
  code: z.string().min(1).max(16),
  purpose: purpose.optional(),
});

export const checkApproved = z.object({ status: z.literal('approved') });
export const checkRejected = z.object({ status: z.literal('rejected') });

export const errorBody = z.object({
  error: z.object({
    code: z
      .string()
      .describe(
        'invalid_body, invalid_client_ip, invalid_channel, invalid_purpose, invalid_number, number_not_allowed, invalid_address, captcha_failed, rate_limited, locked, unauthorized, unavailable, provider_refused, not_found, internal',
      ),
    message: z.string(),
    limit: z.string().optional().describe('rate_limited: which limit refused the request'),
    retryAfter: z.number().int().optional().describe('rate_limited/locked: seconds to wait'),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const deliveryStatus = z.object({
  bizId: z.string(),
  phoneNumber: z.string(),
  status: z.enum(['waiting', 'delivered', 'failed']),
  errCode: z.string().optional(),
  errMsg: z.string().optional(),
  sendTime: z.string().optional(),
  reportTime: z.string().optional(),
  smsSize: z.number().optional(),
  outId: z.string().optional(),
  source: z.enum(['push', 'poll', 'send']),
  updatedAt: z.iso.datetime(),
});

export const messageStatuses = z.object({ bizId: z.string(), recipients: z.array(deliveryStatus) });

export const liveBody = z.object({ status: z.literal('ok') });

export const healthBody = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'down'])),
});

export type SendVerificationBody = z.infer<typeof sendVerificationBody>;
export type CheckVerificationBody = z.infer<typeof checkVerificationBody>;
