import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from 'alisms';
import { clientIpGroup } from './client-ip.js';
import { cachedSubjectId, generateCode, hashCode, hmacKey } from './code.js';
import { describeDeliveryError } from './delivery-error.js';
import { cachedResolver } from './destination-key.js';
import { limitChecks } from './limit-checks.js';
import { type OtpOptions, type ResolvedOptions, resolveOptions } from './options.js';
import type {
  OtpCheckDetail,
  OtpCheckRequest,
  OtpCheckResult,
  OtpSendRefusal,
  OtpSendRequest,
  OtpSendResult,
} from './types.js';

const PURPOSE = /^[a-z0-9_.-]{1,32}$/;
const INVALID_CODE: OtpCheckResult = Object.freeze({ ok: false, reason: 'invalid_code' });

/** The verification-code service returned by {@link createOtp}. */
export interface Otp {
  /** Sends a new code (replacing any earlier one for the same destination and purpose) unless a gate or limit refuses. */
  send(request: OtpSendRequest): Promise<OtpSendResult>;
  /** Checks and consumes a code in one atomic step. */
  check(request: OtpCheckRequest): Promise<OtpCheckResult>;
  /**
   * `check` for the service in front of it: a failure also carries `lockedUntil` (ms) while the
   * destination+purpose is locked, so an HTTP API can answer 429 with `Retry-After`. Tell the end user no more
   * than that. Optional so that hand-written fakes of `Otp` stay valid; `createOtp` always provides it.
   */
  checkWithLock?(request: OtpCheckRequest): Promise<OtpCheckDetail>;
}

function retryAfterSeconds(resetAt: number, now: number): number {
  return Math.max(1, Math.ceil((resetAt - now) / 1000));
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code ? code : 'UNKNOWN';
}

/**
 * Creates the verification-code service.
 * @example
 * const otp = createOtp({ secret, store: createMemoryOtpStore(), sender });
 * await otp.send({ to: '+86 138 0013 8000', channel: 'sms', purpose: 'login', ip: '203.0.113.7' });
 * await otp.check({ to: '13800138000', purpose: 'login', code: '123456' }); // { ok: true } once
 */
export function createOtp(options: OtpOptions): Otp {
  const o: ResolvedOptions = resolveOptions(options);
  const key = hmacKey(o.secret);
  const resolveDestination = cachedResolver(o.phone);
  const subjectId = cachedSubjectId(key);
  const codeSubject = (to: string, purpose: string) => subjectId('code', `${purpose}\0${to}`);

  async function captchaGate(request: OtpSendRequest): Promise<OtpSendRefusal | undefined> {
    if (!o.captcha) return undefined;
    if (!request.captchaToken) return { ok: false, reason: 'captcha_failed', errorCodes: ['missing-input-response'] };
    try {
      const outcome = await o.captcha.verify(request.captchaToken, { ip: request.ip, action: request.purpose });
      return outcome.success ? undefined : { ok: false, reason: 'captcha_failed', errorCodes: outcome.errorCodes };
    } catch {
      // Never fail open: a verifier that throws is a refusal.
      return { ok: false, reason: 'captcha_failed', errorCodes: ['verifier-error'] };
    }
  }

  async function send(request: OtpSendRequest): Promise<OtpSendResult> {
    if (request.channel !== 'sms' && request.channel !== 'email')
      throw new InvalidArgumentError('channel', `must be "sms" or "email", got ${typeof request.channel}`);
    // typeof first: a regex test would read a missing purpose as the string "undefined", and accept it.
    if (typeof request.purpose !== 'string' || !PURPOSE.test(request.purpose))
      throw new InvalidArgumentError('purpose', `must match ${PURPOSE}`);
    if (typeof request.to !== 'string') throw new InvalidArgumentError('to', 'must be a string');
    const ipGroup = typeof request.ip === 'string' ? clientIpGroup(request.ip) : undefined;
    if (!ipGroup) throw new InvalidArgumentError('ip', 'must be an IPv4 or IPv6 address');
    const destination = resolveDestination(request.to, request.channel);
    if (!destination.ok) return { ok: false, reason: destination.reason };

    const refused = await captchaGate(request);
    if (refused) return refused;

    const subject = codeSubject(destination.to, request.purpose);
    const checks = limitChecks(o.limits, subjectId, { to: destination.to, prefix: destination.prefix, ipGroup });

    // The code exists before the store is asked, so that the lock check, the limits and storing its HMAC are
    // one atomic step (one Redis round trip). A refused send drops it unseen. Stored before delivery, so a
    // user who types fast never meets a code that is not there yet.
    const code = generateCode(o.digits);
    const sendId = randomUUID();
    const now = o.clock.now();
    const expiresAt = now + o.ttlMs;
    const hash = hashCode(key, destination.to, request.purpose, code);
    const issued = await o.store.issue(subject, checks, { hash, id: sendId, expiresAt, attempts: o.attempts }, now);
    if (issued.status === 'locked')
      return {
        ok: false,
        reason: 'locked',
        retryAfter: retryAfterSeconds(issued.lockedUntil, now),
        resetAt: issued.lockedUntil,
      };
    const limit = issued.limit;
    if (issued.status === 'limited')
      return {
        ok: false,
        reason: 'rate_limited',
        limit: limit.reason ?? 'unknown',
        retryAfter: retryAfterSeconds(limit.resetAt, now),
        resetAt: limit.resetAt,
      };
    for (const name of limit.exhausted) {
      const global = o.limits.find((l) => l.scope === 'global' && l.policy.name === name);
      const state = limit.states.find((s) => s.name === name);
      if (global && state && o.onFuse) {
        try {
          await o.onFuse({ limit: name, count: state.count, resetAt: state.resetAt });
        } catch {
          // An alert hook that fails must not turn a paid send into an error.
        }
      }
    }

    const ctx = { purpose: request.purpose, locale: request.locale, ttlMinutes: Math.round(o.ttlMs / 60_000), sendId };
    try {
      if (destination.channel === 'sms') await o.sender.sendSms(destination.to, code, ctx);
      else await o.sender.sendEmail(destination.to, code, ctx);
    } catch (error) {
      // The provider refused: the code must not stay usable. The limits are not refunded (see docs/otp.md).
      // If even the discard fails, the undelivered code is known to nobody and expires with its TTL:
      // report the provider's refusal, not the store's.
      await o.store.codes.discard(subject, sendId).catch(() => undefined);
      const retryable = (error as { retryable?: unknown } | null)?.retryable === true;
      const detail = describeDeliveryError(error, code, destination.to);
      return { ok: false, reason: 'delivery_failed', providerCode: errorCode(error), retryable, detail, error };
    }
    // The limits this send filled are closed until their reset: the latest of those is when a resend may go.
    const resendAfter = limit.states.reduce((at, s) => (s.count >= s.limit && s.resetAt > at ? s.resetAt : at), now);
    return { ok: true, expiresAt, resendAfter, sendId, to: destination.to };
  }

  async function runCheck(request: OtpCheckRequest, withLock: boolean): Promise<OtpCheckDetail> {
    if (typeof request.purpose !== 'string' || !PURPOSE.test(request.purpose)) return INVALID_CODE;
    if (typeof request.to !== 'string' || typeof request.code !== 'string') return INVALID_CODE;
    const destination = resolveDestination(request.to, undefined);
    if (!destination.ok) return INVALID_CODE;
    const code = request.code.normalize('NFKC').replace(/\s+/g, '');
    const subject = codeSubject(destination.to, request.purpose);
    const now = o.clock.now();
    const outcome = await o.store.codes.check(
      subject,
      hashCode(key, destination.to, request.purpose, code),
      now,
      o.lockout,
    );
    if (outcome === 'ok') return { ok: true };
    if (outcome !== 'locked' || !withLock) return INVALID_CODE;
    // A second round trip, on the locked path only: while locked, every check costs this anyway.
    const lockedUntil = (await o.store.codes.lockedUntil(subject, now)) ?? now + 1000;
    return { ok: false, reason: 'invalid_code', lockedUntil };
  }

  return {
    send,
    check: async (request) => ((await runCheck(request, false)).ok ? { ok: true } : INVALID_CODE),
    checkWithLock: (request) => runCheck(request, true),
  };
}
