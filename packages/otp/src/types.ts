/** The channel a code travels by. */
export type OtpChannel = 'sms' | 'email';

/** Input of `send`. */
export interface OtpSendRequest {
  /** Phone number (any common spelling; normalised to E.164) or e-mail address. */
  to: string;
  channel: OtpChannel;
  /** What the code is for, e.g. `login`; a code only checks for the purpose it was sent for. `[a-z0-9_.-]{1,32}`. */
  purpose: string;
  /** Client IP (IPv4 or IPv6) for the per-IP limit and the captcha check. */
  ip: string;
  /** Token from the captcha widget; required when a captcha verifier is configured. */
  captchaToken?: string | undefined;
  /** Passed to the sender (template or language choice). */
  locale?: string | undefined;
}

/** Input of `check`. */
export interface OtpCheckRequest {
  to: string;
  purpose: string;
  code: string;
  /** Client IP (IPv4 or IPv6): checks are limited per IP group (`wrongCheckLimits`). Pass it from a public API. */
  ip?: string | undefined;
}

/** An operational alert from `onAlert`, raised once per trip. */
export type OtpAlert =
  /** A global limit (the daily fuse) has just been used up: nothing more is sent until `resetAt`. */
  | { type: 'fuse.tripped'; limit: string; count: number; resetAt: number }
  /** A number range (`prefix`: E.164 minus the last 4 digits) has just hit its cap: a sign of SMS pumping. */
  | { type: 'prefix.capped'; limit: string; prefix: string; count: number; resetAt: number };

/**
 * A lifecycle event from `onLifecycle`: what happened to a code, for audit trails and webhooks. Never carries the
 * code; `to` is the normalised destination (unmasked: mask it before it leaves the process).
 */
export type OtpLifecycleEvent =
  /** A code was handed to the provider. */
  | { type: 'sent'; sendId: string; to: string; channel: OtpChannel; purpose: string; expiresAt: number }
  /**
   * A check was decided: `approved`, or why not — `mismatch` (wrong code), `missing` (no code: never sent, used,
   * superseded or dead after its attempts), `expired`, `locked` (refused by the lockout until `lockedUntil`).
   * Checks refused by `wrongCheckLimits` or before the store (a malformed request) raise none.
   */
  | {
      type: 'checked';
      to: string;
      channel: OtpChannel;
      purpose: string;
      outcome: 'approved' | 'mismatch' | 'missing' | 'expired' | 'locked';
      lockedUntil?: number;
    };

/** A send that went out. */
export interface OtpSent {
  ok: true;
  /** When the code stops being valid (ms since epoch). */
  expiresAt: number;
  /**
   * When the same request (destination and IP) may be sent again (ms since epoch): the end of the cooldown,
   * or of whichever limit this send filled that stays closed longest; the send time when none is full.
   */
  resendAfter: number;
  /** Unique id of this send (the `OutId` handed to the sender). */
  sendId: string;
  /** The destination as normalised (E.164 or lower-case address). */
  to: string;
  /** Set when `to` is one of `testNumbers`: its fixed code was stored and nothing was sent. */
  testNumber?: true;
}

/** Why a send was refused. */
export type OtpSendRefusal =
  /** `to` is not a phone number / e-mail address. */
  | { ok: false; reason: 'invalid_destination' }
  /** Country or number type not allowed (premium-rate, shared-cost, fixed line, other country…). */
  | { ok: false; reason: 'destination_not_allowed' }
  /** Missing, failed, replayed or unverifiable captcha. */
  | { ok: false; reason: 'captcha_failed'; errorCodes: readonly string[] }
  /** A limit refused; `limit` names it, `retryAfter` is in seconds. */
  | { ok: false; reason: 'rate_limited'; limit: string; retryAfter: number; resetAt: number }
  /**
   * The provider did not answer in time (a read timeout): the message may have been sent. The code stays valid
   * until `expiresAt`, so a message that does arrive works; the limits were counted, so ask the user to wait
   * for it and allow a new request after `retryAfter` seconds. Log `detail`, never `error` as it is.
   */
  | {
      ok: false;
      reason: 'outcome_unknown';
      providerCode: string;
      sendId: string;
      expiresAt: number;
      retryAfter: number;
      detail: string;
      error: unknown;
    }
  /**
   * The provider refused or failed; no usable code is left behind. `providerCode` is e.g. `isv.BUSINESS_LIMIT_CONTROL`.
   * Log `detail` (name and message, code removed, numbers masked), never `error` as it is.
   */
  | {
      ok: false;
      reason: 'delivery_failed';
      providerCode: string;
      retryable: boolean;
      detail: string;
      error: unknown;
    };

/** What `Otp.send` returns: the code was sent ({@link OtpSent}) or refused with a reason ({@link OtpSendRefusal}). */
export type OtpSendResult = OtpSent | OtpSendRefusal;

/** A check refused by `wrongCheckLimits` before the code was looked at: it says nothing about the code. */
export type OtpCheckRateLimited = {
  ok: false;
  reason: 'rate_limited';
  limit: string;
  retryAfter: number;
  resetAt: number;
};

/**
 * The result of `check`. Every failure — wrong, expired, used, superseded, no code, locked, another purpose —
 * is this same `{ ok: false, reason: 'invalid_code' }`, so an answer reveals nothing about a number. Only a
 * client over its check limit gets `rate_limited` (decided before the code is looked at).
 */
export type OtpCheckResult = { ok: true } | { ok: false; reason: 'invalid_code' } | OtpCheckRateLimited;

/** The result of `checkWithLock`: a `check` result that also says, while locked, until when (ms since epoch). */
export type OtpCheckDetail =
  | { ok: true }
  | { ok: false; reason: 'invalid_code'; lockedUntil?: number }
  | OtpCheckRateLimited;
