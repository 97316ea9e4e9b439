import { type Clock, formatTimestamp, newNonce, signRpcV1, systemClock } from 'alisms';
import { postForm } from './http.js';
import type { CaptchaResult, CaptchaVerifier, HttpVerifierOptions } from './types.js';

/** The Aliyun Captcha 2.0 verification endpoint {@link aliyunCaptchaVerifier} calls by default. */
export const ALIYUN_CAPTCHA_ENDPOINT = 'https://captcha.cn-shanghai.aliyuncs.com/';

/** Options of {@link aliyunCaptchaVerifier}. */
export interface AliyunCaptchaOptions extends Pick<HttpVerifierOptions, 'endpoint' | 'timeout'> {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token, when the key pair is temporary. */
  securityToken?: string;
  /** Scene id from the console; recommended, so a tampered page cannot switch scenes. */
  sceneId?: string;
  /** Source of time for the request `Timestamp`. @default systemClock */
  clock?: Clock;
}

/** `T001` passed, `T005` console test mode set to pass, `T006` whitelisted. Everything else refuses. */
const PASSING = new Set(['T001', 'T005', 'T006']);

/**
 * Alibaba Cloud Captcha 2.0 (`VerifyIntelligentCaptcha`, version 2023-03-05), signed with RPC v1.
 * Unlike Aliyun's own samples, an exception or timeout refuses the captcha: it never fails open.
 * International accounts use `endpoint: 'https://captcha.ap-southeast-1.aliyuncs.com/'`.
 * @example aliyunCaptchaVerifier({ accessKeyId, accessKeySecret, sceneId: 'abc123' })
 */
export function aliyunCaptchaVerifier(options: AliyunCaptchaOptions): CaptchaVerifier {
  const clock = options.clock ?? systemClock;
  const refuse = (codes: string[]): CaptchaResult => ({ success: false, errorCodes: codes, provider: 'aliyun' });
  return {
    async verify(token) {
      if (!token) return refuse(['F002']);
      const params: Record<string, string> = {
        Action: 'VerifyIntelligentCaptcha',
        Version: '2023-03-05',
        Format: 'JSON',
        AccessKeyId: options.accessKeyId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        SignatureNonce: newNonce(),
        Timestamp: formatTimestamp(clock.now()),
        CaptchaVerifyParam: token,
      };
      if (options.sceneId) params.SceneId = options.sceneId;
      if (options.securityToken) params.SecurityToken = options.securityToken;
      params.Signature = signRpcV1({ method: 'POST', params, accessKeySecret: options.accessKeySecret });
      const answer = await postForm(options.endpoint ?? ALIYUN_CAPTCHA_ENDPOINT, params, options.timeout ?? '3 s');
      if (!answer.ok) return refuse([answer.errorCode]);
      const body = answer.body;
      const result = (body.Result ?? {}) as { VerifyResult?: unknown; VerifyCode?: unknown };
      const verifyCode = typeof result.VerifyCode === 'string' ? result.VerifyCode : undefined;
      if (body.Code !== 'Success' || body.Success === false)
        return refuse([typeof body.Code === 'string' ? body.Code : 'invalid-response']);
      if (result.VerifyResult === true && verifyCode !== undefined && PASSING.has(verifyCode))
        return { success: true, errorCodes: [], provider: 'aliyun' };
      return refuse([verifyCode ?? 'verification-failed']);
    },
  };
}
