import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from 'alisms';
import { raiseAlerts } from './alerts.js';
import { clientIpGroup } from './client-ip.js';
import { cachedSubjectId, generateCode, hashCode, hmacKey } from './code.js';
import { describeDeliveryError } from './delivery-error.js';
import { cachedResolver } from './destination-key.js';
import { limitChecks } from './limit-checks.js';
import type { LimitResult } from './limiter/index.js';
import { type OtpOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { type OtpTestNumberUse, testNumberCodes } from './test-numbers.js';
import type {
  OtpCheckDetail,
  OtpCheckRateLimited,
  OtpCheckRequest,
  OtpCheckResult,
  OtpLifecycleEvent,
  OtpSendRefusal,
  OtpSendRequest,
  OtpSendResult,
} from './types.js';

const PURPOSE = /^[a-z0-9_.-]{1,32}$/;
/** In `u` mode this matches only unpaired surrogates, which no provider can encode (Aliyun refuses them). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const INVALID_CODE: OtpCheckResult = Object.freeze({ ok: false, reason: 'invalid_code' });
// With a code provider (verify: dypns) the store holds the HMAC of one of these instead of a code: the
// provider's verdict picks which one a check presents, so attempts, one-time use and lockout stay the
// store's atomic step. A typed code never contains NUL (refused below), so it can never equal either.
const PROVIDER_PASSED = '\0provider:passed';
const PROVIDER_REFUSED = '\0provider:refused';

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

/** The refusal of a send or a check by a limit (the same shape for both). */
function rateLimited(limit: LimitResult, now: number): OtpCheckRateLimited {
  return {
    ok: false,
    reason: 'rate_limited',
    limit: limit.reason ?? 'unknown',
    retryAfter: retryAfterSeconds(limit.resetAt, now),
    resetAt: limit.resetAt,
  };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code ? code : 'UNKNOWN';
}

/**
 * Whether the request reached the provider but no answer came back (the SDK's `SendOutcomeUnknownError`, or a
 * transport error after the request was written): the message may have been sent.
 */
function outcomeUnknown(error: unknown): boolean {
  const e = error as { name?: unknown; requestSent?: unknown } | null;
  return e?.name === 'SendOutcomeUnknownError' || e?.requestSent === true;
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
  const resolveDestination = cachedResolver(o.phone, o.emailLimitKey);
  const hashedId = cachedSubjectId(key);
  const ns = o.namespace;
  // A namespace goes into every subject id, so two services on one store never share a key (nor a code).
  const subjectId = ns === undefined ? hashedId : (kind: string, value: string) => hashedId(kind, `${ns}\0${value}`);
  const globalSubject = ns !== undefined && o.globalScope === 'namespace' ? `all.${ns}` : 'all';
  const testCodes = testNumberCodes(o.testNumbers, (to) => resolveDestination(to, 'sms'));
  const reportTestNumber = (use: OtpTestNumberUse) => {
    try {
      o.onTestNumber?.(use);
    } catch {
      // A logging hook must not change the outcome of a send or a check.
    }
  };
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
    // Before any limit is counted: such a destination can never be delivered to.
    if (LONE_SURROGATE.test(request.to))
      throw new InvalidArgumentError('to', 'contains an unpaired UTF-16 surrogate; send well-formed Unicode text');
    const ipGroup = typeof request.ip === 'string' ? clientIpGroup(request.ip) : undefined;
    if (!ipGroup) throw new InvalidArgumentError('ip', 'must be an IPv4 or IPv6 address');
    const destination = resolveDestination(request.to, request.channel);
    if (!destination.ok) return { ok: false, reason: destination.reason };

    const refused = await captchaGate(request);
    if (refused) return refused;

    const subject = codeSubject(destination.to, request.purpose);
    const checks = limitChecks(o.limits, subjectId, {
      to: destination.limitKey,
      prefix: destination.prefix,
      ipGroup,
      global: globalSubject,
    });

    // The code exists before the store is asked, so that the lock check, the limits and storing its HMAC are
    // one atomic step (one Redis round trip). A refused send drops it unseen. Stored before delivery, so a
    // user who types fast never meets a code that is not there yet.
    const fixedCode = destination.channel === 'sms' ? testCodes.get(destination.to) : undefined;
    const provider = destination.channel === 'sms' && fixedCode === undefined ? o.codeProvider : undefined;
    const code = fixedCode ?? (provider ? PROVIDER_PASSED : generateCode(o.digits));
    const sendId = randomUUID();
    const now = o.clock.now();
    const expiresAt = now + o.ttlMs;
    const hash = hashCode(key, destination.to, request.purpose, code);
    const issued = await o.store.issue(subject, checks, { hash, id: sendId, expiresAt, attempts: o.attempts }, now);
    const limit = issued.limit;
    if (issued.status === 'limited') return rateLimited(limit, now);
    await raiseAlerts(o, limit, destination.prefix);
    // The limits this send filled are closed until their reset: the latest of those is when a resend may go.
    const resendAfter = limit.states.reduce((at, s) => (s.count >= s.limit && s.resetAt > at ? s.resetAt : at), now);

    if (fixedCode !== undefined) {
      // A test number: its fixed code is stored and the limits counted like any send, but nothing leaves.
      reportTestNumber({ action: 'send', to: destination.to, purpose: request.purpose, ok: true });
      return { ok: true, expiresAt, resendAfter, sendId, to: destination.to, testNumber: true };
    }
    const ctx = {
      purpose: request.purpose,
      locale: request.locale,
      country: destination.country,
      ttlMinutes: Math.round(o.ttlMs / 60_000),
      sendId,
    };
    try {
      if (provider)
        await provider.sendCode(destination.to, { ...ctx, digits: o.digits, ttlSeconds: Math.round(o.ttlMs / 1000) });
      else if (destination.channel === 'sms') await o.sender.sendSms(destination.to, code, ctx);
      else await o.sender.sendEmail(destination.to, code, ctx);
    } catch (error) {
      if (outcomeUnknown(error)) {
        // It may have been sent: keep the code for its TTL so an SMS that does arrive works; the limits
        // (the cooldown among them) stay counted, so the user waits for it instead of asking again at once.
        const detail = describeDeliveryError(error, code, destination.to);
        return {
          ok: false,
          reason: 'outcome_unknown',
          providerCode: errorCode(error),
          sendId,
          expiresAt,
          retryAfter: retryAfterSeconds(Math.max(resendAfter, now + 1000), now),
          detail,
          error,
        };
      }
      // The provider refused: the code must not stay usable. The limits are not refunded (see docs/otp.md).
      // If even the discard fails, the undelivered code is known to nobody and expires with its TTL:
      // report the provider's refusal, not the store's.
      await o.store.codes.discard(subject, sendId).catch(() => undefined);
      const retryable = (error as { retryable?: unknown } | null)?.retryable === true;
      const detail = describeDeliveryError(error, code, destination.to);
      return { ok: false, reason: 'delivery_failed', providerCode: errorCode(error), retryable, detail, error };
    }
    lifecycle(o, {
      type: 'sent',
      sendId,
      to: destination.to,
      channel: destination.channel,
      purpose: request.purpose,
      expiresAt,
    });
    return { ok: true, expiresAt, resendAfter, sendId, to: destination.to };
  }

  /**
   * Counts one check against the client's check limits before the code is looked at, so a refusal says
   * nothing about the code and a client over its limit learns nothing more.
   */
  async function checkGate(ip: string | undefined, now: number): Promise<OtpCheckRateLimited | undefined> {
    if (ip === undefined || o.wrongCheckLimits.length === 0) return undefined;
    const ipGroup = typeof ip === 'string' ? clientIpGroup(ip) : undefined;
    if (!ipGroup) throw new InvalidArgumentError('ip', 'must be an IPv4 or IPv6 address');
    const checks = limitChecks(o.wrongCheckLimits, subjectId, {
      to: '',
      prefix: undefined,
      ipGroup,
      global: globalSubject,
    });
    const limit = await o.store.limits.consume(checks, now);
    return limit.allowed ? undefined : rateLimited(limit, now);
  }

  async function runCheck(request: OtpCheckRequest, withLock: boolean): Promise<OtpCheckDetail> {
    const now = o.clock.now();
    const refused = await checkGate(request.ip, now);
    if (refused) return refused;
    if (typeof request.purpose !== 'string' || !PURPOSE.test(request.purpose)) return INVALID_CODE;
    if (typeof request.to !== 'string' || typeof request.code !== 'string') return INVALID_CODE;
    const destination = resolveDestination(request.to, undefined);
    if (!destination.ok) return INVALID_CODE;
    const code = request.code.normalize('NFKC').replace(/\s+/g, '');
    if (code.includes('\0')) return INVALID_CODE;
    const subject = codeSubject(destination.to, request.purpose);
    const checked = { to: destination.to, channel: destination.channel, purpose: request.purpose };
    let presented = code;
    const testNumber = destination.channel === 'sms' && testCodes.has(destination.to);
    const provider = destination.channel === 'sms' && !testNumber ? o.codeProvider : undefined;
    if (provider) {
      // A locked subject never reaches the provider: its checks are free, so guesses must stop here.
      const lockedUntil = await o.store.codes.lockedUntil(subject, now);
      if (lockedUntil !== undefined) {
        lifecycle(o, { type: 'checked', ...checked, outcome: 'locked', lockedUntil });
        return withLock ? { ok: false, reason: 'invalid_code', lockedUntil } : INVALID_CODE;
      }
      let passed: boolean;
      try {
        passed = (await provider.checkCode(destination.to, code, { purpose: request.purpose })) === true;
      } catch {
        // The provider could not say: refuse, without spending one of the user's attempts on its outage.
        return INVALID_CODE;
      }
      presented = passed ? PROVIDER_PASSED : PROVIDER_REFUSED;
    }
    const outcome = await o.store.codes.check(
      subject,
      hashCode(key, destination.to, request.purpose, presented),
      now,
      o.lockout,
    );
    if (testNumber)
      reportTestNumber({ action: 'check', to: destination.to, purpose: request.purpose, ok: outcome === 'ok' });
    if (outcome === 'ok') {
      lifecycle(o, { type: 'checked', ...checked, outcome: 'approved' });
      return { ok: true };
    }
    if (outcome !== 'locked') {
      lifecycle(o, { type: 'checked', ...checked, outcome });
      return INVALID_CODE;
    }
    // Without a listener the plain check skips this second round trip, as before.
    if (!withLock && !o.onLifecycle) return INVALID_CODE;
    // A second round trip, on the locked path only: while locked, every check costs this anyway.
    const lockedUntil = (await o.store.codes.lockedUntil(subject, now)) ?? now + 1000;
    lifecycle(o, { type: 'checked', ...checked, outcome: 'locked', lockedUntil });
    return withLock ? { ok: false, reason: 'invalid_code', lockedUntil } : INVALID_CODE;
  }

  return {
    send,
    check: async (request) => {
      const result = await runCheck(request, false);
      return result.ok || result.reason === 'rate_limited' ? result : INVALID_CODE;
    },
    checkWithLock: (request) => runCheck(request, true),
  };
}

/** Hands `event` to `onLifecycle`; see that option for why it is neither awaited nor allowed to throw. */
function lifecycle(o: Pick<ResolvedOptions, 'onLifecycle'>, event: OtpLifecycleEvent): void {
  if (!o.onLifecycle) return;
  try {
    o.onLifecycle(event);
  } catch {
    // Ignored on purpose: a listener must not turn a decided send or check into an error.
  }
}
