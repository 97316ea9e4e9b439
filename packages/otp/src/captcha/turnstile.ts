import { siteverify } from './siteverify.js';
import type { CaptchaVerifier, HttpVerifierOptions } from './types.js';

/** The Cloudflare Turnstile siteverify URL {@link turnstileVerifier} calls by default. */
export const TURNSTILE_ENDPOINT = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/**
 * Cloudflare Turnstile. Tokens are single use and valid 300 s; a replay answers `timeout-or-duplicate`.
 * @example turnstileVerifier({ secret: process.env.TURNSTILE_SECRET!, expectedHostnames: ['example.com'] })
 */
export function turnstileVerifier(options: HttpVerifierOptions & { secret: string }): CaptchaVerifier {
  return {
    verify: (token, context) =>
      siteverify(
        { provider: 'turnstile', defaultEndpoint: TURNSTILE_ENDPOINT, secret: options.secret, maxTokenLength: 2048 },
        options,
        token,
        context,
      ),
  };
}
