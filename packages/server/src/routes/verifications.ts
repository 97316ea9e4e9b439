import { maskAddress } from 'alisms';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { type AppDeps, type AppEnv, errorJson, verificationsFor } from '../context.js';
import { checkVerificationBody, clientAddress, sendVerificationBody } from '../schemas.js';

type Issues = { path: string; message: string }[];

async function readJson<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; issues: Issues }> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { ok: false, issues: [{ path: '', message: 'body is not JSON' }] };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  // Messages only: zod's issue objects may echo the input (a code) back.
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
}

function seconds(value: number): number {
  return Math.max(1, Math.ceil(value));
}

/** Purposes come from callers: past this many distinct values the metric label becomes "other". */
const MAX_PURPOSE_LABELS = 32;

/** `POST /v1/verifications` and `POST /v1/verifications/check`. */
export function registerVerificationRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { metrics } = deps;
  const purposeLabels = new Set<string>();
  const purposeLabel = (purpose: string) => {
    if (purposeLabels.has(purpose)) return purpose;
    if (purposeLabels.size >= MAX_PURPOSE_LABELS) return 'other';
    purposeLabels.add(purpose);
    return purpose;
  };

  app.post('/v1/verifications', async (c) => {
    c.set('route', '/v1/verifications');
    const body = await readJson(c, sendVerificationBody);
    if (!body.ok) {
      metrics.refusals.inc({ reason: 'invalid_body', limit: '' });
      return c.json(errorJson('invalid_body', 'the request body is not valid', { issues: body.issues }), 400);
    }
    const { to, captchaToken, locale } = body.value;
    // The library's own rule: a full-width at sign (an IME's ＠) also means e-mail.
    const channel = body.value.channel ?? (/[@＠]/.test(to) ? 'email' : 'sms');
    const purpose = body.value.purpose ?? 'default';
    c.set('logTo', maskAddress(to));
    const ip = c.get('clientIp');
    if (ip !== undefined && !clientAddress.safeParse(ip).success) {
      metrics.refusals.inc({ reason: 'invalid_client_ip', limit: '' });
      return c.json(errorJson('invalid_client_ip', 'the client address is not an IPv4 or IPv6 address'), 400);
    }
    const timer = metrics.operationDuration.startTimer({ operation: 'send' });
    const outcome = await verificationsFor(deps, c.get('service')).send({
      to,
      channel,
      purpose,
      ...(locale === undefined ? {} : { locale }),
      ...(ip === undefined ? {} : { ip }),
      ...(captchaToken === undefined ? {} : { captchaToken }),
    });
    timer();
    if (outcome.ok) {
      // A test number's code was stored, not handed to the provider: it is counted as a test-number use instead.
      if (!outcome.testNumber) metrics.sends.inc({ channel: outcome.channel, purpose: purposeLabel(purpose) });
      return c.json(
        {
          id: outcome.id,
          to: maskAddress(outcome.to),
          channel: outcome.channel,
          status: 'pending' as const,
          expiresAt: outcome.expiresAt.toISOString(),
          resendAfter: outcome.resendAfter.toISOString(),
        },
        201,
      );
    }
    switch (outcome.reason) {
      case 'rate_limited': {
        const retryAfter = seconds(outcome.retryAfterSeconds);
        metrics.refusals.inc({ reason: 'rate_limited', limit: outcome.limit });
        c.header('Retry-After', String(retryAfter));
        return c.json(
          errorJson('rate_limited', `too many requests (${outcome.limit}); retry in ${retryAfter} s`, {
            limit: outcome.limit,
            retryAfter,
          }),
          429,
        );
      }
      case 'captcha_failed':
        metrics.refusals.inc({ reason: 'captcha_failed', limit: '' });
        return c.json(errorJson('captcha_failed', outcome.message), 403);
      case 'locked': {
        const retryAfter = seconds(outcome.retryAfterSeconds);
        metrics.refusals.inc({ reason: 'locked', limit: '' });
        c.header('Retry-After', String(retryAfter));
        return c.json(errorJson('locked', `too many wrong codes; retry in ${retryAfter} s`, { retryAfter }), 429);
      }
      case 'provider_refused':
        metrics.providerErrors.inc({ dependency: 'provider', code: outcome.code });
        deps.logger.warn({ providerCode: outcome.code }, 'provider refused the verification message');
        return c.json(
          errorJson('provider_refused', `the SMS/mail provider refused the message (${outcome.code})`),
          502,
        );
      case 'outcome_unknown': {
        const retryAfter = seconds(outcome.retryAfterSeconds);
        metrics.providerErrors.inc({ dependency: 'provider', code: outcome.code });
        c.header('Retry-After', String(retryAfter));
        // Not "nothing was sent": it may have been, and its code stays valid.
        return c.json(
          errorJson(
            'provider_outcome_unknown',
            `the provider did not answer in time; the code may still arrive and stays valid. Ask for a new one after ${retryAfter} s`,
            { retryAfter },
          ),
          504,
        );
      }
      case 'unavailable':
        metrics.providerErrors.inc({ dependency: outcome.dependency, code: outcome.code });
        deps.logger.warn({ dependency: outcome.dependency, errorCode: outcome.code }, 'verification not sent');
        return c.json(
          errorJson('unavailable', `the ${outcome.dependency} cannot be reached; nothing was sent, try again later`),
          503,
        );
      case 'invalid_request': {
        const code = outcome.field === 'ip' ? 'invalid_client_ip' : `invalid_${outcome.field.replace(/\W/g, '_')}`;
        metrics.refusals.inc({ reason: code, limit: '' });
        return c.json(errorJson(code, outcome.message), 400);
      }
      default:
        metrics.refusals.inc({ reason: outcome.reason, limit: '' });
        return c.json(errorJson(outcome.reason, outcome.message), 400);
    }
  });

  app.post('/v1/verifications/check', async (c) => {
    c.set('route', '/v1/verifications/check');
    const body = await readJson(c, checkVerificationBody);
    if (!body.ok) {
      metrics.checks.inc({ outcome: 'rejected' });
      return c.json(
        { status: 'rejected', ...errorJson('invalid_body', 'the request body is not valid', { issues: body.issues }) },
        400,
      );
    }
    c.set('logTo', maskAddress(body.value.to));
    const ip = c.get('clientIp');
    if (ip !== undefined && !clientAddress.safeParse(ip).success) {
      metrics.checks.inc({ outcome: 'rejected' });
      return c.json(errorJson('invalid_client_ip', 'the client address is not an IPv4 or IPv6 address'), 400);
    }
    const timer = metrics.operationDuration.startTimer({ operation: 'check' });
    const outcome = await verificationsFor(deps, c.get('service')).check({
      to: body.value.to,
      code: body.value.code,
      purpose: body.value.purpose ?? 'default',
      ...(ip === undefined ? {} : { ip }),
    });
    timer();
    metrics.checks.inc({ outcome: outcome.status });
    switch (outcome.status) {
      case 'approved':
        return c.json({ status: 'approved' as const }, 200);
      case 'locked': {
        const retryAfter = seconds(outcome.retryAfterSeconds);
        c.header('Retry-After', String(retryAfter));
        return c.json(
          {
            status: 'rejected' as const,
            ...errorJson('locked', `too many wrong codes; retry in ${retryAfter} s`, { retryAfter }),
          },
          429,
        );
      }
      case 'rate_limited': {
        const retryAfter = seconds(outcome.retryAfterSeconds);
        c.header('Retry-After', String(retryAfter));
        return c.json(
          {
            status: 'rejected' as const,
            ...errorJson('rate_limited', `too many checks (${outcome.limit}); retry in ${retryAfter} s`, {
              limit: outcome.limit,
              retryAfter,
            }),
          },
          429,
        );
      }
      case 'unavailable':
        metrics.providerErrors.inc({ dependency: 'store', code: outcome.code });
        return c.json(errorJson('unavailable', 'the store cannot be reached; try again later'), 503);
      default:
        // Wrong, expired, consumed and unknown are answered alike so they cannot be told apart.
        return c.json({ status: 'rejected' as const }, 400);
    }
  });
}
