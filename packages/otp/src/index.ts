// The alisms/otp entry: verification codes, their limits, and the captcha verifiers to gate them with.
// Re-exporting limiter and captcha here is deliberate: this entry is the one public door to all three.

export {
  ALIYUN_CAPTCHA_ENDPOINT,
  type AliyunCaptchaOptions,
  aliyunCaptchaVerifier,
  type CaptchaContext,
  type CaptchaResult,
  customVerifier,
  HCAPTCHA_ENDPOINT,
  type HttpVerifierOptions,
  hcaptchaVerifier,
  RECAPTCHA_ENDPOINT,
  type RecaptchaOptions,
  recaptchaVerifier,
  TURNSTILE_ENDPOINT,
  turnstileVerifier,
} from './captcha/index.js';
export { clientIpGroup } from './client-ip.js';
export type { CheckOutcome, CodeStore, LockoutPolicy, StoredCode } from './code-store.js';
export {
  defaultPhoneRules,
  normalizeEmail,
  normalizePhone,
  type PhoneRules,
  type PhoneVerdict,
} from './destination.js';
export { type DypnsCalls, type DypnsOtpOptions, dypnsCodeProvider, dypnsSmsSender } from './dypns.js';
export { defaultEmailLimitKeyRules, type EmailLimitKeyRules, emailLimitKey } from './email-limit-key.js';
export type { IssueCode, IssueOutcome } from './issue.js';
export {
  connectRedis,
  createRedisClient,
  fixedWindow,
  isStoreUnavailableError,
  type KeySpace,
  type LimitAlgorithm,
  type LimitCheck,
  type LimitPolicy,
  type LimitResult,
  type LimitState,
  type LimitStore,
  MemoryLimitStore,
  parseHostPort,
  type RedisClientOptions,
  type RedisConnection,
  RedisLimitStore,
  type RedisLimitStoreOptions,
  type RedisTarget,
  StoreUnavailableError,
  slidingWindow,
} from './limiter/index.js';
export {
  cooldown,
  defaultLimits,
  defaultWrongCheckLimits,
  globalDaily,
  type LimitScope,
  type OtpLimit,
  perDestination,
  perIp,
  perPrefix,
  wrongChecksPerIp,
} from './limits.js';
export { MemoryCodeStore } from './memory-code-store.js';
export type { OtpOptions, OtpStore } from './options.js';
export type {
  CaptchaOutcome,
  CaptchaVerifier,
  OtpCodeProvider,
  OtpCodeSendContext,
  OtpSendContext,
  OtpSender,
} from './ports.js';
export { RedisCodeStore, type RedisCodeStoreOptions } from './redis-code-store.js';
export { createOtp, type Otp } from './service.js';
export { createMemoryOtpStore, createRedisOtpStore } from './stores.js';
export type { OtpTestNumberUse } from './test-numbers.js';
export type {
  OtpAlert,
  OtpChannel,
  OtpCheckDetail,
  OtpCheckRateLimited,
  OtpCheckRequest,
  OtpCheckResult,
  OtpLifecycleEvent,
  OtpSendRefusal,
  OtpSendRequest,
  OtpSendResult,
  OtpSent,
} from './types.js';
