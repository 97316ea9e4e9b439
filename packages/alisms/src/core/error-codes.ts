/**
 * The one table of Aliyun error codes: what each code means for the caller and what to do about it.
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

/** One row of {@link ALIYUN_ERROR_CODES}. */
export interface AliyunCodeInfo {
  /** How the code is classified. */
  readonly class: AliyunCodeClass;
  /** What the user should do, in one line. */
  readonly hint: string;
}

const SIGN_HINT = 'use a signature (SignName) that is approved on this account';
const TEMPLATE_HINT = 'use a template code (TemplateCode) that is approved on this account';
const PARAMS_HINT = 'give every variable of the template a string value';
const BALANCE_HINT = 'the account is out of balance or suspended: top up in the console';
const PRODUCT_HINT = 'enable the SMS service (Cloud Communications) for this account in the console';
const NUMBER_HINT = 'check the phone number (mainland: 11 digits, optionally +86; others: country code + number)';
const RAM_HINT = 'the RAM user lacks permission: grant AliyunDysmsFullAccess (or a policy for this action)';
const SERVER_HINT = 'an error on Aliyun’s side: retry later (look a send up before sending it again)';

function row(cls: AliyunCodeClass, hint: string): AliyunCodeInfo {
  return { class: cls, hint };
}

/**
 * Every Aliyun error code alisms knows, with its class and what to do. Codes not listed are classified
 * by {@link classifyAliyunCode}'s rules (`Throttling*`, `Missing*`, `Invalid*`) or not at all.
 *
 * @example
 * import { ALIYUN_ERROR_CODES } from 'alisms';
 * ALIYUN_ERROR_CODES['isv.BUSINESS_LIMIT_CONTROL'].class; // 'number-limit'
 */
export const ALIYUN_ERROR_CODES = {
  // Gateway: signing, credentials, clock (HTTP 4xx).
  SignatureDoesNotMatch: row(
    'setup',
    'the AccessKey secret does not match the ID, or something rewrote the request: compare `alisms sign` output with the server string to sign',
  ),
  IncompleteSignature: row(
    'setup',
    'the request signature is malformed: compare `alisms sign` output with the server string to sign',
  ),
  'InvalidAccessKeyId.NotFound': row(
    'setup',
    'check ALIBABA_CLOUD_ACCESS_KEY_ID (or alisms.yaml): this AccessKey ID does not exist',
  ),
  'InvalidAccessKeyId.Inactive': row(
    'setup',
    'this AccessKey is disabled: enable it in the RAM console or use another',
  ),
  'InvalidTimeStamp.Format': row('setup', 'the request timestamp is malformed: send `YYYY-MM-DDThh:mm:ssZ` in UTC'),
  'InvalidTimeStamp.Expired': row(
    'setup',
    'this machine’s clock is off by more than 15 minutes: run `alisms doctor` and sync the clock (NTP)',
  ),
  SignatureNonceUsed: row('request', 'a request was replayed; send it again (a new nonce is used each time)'),
  InvalidSignatureMethod: row('setup', 'sign with HMAC-SHA1 (RPC v1) or ACS3-HMAC-SHA256 (V3)'),
  InvalidSignatureVersion: row('setup', 'sign with SignatureVersion 1.0 (RPC v1)'),
  'InvalidSecurityToken.Expired': row('setup', 'the STS token expired: fetch new temporary credentials'),
  'InvalidSecurityToken.Malformed': row('setup', 'the STS token is malformed: fetch new temporary credentials'),
  'InvalidSecurityToken.Mismatch': row(
    'setup',
    'the STS token belongs to another AccessKey: use the pair it was issued with',
  ),
  Forbidden: row('setup', RAM_HINT),
  'Forbidden.RAM': row('setup', RAM_HINT),
  'isp.RAM_PERMISSION_DENY': row('setup', RAM_HINT),
  RAM_PERMISSION_DENY: row('setup', RAM_HINT),
  'InvalidAction.NotFound': row(
    'request',
    'the Action is unknown (names are case-sensitive) or not served by this endpoint',
  ),
  'InvalidApi.NotFound': row(
    'request',
    'the Action is unknown (names are case-sensitive) or not served by this endpoint',
  ),
  'InvalidProduct.NotFound': row('setup', 'the endpoint does not serve this product: check the endpoint or region'),
  InvalidVersion: row('request', 'the API Version is unknown for this product'),
  'InvalidParameter.Format': row('request', 'ask for Format=JSON'),
  UnsupportedHTTPMethod: row('request', 'use GET or POST'),
  MissingParameter: row('request', 'a required parameter is missing: see the message for its name'),

  // Flow control: nothing was sent.
  Throttling: row('throttling', 'too many requests per second: slow down and retry later'),
  'Throttling.User': row('throttling', 'too many requests per second for this account: slow down and retry later'),
  'Throttling.Api': row('throttling', 'too many requests per second for this API: slow down and retry later'),
  QPS_LIMIT_CONTROL: row('throttling', 'too many requests per second: slow down and retry later'),

  // Aliyun failed: a query may be retried; a send's outcome is unknown.
  InternalError: row('server', SERVER_HINT),
  ServiceUnavailable: row('server', SERVER_HINT),
  'isp.SYSTEM_ERROR': row('server', SERVER_HINT),
  'isp.GATEWAY_ERROR': row('server', SERVER_HINT),
  SYSTEM_ERROR: row('server', SERVER_HINT),

  // SMS business codes (HTTP 200): limits.
  'isv.BUSINESS_LIMIT_CONTROL': row(
    'number-limit',
    'per-number flow control (by default 1/min, 5/h, 10/day): wait before sending to this number again',
  ),
  BUSINESS_LIMIT_CONTROL: row('number-limit', 'per-number flow control: wait before sending to this number again'),
  'isv.DAY_LIMIT_CONTROL': row('account-limit', 'the account’s daily send cap set in the console was reached'),
  'isv.MONTH_LIMIT_CONTROL': row('account-limit', 'the account’s monthly send cap set in the console was reached'),

  // Account, signature, template: every later call fails the same way.
  'isv.AMOUNT_NOT_ENOUGH': row('setup', BALANCE_HINT),
  AMOUNT_NOT_ENOUGH: row('setup', BALANCE_HINT),
  'isv.OUT_OF_SERVICE': row('setup', BALANCE_HINT),
  OUT_OF_SERVICE: row('setup', BALANCE_HINT),
  'isv.PRODUCT_UN_SUBSCRIPT': row('setup', PRODUCT_HINT),
  'isv.PRODUCT_UNSUBSCRIBE': row('setup', PRODUCT_HINT),
  PRODUCT_NOT_SUBSCRIBED: row('setup', PRODUCT_HINT),
  'isv.ACCOUNT_NOT_EXISTS': row('setup', 'the account does not exist: check the AccessKey'),
  ACCOUNT_NOT_EXISTS: row('setup', 'the account does not exist: check the AccessKey'),
  'isv.ACCOUNT_ABNORMAL': row('setup', 'the account is abnormal: contact Aliyun support'),
  ACCOUNT_ILLEGAL: row('setup', 'the account is abnormal: contact Aliyun support'),
  FORBIDDEN_ACTION: row('setup', 'API access was downgraded for this account: contact Aliyun support'),
  'isv.DENY_IP_RANGE': row(
    'setup',
    'this IP may not send mainland SMS: call from a mainland server or use the international API',
  ),
  'isv.SMS_SIGNATURE_ILLEGAL': row('setup', SIGN_HINT),
  'isv.SMS_SIGN_ILLEGAL': row('setup', SIGN_HINT),
  'isv.SIGN_NAME_ILLEGAL': row('setup', SIGN_HINT),
  'isv.SIGN_STATE_ILLEGAL': row('setup', SIGN_HINT),
  SMS_SIGN_NAME_ILLEGAL: row('setup', SIGN_HINT),
  INVALID_SENDERID: row('setup', 'use a sender ID (From) that is approved on this account'),
  'isv.SMS_TEMPLATE_ILLEGAL': row('setup', TEMPLATE_HINT),
  SMS_CONTENT_CODE_ILLEGAL: row('setup', TEMPLATE_HINT),
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': row(
    'setup',
    'the signature type does not fit the template type (verification vs notification)',
  ),
  'isv.EXTEND_CODE_ERROR': row('setup', 'the extension code is used by several signatures: use one per signature'),

  // This recipient is refused.
  'isv.MOBILE_NUMBER_ILLEGAL': row('recipient', NUMBER_HINT),
  MOBILE_NUMBER_ILLEGAL: row('recipient', NUMBER_HINT),
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': row(
    'recipient',
    'an international template cannot reach a mainland number: use a mainland template',
  ),
  NOT_SUPPORTED_COUNTRY: row('recipient', 'this country or region is not served for this account'),
  'isv.SMS_TEST_NUMBER_LIMIT': row('recipient', 'a test signature or template only reaches the numbers bound to it'),
  'isv.CUSTOMER_REFUSED': row('recipient', 'the recipient unsubscribed'),
  InvalidToAddress: row('recipient', 'check the recipient e-mail address'),
  'InvalidToAddress.Spam': row('recipient', 'the address is on Direct Mail’s invalid-address list: do not send to it'),

  // This request is wrong.
  'isv.MOBILE_COUNT_OVER_LIMIT': row('request', 'too many numbers in one request (1000 for send, 100 for a batch)'),
  MOBILE_COUNT_OVER_LIMIT: row('request', 'too many numbers in one request (at most 1000)'),
  'isv.TEMPLATE_MISSING_PARAMETERS': row('request', PARAMS_HINT),
  CONTENT_MISSING_PARAMETERS: row('request', PARAMS_HINT),
  'isv.INVALID_JSON_PARAM': row('request', PARAMS_HINT),
  INVALID_JSON_PARAM: row('request', 'the JSON parameters are empty or not valid JSON'),
  'isv.TEMPLATE_PARAMS_ILLEGAL': row('request', 'a template value breaks its variable’s rule or holds a banned word'),
  'isv.PARAM_LENGTH_LIMIT': row('request', 'a template value is too long'),
  PARAM_LENGTH_LIMIT: row('request', 'a parameter is too long'),
  'isv.PARAM_NOT_SUPPORT_URL': row('request', 'a template value may not hold a URL'),
  'isv.BLACK_KEY_CONTROL_LIMIT': row('request', 'a template value holds a blocked keyword'),
  BLACK_KEY_CONTROL_LIMIT: row('request', 'the message holds a blocked keyword'),
  'isv.SMS_CONTENT_ILLEGAL': row('request', 'the message holds forbidden content'),
  SMS_CONTENT_ILLEGAL: row('request', 'the message holds forbidden content'),
  SMS_SECURITY_INTERCEPTED: row('request', 'Aliyun’s risk control stopped the message'),
  'isv.INVALID_PARAMETERS': row('request', 'a parameter is not valid: see the message'),
  INVALID_PARAMETERS: row('request', 'a parameter is not valid: see the message'),
  QUERY_DATE_ILLEGAL: row('request', 'the query date is out of range'),
  DATA_NOT_EXIST: row('request', 'no such record (check the MessageId)'),

  // Direct Mail (HTTP 4xx).
  'InvalidMailAddress.NotFound': row('setup', 'the sender address is unknown in this region: create it in the console'),
  'InvalidTemplate.NotFound': row('setup', 'the mail template does not exist'),
  'InvalidReceiver.NotFound': row('setup', 'the recipient list does not exist'),
  'InvalidMailAddressStatus.Malformed': row('setup', 'the sender address is frozen or unavailable'),
  'InvalidMailAddressDomain.Malformed': row('setup', 'the sender domain is not valid: verify it in the console'),
  'InvalidMailAddressSendType.Malformed': row(
    'setup',
    'the sender address is for the other send type (batch vs triggered)',
  ),
  'InvalidSendMail.Spam': row('setup', 'rejected by the spam filter, frequency or quota: check the account status'),
  InvalidBody: row('request', 'TextBody or HtmlBody is malformed'),
  'InvalidSubject.Malformed': row('request', 'the subject is too long'),
  'InvalidFromAlias.Malformed': row('request', 'the sender alias is too long'),
  'InvalidReplyAddress.Malformed': row('request', 'the reply-to address is malformed'),
  'InvalidReplyAddressAlias.Malformed': row('request', 'the reply-to alias is too long'),
  'InvalidReceiverName.Malformed': row('request', 'the recipient list name is malformed'),
  'InvalidTemplateName.Malformed': row('request', 'the template name is longer than 30 characters'),
  'InvalidTagName.Malformed': row('request', 'the tag name is malformed'),
  InvalidAddressType: row('request', 'AddressType must be 0 (random) or 1 (sender address)'),
} as const satisfies Record<string, AliyunCodeInfo>;

/** A code listed in {@link ALIYUN_ERROR_CODES}. */
export type KnownAliyunCode = keyof typeof ALIYUN_ERROR_CODES;

/**
 * Any code an Aliyun-shaped answer may carry: a listed one, or the gateway's per-parameter families
 * (`Missing<Param>`, `Invalid<Param>`). The emulator types its answers with it, so it cannot answer
 * with a code this table does not classify.
 */
export type AliyunErrorCode = KnownAliyunCode | `Missing${string}` | `Invalid${string}`;

/** The row of a listed code, or undefined (also for names inherited from `Object.prototype`). */
export function aliyunCodeInfo(code: string | undefined): AliyunCodeInfo | undefined {
  if (code === undefined || !Object.hasOwn(ALIYUN_ERROR_CODES, code)) return undefined;
  return ALIYUN_ERROR_CODES[code as KnownAliyunCode];
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
  const info = aliyunCodeInfo(code);
  if (info !== undefined) return info.class;
  if (code.startsWith('Throttling')) return 'throttling';
  if (code.startsWith('Missing') || code.startsWith('Invalid')) return 'request';
  return undefined;
}

/** What to do about `code`, in one line, or undefined for a code the table does not list. */
export function aliyunCodeHint(code: string | undefined): string | undefined {
  return aliyunCodeInfo(code)?.hint;
}

/** Whether `code` is flow control: nothing was sent, so any call (a send too) may be tried again later. */
export function isThrottlingCode(code: string | undefined): boolean {
  return classifyAliyunCode(code) === 'throttling';
}

/** Whether `code` says Aliyun failed: a query may be retried; a send's outcome is unknown. */
export function isServerFailureCode(code: string | undefined): boolean {
  return classifyAliyunCode(code) === 'server';
}
