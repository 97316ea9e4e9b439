import { errorCodesOf, postForm } from './http.js';
import type { CaptchaContext, CaptchaResult, HttpVerifierOptions } from './types.js';

/** Provider-specific part of a siteverify-style check (Turnstile, hCaptcha, reCAPTCHA share the protocol). */
export interface SiteverifySpec {
  provider: string;
  defaultEndpoint: string;
  secret: string;
  /** Extra form fields (hCaptcha `sitekey`). */
  extra?: Record<string, string>;
  /** Longest token the provider accepts; longer ones are refused without a call. */
  maxTokenLength?: number;
  /** Checks a successful answer further (scores); returns an error code to refuse. */
  judge?: (body: Record<string, unknown>) => string | undefined;
}

/** The shared siteverify call: POST secret+response(+remoteip), then the local checks. */
export async function siteverify(
  spec: SiteverifySpec,
  options: HttpVerifierOptions,
  token: string,
  context: CaptchaContext = {},
): Promise<CaptchaResult> {
  const refuse = (codes: string[], extra: Partial<CaptchaResult> = {}): CaptchaResult => ({
    success: false,
    errorCodes: codes,
    provider: spec.provider,
    ...extra,
  });
  if (!token) return refuse(['missing-input-response']);
  if (spec.maxTokenLength && token.length > spec.maxTokenLength) return refuse(['invalid-input-response']);
  const form: Record<string, string> = { secret: spec.secret, response: token, ...spec.extra };
  if (context.ip) form.remoteip = context.ip;
  const answer = await postForm(options.endpoint ?? spec.defaultEndpoint, form, options.timeout ?? '2 s');
  if (!answer.ok) return refuse([answer.errorCode]);
  const body = answer.body;
  const details: Partial<CaptchaResult> = {
    ...(typeof body.score === 'number' ? { score: body.score } : {}),
    ...(typeof body.hostname === 'string' ? { hostname: body.hostname } : {}),
    ...(typeof body.action === 'string' ? { action: body.action } : {}),
  };
  if (body.success !== true) {
    const codes = errorCodesOf(body);
    return refuse(codes.length ? codes : ['verification-failed'], details);
  }
  const wanted = options.expectedAction === 'context' ? context.action : options.expectedAction;
  if (wanted !== undefined && body.action !== wanted) return refuse(['action-mismatch'], details);
  if (options.expectedHostnames && !options.expectedHostnames.includes(String(body.hostname)))
    return refuse(['hostname-mismatch'], details);
  const verdict = spec.judge?.(body);
  if (verdict) return refuse([verdict], details);
  return { success: true, errorCodes: [], provider: spec.provider, ...details };
}
