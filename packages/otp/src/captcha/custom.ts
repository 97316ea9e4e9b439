import { type Duration, toMs } from 'alisms';
import type { CaptchaContext, CaptchaResult, CaptchaVerifier } from './types.js';

/**
 * Wraps your own check (`true` = pass) with the same guarantees as the built-in verifiers: a bounded
 * timeout, and a throw, a rejection or a slow answer refuse the captcha (never fail open).
 * @example customVerifier(async (token) => token === (await myStore.take(token)), { timeout: '1 s' })
 */
export function customVerifier(
  check: (token: string, context: CaptchaContext) => boolean | Promise<boolean>,
  options: { timeout?: Duration } = {},
): CaptchaVerifier {
  const timeoutMs = toMs(options.timeout ?? '2 s');
  const refuse = (code: string): CaptchaResult => ({ success: false, errorCodes: [code], provider: 'custom' });
  return {
    async verify(token, context = {}) {
      if (!token) return refuse('missing-input-response');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        const verdict = await Promise.race([Promise.resolve().then(() => check(token, context)), timeout]);
        if (verdict === 'timeout') return refuse('timeout');
        return verdict === true ? { success: true, errorCodes: [], provider: 'custom' } : refuse('verification-failed');
      } catch {
        return refuse('verifier-error');
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
