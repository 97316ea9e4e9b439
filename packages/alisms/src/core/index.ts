export { type BackoffOptions, backoffDelay } from './backoff.js';
export {
  CHINA_OFFSET_MS,
  formatChinaDateTime,
  formatChinaDay,
  formatChinaRfc822,
  parseChinaDay,
} from './china-time.js';
export { type Clock, ManualClock, systemClock } from './clock.js';
export { type Duration, type DurationUnit, toMs } from './duration.js';
export {
  ALIYUN_ERROR_CODES,
  type AliyunCodeClass,
  type AliyunCodeInfo,
  type AliyunErrorCode,
  aliyunCodeHint,
  aliyunCodeInfo,
  classifyAliyunCode,
  isServerFailureCode,
  isThrottlingCode,
  type KnownAliyunCode,
} from './error-codes.js';
export { AlismsError, type AlismsErrorOptions, isAlismsError } from './errors.js';
export { InvalidArgumentError, isInvalidArgumentError } from './invalid-argument-error.js';
export { compactPhone, type PhoneNumber, parsePhoneNumber } from './phone-number.js';
export { maskAddress, maskEmail, maskPhone, maskSecret, redact } from './redact.js';
export { type RenderedTemplate, renderTemplate, templateVariables } from './render-template.js';
export { countSmsSegments, type SmsSegments } from './segments.js';
export { VERSION } from './version.js';
