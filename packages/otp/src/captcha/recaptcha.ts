import { siteverify } from './siteverify.js';
import type { CaptchaVerifier, HttpVerifierOptions } from './types.js';

/** The reCAPTCHA siteverify URL {@link recaptchaVerifier} calls by default. */
export const RECAPTCHA_ENDPOINT = 'https://www.google.com/recaptcha/api/siteverify';

/** Options of {@link recaptchaVerifier}. */
export interface RecaptchaOptions extends HttpVerifierOptions {
  secret: string;
  /** `v3` requires a score of at least `minScore`; `v2` (checkbox/invisible) has no score. @default 'v2' */
  version?: 'v2' | 'v3';
  /** v3 only: lowest score accepted (0.0 bot … 1.0 human). @default 0.5 */
  minScore?: number;
}

/**
 * Google reCAPTCHA v2 or v3. Tokens are valid 2 min and verify once (`timeout-or-duplicate` after that).
 * For v3, set `expectedAction` (or `'context'`) so a token minted for another page's action is refused.
 * @example recaptchaVerifier({ secret, version: 'v3', minScore: 0.7, expectedAction: 'context' })
 */
export function recaptchaVerifier(options: RecaptchaOptions): CaptchaVerifier {
  const v3 = options.version === 'v3';
  const minScore = options.minScore ?? 0.5;
  return {
    verify: (token, context) =>
      siteverify(
        {
          provider: 'recaptcha',
          defaultEndpoint: RECAPTCHA_ENDPOINT,
          secret: options.secret,
          judge: (body) => {
            if (!v3) return undefined;
            if (typeof body.score !== 'number') return 'score-missing';
            return body.score >= minScore ? undefined : 'score-too-low';
          },
        },
        options,
        token,
        context,
      ),
  };
}
