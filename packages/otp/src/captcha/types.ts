import type { Duration } from 'alisms';

/** What a verifier concluded. `success` is true only when the provider said so and every local check passed. */
export interface CaptchaResult {
  readonly success: boolean;
  /**
   * Provider error codes (`invalid-input-response`, `timeout-or-duplicate`, Aliyun `F008`…) or alisms ones:
   * `timeout`, `unreachable`, `http-<status>`, `invalid-response`, `score-too-low`, `action-mismatch`,
   * `hostname-mismatch`, `missing-input-response`.
   */
  readonly errorCodes: readonly string[];
  /** `turnstile`, `hcaptcha`, `recaptcha`, `aliyun`, `custom`. */
  readonly provider: string;
  /** Score, when the provider returns one (reCAPTCHA v3: 1.0 = human; hCaptcha Enterprise: 1.0 = bot). */
  readonly score?: number;
  readonly hostname?: string;
  readonly action?: string;
}

/** Context of one verification. */
export interface CaptchaContext {
  /** The client's IP, forwarded to the provider when it takes one. */
  ip?: string | undefined;
  /** The action the caller expects (compared when the verifier is set to `expectedAction: 'context'`). */
  action?: string | undefined;
}

/** A server-side captcha check. Never fails open: timeouts and errors resolve to `success: false`. */
export interface CaptchaVerifier {
  verify(token: string, context?: CaptchaContext): Promise<CaptchaResult>;
}

/** Options every HTTP verifier takes. */
export interface HttpVerifierOptions {
  /** Verification URL; override it for a proxy or a test double. @default the provider's public endpoint */
  endpoint?: string;
  /** Longest wait for the provider's answer; a slower answer refuses the captcha. @default '2 s' */
  timeout?: Duration;
  /**
   * Action to require: a fixed string, `'context'` to require the `action` passed to `verify`, or
   * undefined to not check (v2 widgets send no action).
   */
  expectedAction?: string;
  /** Hostnames the widget may be served from; undefined to not check. */
  expectedHostnames?: readonly string[];
}
