/**
 * The one table of Aliyun error codes, part one: what each code means for the caller (its class). What to
 * do about each is in error-hints.ts, kept apart so that a client bundle that only classifies errors does
 * not carry every hint (the Web build of `SmsClient` has a size budget).
 * The SDK's error factory and retry policy, the emulator (for the codes it answers with), `@alisms/otp`'s
 * service, `@alisms/bulk` and the CLI's hints all read it, so a code is classified the same way
 * everywhere. Sources: the gateway table (help.aliyun.com/document_detail/434846), the SMS business codes
 * (document_detail/101346), the international codes (help.aliyun.com/zh/sms/error-code-intl) and the
 * Direct Mail table (developer.aliyun.com/ask/278330).
 */

/**
 * How a failed call is to be understood, by its Aliyun code.
 *
 * - `throttling`: gateway flow control (`Throttling*`, `QPS_LIMIT_CONTROL`). Nothing was sent: slow
 *   down and try again; safe even for a send.
 * - `server`: Aliyun itself failed (`isp.SYSTEM_ERROR`, `InternalError`, …). A query may be retried; for
 *   a send the outcome is unknown (it may have been queued), so look it up before sending again.
 * - `number-limit`: Aliyun's per-number flow control (`isv.BUSINESS_LIMIT_CONTROL`). This recipient may
 *   not get another message yet; other recipients can.
 * - `account-limit`: the account's daily or monthly cap set in the console. Every send fails until it
 *   resets or is raised.
 * - `setup`: credentials, permissions, clock, balance, an unapproved signature or template. Every later
 *   call fails the same way until someone fixes the account or the configuration.
 * - `recipient`: this phone number or address is refused; other recipients are not affected.
 * - `request`: this request's parameters or template values are wrong; fix the call.
 */
export type AliyunCodeClass =
  | 'throttling'
  | 'server'
  | 'number-limit'
  | 'account-limit'
  | 'setup'
  | 'recipient'
  | 'request';

/**
 * Every Aliyun error code alisms knows, with its class and what to do. Codes not listed are classified
 * by {@link classifyAliyunCode}'s rules (`Throttling*`, `Missing*`, `Invalid*`) or not at all.
 *
 * @example
 * import { ALIYUN_CODE_CLASSES } from 'alisms';
 * ALIYUN_CODE_CLASSES['isv.BUSINESS_LIMIT_CONTROL']; // 'number-limit'
 */
export const ALIYUN_CODE_CLASSES = {
  // Gateway: signing, credentials, clock (HTTP 4xx).
  SignatureDoesNotMatch: 'setup',
  IncompleteSignature: 'setup',
  'InvalidAccessKeyId.NotFound': 'setup',
  'InvalidAccessKeyId.Inactive': 'setup',
  'InvalidTimeStamp.Format': 'setup',
  'InvalidTimeStamp.Expired': 'setup',
  SignatureNonceUsed: 'request',
  InvalidSignatureMethod: 'setup',
  InvalidSignatureVersion: 'setup',
  'InvalidSecurityToken.Expired': 'setup',
  'InvalidSecurityToken.Malformed': 'setup',
  'InvalidSecurityToken.Mismatch': 'setup',
  Forbidden: 'setup',
  'Forbidden.RAM': 'setup',
  'isp.RAM_PERMISSION_DENY': 'setup',
  RAM_PERMISSION_DENY: 'setup',
  'InvalidAction.NotFound': 'request',
  'InvalidApi.NotFound': 'request',
  'InvalidProduct.NotFound': 'setup',
  InvalidVersion: 'request',
  'InvalidParameter.Format': 'request',
  UnsupportedHTTPMethod: 'request',
  MissingParameter: 'request',
  // Flow control: nothing was sent.
  Throttling: 'throttling',
  'Throttling.User': 'throttling',
  'Throttling.Api': 'throttling',
  QPS_LIMIT_CONTROL: 'throttling',
  // Aliyun failed: a query may be retried; a send's outcome is unknown.
  InternalError: 'server',
  ServiceUnavailable: 'server',
  'isp.SYSTEM_ERROR': 'server',
  'isp.GATEWAY_ERROR': 'server',
  SYSTEM_ERROR: 'server',
  // SMS business codes (HTTP 200): limits.
  'isv.BUSINESS_LIMIT_CONTROL': 'number-limit',
  BUSINESS_LIMIT_CONTROL: 'number-limit',
  'isv.DAY_LIMIT_CONTROL': 'account-limit',
  'isv.MONTH_LIMIT_CONTROL': 'account-limit',
  // Account, signature, template: every later call fails the same way.
  'isv.AMOUNT_NOT_ENOUGH': 'setup',
  AMOUNT_NOT_ENOUGH: 'setup',
  'isv.OUT_OF_SERVICE': 'setup',
  OUT_OF_SERVICE: 'setup',
  'isv.PRODUCT_UN_SUBSCRIPT': 'setup',
  'isv.PRODUCT_UNSUBSCRIBE': 'setup',
  PRODUCT_NOT_SUBSCRIBED: 'setup',
  'isv.ACCOUNT_NOT_EXISTS': 'setup',
  ACCOUNT_NOT_EXISTS: 'setup',
  'isv.ACCOUNT_ABNORMAL': 'setup',
  ACCOUNT_ILLEGAL: 'setup',
  FORBIDDEN_ACTION: 'setup',
  'isv.DENY_IP_RANGE': 'setup',
  'isv.SMS_SIGNATURE_ILLEGAL': 'setup',
  'isv.SMS_SIGN_ILLEGAL': 'setup',
  'isv.SIGN_NAME_ILLEGAL': 'setup',
  'isv.SIGN_STATE_ILLEGAL': 'setup',
  SMS_SIGN_NAME_ILLEGAL: 'setup',
  INVALID_SENDERID: 'setup',
  'isv.SMS_TEMPLATE_ILLEGAL': 'setup',
  SMS_CONTENT_CODE_ILLEGAL: 'setup',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': 'setup',
  'isv.EXTEND_CODE_ERROR': 'setup',
  // This recipient is refused.
  'isv.MOBILE_NUMBER_ILLEGAL': 'recipient',
  MOBILE_NUMBER_ILLEGAL: 'recipient',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': 'recipient',
  NOT_SUPPORTED_COUNTRY: 'recipient',
  'isv.SMS_TEST_NUMBER_LIMIT': 'recipient',
  'isv.CUSTOMER_REFUSED': 'recipient',
  InvalidToAddress: 'recipient',
  'InvalidToAddress.Spam': 'recipient',
  // This request is wrong.
  'isv.MOBILE_COUNT_OVER_LIMIT': 'request',
  MOBILE_COUNT_OVER_LIMIT: 'request',
  'isv.TEMPLATE_MISSING_PARAMETERS': 'request',
  CONTENT_MISSING_PARAMETERS: 'request',
  'isv.INVALID_JSON_PARAM': 'request',
  INVALID_JSON_PARAM: 'request',
  'isv.TEMPLATE_PARAMS_ILLEGAL': 'request',
  'isv.PARAM_LENGTH_LIMIT': 'request',
  PARAM_LENGTH_LIMIT: 'request',
  'isv.PARAM_NOT_SUPPORT_URL': 'request',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'request',
  BLACK_KEY_CONTROL_LIMIT: 'request',
  'isv.SMS_CONTENT_ILLEGAL': 'request',
  SMS_CONTENT_ILLEGAL: 'request',
  SMS_SECURITY_INTERCEPTED: 'request',
  'isv.INVALID_PARAMETERS': 'request',
  INVALID_PARAMETERS: 'request',
  QUERY_DATE_ILLEGAL: 'request',
  DATA_NOT_EXIST: 'request',
  // Direct Mail (HTTP 4xx).
  'InvalidMailAddress.NotFound': 'setup',
  'InvalidTemplate.NotFound': 'setup',
  'InvalidReceiver.NotFound': 'setup',
  'InvalidMailAddressStatus.Malformed': 'setup',
  'InvalidMailAddressDomain.Malformed': 'setup',
  'InvalidMailAddressSendType.Malformed': 'setup',
  'InvalidSendMail.Spam': 'setup',
  InvalidBody: 'request',
  'InvalidSubject.Malformed': 'request',
  'InvalidFromAlias.Malformed': 'request',
  'InvalidReplyAddress.Malformed': 'request',
  'InvalidReplyAddressAlias.Malformed': 'request',
  'InvalidReceiverName.Malformed': 'request',
  'InvalidTemplateName.Malformed': 'request',
  'InvalidTagName.Malformed': 'request',
  InvalidAddressType: 'request',
} as const satisfies Record<string, AliyunCodeClass>;

/** A code listed in {@link ALIYUN_CODE_CLASSES} (and so in `ALIYUN_ERROR_CODES`). */
export type KnownAliyunCode = keyof typeof ALIYUN_CODE_CLASSES;

/**
 * Any code an Aliyun-shaped answer may carry: a listed one, or the gateway's per-parameter families
 * (`Missing<Param>`, `Invalid<Param>`). The emulator types its answers with it, so it cannot answer
 * with a code this table does not classify.
 */
export type AliyunErrorCode = KnownAliyunCode | `Missing${string}` | `Invalid${string}`;

/** Whether `code` is listed (not a name inherited from `Object.prototype`). */
export function isKnownAliyunCode(code: string | undefined): code is KnownAliyunCode {
  return code !== undefined && Object.hasOwn(ALIYUN_CODE_CLASSES, code);
}

/**
 * The class of an Aliyun code, or undefined when the code is unknown (decide by HTTP status then).
 * Listed codes first; then `Throttling*` (gateway flow control), `Missing*` and `Invalid*` (the
 * gateway's per-parameter errors) by their prefix.
 *
 * @example
 * import { classifyAliyunCode } from 'alisms';
 * classifyAliyunCode('Throttling.User'); // 'throttling'
 * classifyAliyunCode('isp.SYSTEM_ERROR'); // 'server'
 */
export function classifyAliyunCode(code: string | undefined): AliyunCodeClass | undefined {
  if (code === undefined) return undefined;
  if (isKnownAliyunCode(code)) return ALIYUN_CODE_CLASSES[code];
  if (code.startsWith('Throttling')) return 'throttling';
  if (code.startsWith('Missing') || code.startsWith('Invalid')) return 'request';
  return undefined;
}

/** Whether `code` is flow control: nothing was sent, so any call (a send too) may be tried again later. */
export function isThrottlingCode(code: string | undefined): boolean {
  return classifyAliyunCode(code) === 'throttling';
}

/** Whether `code` says Aliyun failed: a query may be retried; a send's outcome is unknown. */
export function isServerFailureCode(code: string | undefined): boolean {
  return classifyAliyunCode(code) === 'server';
}
