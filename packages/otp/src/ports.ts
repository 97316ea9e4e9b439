/** What the sender learns about the code it delivers. */
export interface OtpSendContext {
  /** Why the code was requested, e.g. `login`. */
  readonly purpose: string;
  /** The caller's locale, when given (choose a template or language with it). */
  readonly locale: string | undefined;
  /**
   * The ISO 3166-1 alpha-2 region of an SMS destination (`CN`, `US`), for a template or sender ID per country;
   * undefined for e-mail.
   */
  readonly country?: string | undefined;
  /** Minutes the code stays valid (for the message text: "valid for 5 minutes"). */
  readonly ttlMinutes: number;
  /** Unique id of this send; pass it on as the provider's `OutId` to match receipts. */
  readonly sendId: string;
}

/**
 * The port through which codes leave: wire `SmsClient.sendSms` / `MailClient.singleSendMail` into it.
 * Throw when the provider refuses; an error's `code` (e.g. `isv.BUSINESS_LIMIT_CONTROL`) is passed back to
 * the caller of `send` as `providerCode`.
 */
export interface OtpSender {
  /** Sends `code` by SMS to `to` (E.164, e.g. `+8613800138000`). */
  sendSms(to: string, code: string, ctx: OtpSendContext): Promise<unknown>;
  /** Sends `code` by e-mail to `to` (normalised: lower case, no spaces). */
  sendEmail(to: string, code: string, ctx: OtpSendContext): Promise<unknown>;
}

/** Outcome of a captcha verification (the verifiers in `alisms/otp` return exactly this shape). */
export interface CaptchaOutcome {
  readonly success: boolean;
  /** Provider error codes, or alisms ones: `timeout`, `unreachable`, `invalid-response`, `score-too-low`… */
  readonly errorCodes: readonly string[];
}

/**
 * The captcha port: verify a token server-side. Must never fail open — resolve `{ success: false }` (or throw,
 * which also refuses) when the provider is unreachable or slow.
 */
export interface CaptchaVerifier {
  verify(token: string, context: { ip: string; action?: string }): Promise<CaptchaOutcome>;
}

/** What a provider that owns the code learns about a send (besides {@link OtpSendContext}). */
export interface OtpCodeSendContext extends OtpSendContext {
  /** Code length the service is configured for. */
  readonly digits: number;
  /** Seconds the code stays valid (the service's `ttl`). */
  readonly ttlSeconds: number;
}

/**
 * The port of a provider that generates and checks SMS codes itself (Aliyun Dypns: `verify: dypns`).
 * alisms keeps the captcha, limits, attempt counting and lockout in front of it; the code never reaches
 * alisms's store. Throw when the provider refuses a send or cannot answer a check: both fail closed.
 */
export interface OtpCodeProvider {
  /** Has the provider generate a code and send it by SMS to `to` (E.164, e.g. `+8613800138000`). */
  sendCode(to: string, ctx: OtpCodeSendContext): Promise<unknown>;
  /** Whether `code` is the provider's valid code for `to` and `purpose`. */
  checkCode(to: string, code: string, ctx: { readonly purpose: string }): Promise<boolean>;
}
