// Server-side captcha verifiers. All of them fail closed: a timeout, an unreachable provider or an
// unexpected answer is a refusal.
export { ALIYUN_CAPTCHA_ENDPOINT, type AliyunCaptchaOptions, aliyunCaptchaVerifier } from './aliyun.js';
export { customVerifier } from './custom.js';
export { HCAPTCHA_ENDPOINT, hcaptchaVerifier } from './hcaptcha.js';
export { RECAPTCHA_ENDPOINT, type RecaptchaOptions, recaptchaVerifier } from './recaptcha.js';
export { TURNSTILE_ENDPOINT, turnstileVerifier } from './turnstile.js';
export type { CaptchaContext, CaptchaResult, CaptchaVerifier, HttpVerifierOptions } from './types.js';
