/**
 * What the HTTP routes need of the verification-code library. The composition root adapts
 * `alisms/otp` to this shape (see `otp-adapter.ts`), so routes map plain outcomes to HTTP and never
 * depend on the library's error classes; tests can hand in a fake.
 */
export type VerificationChannel = 'sms' | 'email';

/** Input of `VerificationService.send`: destination, channel, purpose and the client's address. */
export interface SendVerificationInput {
  /** Phone number (any format the library normalises) or e-mail address. */
  to: string;
  channel: VerificationChannel;
  purpose: string;
  /** The client address as resolved through the trusted proxies. */
  ip?: string;
  captchaToken?: string;
  /** BCP 47 tag choosing the template (`zh-CN`, `en`); the default template when absent or not configured. */
  locale?: string;
}

/** What `VerificationService.send` answers: sent (with the id, expiry and next-send time) or refused with a reason. */
export type SendOutcome =
  | {
      ok: true;
      id: string;
      /** Normalised destination (unmasked; the route masks it). */
      to: string;
      channel: VerificationChannel;
      expiresAt: Date;
      /** When the next code for the same destination may be requested. */
      resendAfter: Date;
      /** A configured test number: its fixed code was stored and nothing was sent. */
      testNumber?: boolean;
    }
  | { ok: false; reason: 'rate_limited'; limit: string; retryAfterSeconds: number }
  /** `invalid_number`: not a phone number; `number_not_allowed`: a country or range the policy refuses; `invalid_address`: not an e-mail address. */
  | { ok: false; reason: 'invalid_number' | 'number_not_allowed' | 'invalid_address'; message: string }
  | { ok: false; reason: 'captcha_failed'; message: string }
  /** Too many wrong codes for this destination and purpose: no new code until the lock ends. */
  | { ok: false; reason: 'locked'; retryAfterSeconds: number }
  /**
   * The provider got the request but no answer came back in time: the message may have been sent. The code
   * stays valid for its TTL; the limits were counted, so a new request may come after `retryAfterSeconds`.
   */
  | { ok: false; reason: 'outcome_unknown'; code: string; retryAfterSeconds: number }
  /** A dependency could not be reached; nothing was sent. */
  | { ok: false; reason: 'unavailable'; dependency: 'store' | 'provider' | 'captcha'; code: string }
  /** The provider answered and refused (balance, signature, template…); `code` is its code, e.g. `isv.AMOUNT_NOT_ENOUGH`. */
  | { ok: false; reason: 'provider_refused'; code: string }
  /** The library refused an argument (`channel`, `purpose`, `ip`) that the route should have caught: still a 400. */
  | { ok: false; reason: 'invalid_request'; field: string; message: string };

/** Input of `VerificationService.check`: the destination, the purpose and the code typed by the user. */
export interface CheckVerificationInput {
  to: string;
  purpose: string;
  code: string;
  /** The client address as resolved through the trusted proxies: checks are limited per IP. */
  ip?: string;
}

/** What `VerificationService.check` answers: approved, rejected, locked (with when to retry), or unavailable (a dependency failed: the code says which). */
export type CheckOutcome =
  | { status: 'approved' }
  /** Wrong, expired, consumed or unknown: the route answers all of them alike. */
  | { status: 'rejected'; reason?: string }
  | { status: 'locked'; retryAfterSeconds: number }
  /** This client made too many checks (`otp.limits.wrongChecksPerIp`); the code was not looked at. */
  | { status: 'rate_limited'; limit: string; retryAfterSeconds: number }
  | { status: 'unavailable'; code: string };

/** The port between the HTTP routes and the verification-code library: {@link fromOtp} adapts `@alisms/otp` to it. */
export interface VerificationService {
  send(input: SendVerificationInput): Promise<SendOutcome>;
  check(input: CheckVerificationInput): Promise<CheckOutcome>;
}

/** Something `/healthz` checks (Redis, ...). Rejects or returns false when down. */
export interface HealthCheck {
  name: string;
  check(): Promise<boolean>;
}
