import { clientIpGroup, isStoreUnavailableError, type Otp } from '@alisms/otp';
import {
  type AliyunCodeClass,
  type Clock,
  classifyAliyunCode,
  InvalidArgumentError,
  isInvalidArgumentError,
  redact,
  systemClock,
} from 'alisms';
import type { Logger } from './logger.js';
import type { CheckOutcome, SendOutcome, VerificationService } from './ports.js';

/**
 * Classes of the SDK's table of Aliyun codes that mean "slow down": gateway flow control, Aliyun's own
 * per-number flow control, the account's daily or monthly cap.
 */
const RATE_CLASSES = new Set<AliyunCodeClass | undefined>(['throttling', 'number-limit', 'account-limit']);

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code ? code : 'UNKNOWN';
}

/** Whether nothing answered (connection refused, timeout, 5xx gateway) as opposed to an Aliyun refusal. */
function unreachable(error: unknown, retryable: boolean): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    retryable ||
    name === 'TransportError' ||
    name === 'TimeoutError' ||
    name === 'SendOutcomeUnknownError' ||
    name === 'InvalidResponseError'
  );
}

/** Options of {@link fromOtp}. */
export interface FromOtpOptions {
  clock?: Clock;
  /** Used when the client address is unknown (a mount without a socket); all such clients share one per-IP limit. */
  unknownIp?: string;
  /**
   * Where failed deliveries are logged (`warn`, one line each, with the provider's code and the library's
   * redacted `detail`); pass the service's logger, which also cuts its configured secrets. @default none
   */
  logger?: Pick<Logger, 'warn'>;
  /** Called after an approved check (conversion reporting); it must not wait, and what it throws is ignored. */
  onApproved?: (to: string, purpose: string) => void;
}

/** Adapts `alisms/otp` (`createOtp`) to the routes' {@link VerificationService}. */
export function fromOtp(otp: Otp, options: FromOtpOptions = {}): VerificationService {
  const clock = options.clock ?? systemClock;
  const unknownIp = options.unknownIp ?? '0.0.0.0';
  if (clientIpGroup(unknownIp) === undefined)
    throw new InvalidArgumentError('unknownIp', `"${unknownIp}" is not an IPv4 or IPv6 address`);
  return {
    async send(input): Promise<SendOutcome> {
      let result: Awaited<ReturnType<Otp['send']>>;
      try {
        result = await otp.send({
          to: input.to,
          channel: input.channel,
          purpose: input.purpose,
          ip: input.ip ?? unknownIp,
          captchaToken: input.captchaToken,
          locale: input.locale,
        });
      } catch (error) {
        if (isStoreUnavailableError(error))
          return { ok: false, reason: 'unavailable', dependency: 'store', code: errorCode(error) };
        // The routes validate these first; should one slip through it is still the caller's 400, not a 500.
        if (isInvalidArgumentError(error))
          return { ok: false, reason: 'invalid_request', field: error.field, message: error.message };
        throw error;
      }
      if (result.ok)
        return {
          ok: true,
          id: result.sendId,
          to: result.to,
          channel: input.channel,
          expiresAt: new Date(result.expiresAt),
          resendAfter: new Date(result.resendAfter),
          ...(result.testNumber ? { testNumber: true } : {}),
        };
      switch (result.reason) {
        case 'invalid_destination':
          return {
            ok: false,
            reason: input.channel === 'email' ? 'invalid_address' : 'invalid_number',
            message: input.channel === 'email' ? 'not an e-mail address' : 'not a valid phone number',
          };
        case 'destination_not_allowed':
          return { ok: false, reason: 'number_not_allowed', message: 'this country or kind of number is not allowed' };
        case 'captcha_failed':
          return {
            ok: false,
            reason: 'captcha_failed',
            message: `captcha refused (${result.errorCodes.join(', ') || 'failed'})`,
          };
        case 'rate_limited':
          return { ok: false, reason: 'rate_limited', limit: result.limit, retryAfterSeconds: result.retryAfter };
        case 'outcome_unknown':
          options.logger?.warn(
            { providerCode: result.providerCode, channel: input.channel, detail: redact(result.detail) },
            'verification code may or may not have been delivered (no answer from the provider)',
          );
          return {
            ok: false,
            reason: 'outcome_unknown',
            code: result.providerCode,
            retryAfterSeconds: result.retryAfter,
          };
        case 'delivery_failed': {
          const code = result.providerCode;
          // `detail` went through redact() in the library; the service's logger redacts its secrets again.
          options.logger?.warn(
            { providerCode: code, retryable: result.retryable, channel: input.channel, detail: redact(result.detail) },
            'verification code not delivered',
          );
          const codeClass = classifyAliyunCode(code);
          if (RATE_CLASSES.has(codeClass))
            return { ok: false, reason: 'rate_limited', limit: `provider:${code}`, retryAfterSeconds: 60 };
          // The number (or address) itself is refused, not the account.
          if (codeClass === 'recipient')
            return { ok: false, reason: 'invalid_number', message: `the provider refused the number (${code})` };
          if (unreachable(result.error, result.retryable))
            return { ok: false, reason: 'unavailable', dependency: 'provider', code };
          return { ok: false, reason: 'provider_refused', code };
        }
      }
    },

    async check(input): Promise<CheckOutcome> {
      const request = { to: input.to, purpose: input.purpose, code: input.code, ip: input.ip ?? unknownIp };
      let lockedUntil: number | undefined;
      try {
        // `createOtp` says itself when a destination is locked (the 429 of the API); a hand-written `Otp`
        // without `checkWithLock` answers a locked destination as a plain rejection.
        const result = otp.checkWithLock ? await otp.checkWithLock(request) : await otp.check(request);
        if (result.ok) {
          try {
            options.onApproved?.(input.to, input.purpose);
          } catch {
            // Reporting is a side line: the code was right, and the answer says so.
          }
          return { status: 'approved' };
        }
        if (result.reason === 'rate_limited')
          return { status: 'rate_limited', limit: result.limit, retryAfterSeconds: result.retryAfter };
        lockedUntil = (result as { lockedUntil?: number }).lockedUntil;
      } catch (error) {
        if (isStoreUnavailableError(error)) return { status: 'unavailable', code: errorCode(error) };
        throw error;
      }
      if (lockedUntil !== undefined)
        return { status: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((lockedUntil - clock.now()) / 1000)) };
      return { status: 'rejected' };
    },
  };
}
