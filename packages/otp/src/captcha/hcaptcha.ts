import { siteverify } from './siteverify.js';
import type { CaptchaVerifier, HttpVerifierOptions } from './types.js';

/** The hCaptcha siteverify URL {@link hcaptchaVerifier} calls by default. */
export const HCAPTCHA_ENDPOINT = 'https://api.hcaptcha.com/siteverify';

/**
 * hCaptcha. Pass `sitekey` so hCaptcha checks the token was made for it. `maxScore` (Enterprise only) refuses
 * answers whose risk score is above it — hCaptcha scores run the other way from reCAPTCHA: 1.0 means bot.
 * @example hcaptchaVerifier({ secret: process.env.HCAPTCHA_SECRET!, sitekey: '10000000-ffff-ffff-ffff-000000000001' })
 */
export function hcaptchaVerifier(
  options: HttpVerifierOptions & { secret: string; sitekey?: string; maxScore?: number },
): CaptchaVerifier {
  const maxScore = options.maxScore;
  return {
    verify: (token, context) =>
      siteverify(
        {
          provider: 'hcaptcha',
          defaultEndpoint: HCAPTCHA_ENDPOINT,
          secret: options.secret,
          ...(options.sitekey ? { extra: { sitekey: options.sitekey } } : {}),
          judge: (body) => {
            if (maxScore === undefined) return undefined;
            return typeof body.score === 'number' && body.score <= maxScore ? undefined : 'score-too-high';
          },
        },
        options,
        token,
        context,
      ),
  };
}
