/**
 * The one table of Aliyun error codes, part two: what to do about each code, in one line. Together with
 * the classes of error-codes.ts it makes {@link ALIYUN_ERROR_CODES}; the compiler checks that every
 * classified code has a hint and nothing else does.
 */
import { ALIYUN_CODE_CLASSES, type AliyunCodeClass, isKnownAliyunCode, type KnownAliyunCode } from './error-codes.js';

/** One row of {@link ALIYUN_ERROR_CODES}. */
export interface AliyunCodeInfo {
  /** How the code is classified. */
  readonly class: AliyunCodeClass;
  /** What the user should do, in one line. Aliyun parameters are named in parentheses: `(SignName)`. */
  readonly hint: string;
}

const SIGN_HINT = 'use a signature (SignName) that is approved on this account';
const TEMPLATE_HINT = 'use a template code (TemplateCode) that is approved on this account';
const PARAMS_HINT = 'give every variable of the template a string value (TemplateParam)';
const BALANCE_HINT = 'the account is out of balance or suspended: top up in the console';
const PRODUCT_HINT = 'enable the SMS service (Cloud Communications) for this account in the console';
const NUMBER_HINT = 'check the phone number (mainland: 11 digits, optionally +86; others: country code + number)';
const RAM_HINT = 'the RAM user lacks permission: grant AliyunDysmsFullAccess (or a policy for this action)';
const SERVER_HINT = 'an error on Aliyun’s side: retry later (look a send up before sending it again)';

const HINTS: Readonly<Record<KnownAliyunCode, string>> = {
  // Gateway: signing, credentials, clock (HTTP 4xx).
  SignatureDoesNotMatch:
    'the AccessKey secret does not match the ID, or something (a proxy, a gateway) rewrote the request. The server’s string to sign is not printed (it holds the whole request: numbers, template values); run `alisms sign` with the same parameters, Timestamp and SignatureNonce and compare its string to sign with what your code or proxy sends',
  IncompleteSignature:
    'the request signature is malformed: run `alisms sign` with the same parameters and compare its string to sign with what your code sends',
  'InvalidAccessKeyId.NotFound': 'check ALIBABA_CLOUD_ACCESS_KEY_ID (or alisms.yaml): this AccessKey ID does not exist',
  'InvalidAccessKeyId.Inactive': 'this AccessKey is disabled: enable it in the RAM console or use another',
  'InvalidTimeStamp.Format': 'the request timestamp is malformed: send `YYYY-MM-DDThh:mm:ssZ` in UTC',
  'InvalidTimeStamp.Expired':
    'this machine’s clock is off by more than 15 minutes: run `alisms doctor` and sync the clock (NTP)',
  SignatureNonceUsed: 'a request was replayed; send it again (a new nonce is used each time)',
  InvalidSignatureMethod: 'sign with HMAC-SHA1 (RPC v1) or ACS3-HMAC-SHA256 (V3)',
  InvalidSignatureVersion: 'sign with SignatureVersion 1.0 (RPC v1)',
  'InvalidSecurityToken.Expired': 'the STS token expired: fetch new temporary credentials',
  'InvalidSecurityToken.Malformed': 'the STS token is malformed: fetch new temporary credentials',
  'InvalidSecurityToken.Mismatch': 'the STS token belongs to another AccessKey: use the pair it was issued with',
  Forbidden: RAM_HINT,
  'Forbidden.RAM': RAM_HINT,
  'isp.RAM_PERMISSION_DENY': RAM_HINT,
  RAM_PERMISSION_DENY: RAM_HINT,
  'InvalidAction.NotFound': 'the Action is unknown (names are case-sensitive) or not served by this endpoint',
  'InvalidApi.NotFound': 'the Action is unknown (names are case-sensitive) or not served by this endpoint',
  'InvalidProduct.NotFound': 'the endpoint does not serve this product: check the endpoint or region',
  InvalidVersion: 'the API Version is unknown for this product',
  'InvalidParameter.Format': 'ask for Format=JSON',
  UnsupportedHTTPMethod: 'use GET or POST',
  MissingParameter: 'a required parameter is missing: see the message for its name',
  // Flow control: nothing was sent.
  Throttling: 'too many requests per second: slow down and retry later',
  'Throttling.User': 'too many requests per second for this account: slow down and retry later',
  'Throttling.Api': 'too many requests per second for this API: slow down and retry later',
  QPS_LIMIT_CONTROL: 'too many requests per second: slow down and retry later',
  // Aliyun failed: a query may be retried; a send's outcome is unknown.
  InternalError: SERVER_HINT,
  ServiceUnavailable: SERVER_HINT,
  'isp.SYSTEM_ERROR': SERVER_HINT,
  'isp.GATEWAY_ERROR': SERVER_HINT,
  SYSTEM_ERROR: SERVER_HINT,
  // SMS business codes (HTTP 200): limits.
  'isv.BUSINESS_LIMIT_CONTROL':
    'per-number flow control (by default 1/min, 5/h, 10/day): wait before sending to this number again',
  BUSINESS_LIMIT_CONTROL: 'per-number flow control: wait before sending to this number again',
  'isv.DAY_LIMIT_CONTROL': 'the account’s daily send cap set in the console was reached',
  'isv.MONTH_LIMIT_CONTROL': 'the account’s monthly send cap set in the console was reached',
  // Account, signature, template: every later call fails the same way.
  'isv.AMOUNT_NOT_ENOUGH': BALANCE_HINT,
  AMOUNT_NOT_ENOUGH: BALANCE_HINT,
  'isv.OUT_OF_SERVICE': BALANCE_HINT,
  OUT_OF_SERVICE: BALANCE_HINT,
  'isv.PRODUCT_UN_SUBSCRIPT': PRODUCT_HINT,
  'isv.PRODUCT_UNSUBSCRIBE': PRODUCT_HINT,
  PRODUCT_NOT_SUBSCRIBED: PRODUCT_HINT,
  'isv.ACCOUNT_NOT_EXISTS': 'the account does not exist: check the AccessKey',
  ACCOUNT_NOT_EXISTS: 'the account does not exist: check the AccessKey',
  'isv.ACCOUNT_ABNORMAL': 'the account is abnormal: contact Aliyun support',
  ACCOUNT_ILLEGAL: 'the account is abnormal: contact Aliyun support',
  FORBIDDEN_ACTION: 'API access was downgraded for this account: contact Aliyun support',
  'isv.DENY_IP_RANGE': 'this IP may not send mainland SMS: call from a mainland server or use the international API',
  'isv.SMS_SIGNATURE_ILLEGAL': SIGN_HINT,
  'isv.SMS_SIGN_ILLEGAL': SIGN_HINT,
  'isv.SIGN_NAME_ILLEGAL': SIGN_HINT,
  'isv.SIGN_STATE_ILLEGAL': SIGN_HINT,
  SMS_SIGN_NAME_ILLEGAL: SIGN_HINT,
  INVALID_SENDERID: 'use a sender ID (From) that is approved on this account',
  'isv.SMS_TEMPLATE_ILLEGAL': TEMPLATE_HINT,
  SMS_CONTENT_CODE_ILLEGAL: TEMPLATE_HINT,
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': 'the signature type does not fit the template type (verification vs notification)',
  'isv.EXTEND_CODE_ERROR': 'the extension code is used by several signatures: use one per signature',
  // This recipient is refused.
  'isv.MOBILE_NUMBER_ILLEGAL': NUMBER_HINT,
  MOBILE_NUMBER_ILLEGAL: NUMBER_HINT,
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED':
    'an international template cannot reach a mainland number: use a mainland template',
  NOT_SUPPORTED_COUNTRY: 'this country or region is not served for this account',
  'isv.SMS_TEST_NUMBER_LIMIT': 'a test signature or template only reaches the numbers bound to it',
  'isv.CUSTOMER_REFUSED': 'the recipient unsubscribed',
  InvalidToAddress: 'check the recipient e-mail address',
  'InvalidToAddress.Spam': 'the address is on Direct Mail’s invalid-address list: do not send to it',
  // This request is wrong.
  'isv.MOBILE_COUNT_OVER_LIMIT': 'too many numbers in one request (1000 for send, 100 for a batch)',
  MOBILE_COUNT_OVER_LIMIT: 'too many numbers in one request (at most 1000)',
  'isv.TEMPLATE_MISSING_PARAMETERS': PARAMS_HINT,
  CONTENT_MISSING_PARAMETERS: PARAMS_HINT,
  'isv.INVALID_JSON_PARAM': PARAMS_HINT,
  INVALID_JSON_PARAM: 'the JSON parameters are empty or not valid JSON',
  'isv.TEMPLATE_PARAMS_ILLEGAL': 'a template value breaks its variable’s rule or holds a banned word',
  'isv.PARAM_LENGTH_LIMIT': 'a template value is too long',
  PARAM_LENGTH_LIMIT: 'a parameter is too long',
  'isv.PARAM_NOT_SUPPORT_URL': 'a template value may not hold a URL',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'a template value holds a blocked keyword',
  BLACK_KEY_CONTROL_LIMIT: 'the message holds a blocked keyword',
  'isv.SMS_CONTENT_ILLEGAL': 'the message holds forbidden content',
  SMS_CONTENT_ILLEGAL: 'the message holds forbidden content',
  SMS_SECURITY_INTERCEPTED: 'Aliyun’s risk control stopped the message',
  'isv.INVALID_PARAMETERS': 'a parameter is not valid: see the message',
  INVALID_PARAMETERS: 'a parameter is not valid: see the message',
  QUERY_DATE_ILLEGAL: 'the query date is out of range',
  DATA_NOT_EXIST: 'no such record (check the MessageId)',
  // Direct Mail (HTTP 4xx).
  'InvalidMailAddress.NotFound': 'the sender address is unknown in this region: create it in the console',
  'InvalidTemplate.NotFound': 'the mail template does not exist',
  'InvalidReceiver.NotFound': 'the recipient list does not exist',
  'InvalidMailAddressStatus.Malformed': 'the sender address is frozen or unavailable',
  'InvalidMailAddressDomain.Malformed': 'the sender domain is not valid: verify it in the console',
  'InvalidMailAddressSendType.Malformed': 'the sender address is for the other send type (batch vs triggered)',
  'InvalidSendMail.Spam': 'rejected by the spam filter, frequency or quota: check the account status',
  InvalidBody: 'TextBody or HtmlBody is malformed',
  'InvalidSubject.Malformed': 'the subject is too long',
  'InvalidFromAlias.Malformed': 'the sender alias is too long',
  'InvalidReplyAddress.Malformed': 'the reply-to address is malformed',
  'InvalidReplyAddressAlias.Malformed': 'the reply-to alias is too long',
  'InvalidReceiverName.Malformed': 'the recipient list name is malformed',
  'InvalidTemplateName.Malformed': 'the template name is longer than 30 characters',
  'InvalidTagName.Malformed': 'the tag name is malformed',
  InvalidAddressType: 'AddressType must be 0 (random) or 1 (sender address)',
};

/**
 * Every Aliyun error code alisms knows, with its class and what to do. Codes not listed are classified
 * by `classifyAliyunCode`'s rules (`Throttling*`, `Missing*`, `Invalid*`) or not at all.
 *
 * @example
 * import { ALIYUN_ERROR_CODES } from 'alisms';
 * ALIYUN_ERROR_CODES['isv.BUSINESS_LIMIT_CONTROL'].class; // 'number-limit'
 */
// Pure: a bundle that never reads the table drops it and every hint (the Web build of SmsClient).
export const ALIYUN_ERROR_CODES: Readonly<Record<KnownAliyunCode, AliyunCodeInfo>> = /* @__PURE__ */ (() =>
  Object.fromEntries(
    (Object.keys(ALIYUN_CODE_CLASSES) as KnownAliyunCode[]).map((code) => [
      code,
      { class: ALIYUN_CODE_CLASSES[code], hint: HINTS[code] },
    ]),
  ) as Record<KnownAliyunCode, AliyunCodeInfo>)();

/** The row of a listed code, or undefined (also for names inherited from `Object.prototype`). */
export function aliyunCodeInfo(code: string | undefined): AliyunCodeInfo | undefined {
  return isKnownAliyunCode(code) ? ALIYUN_ERROR_CODES[code] : undefined;
}

/** What to do about `code`, in one line, or undefined for a code the table does not list. */
export function aliyunCodeHint(code: string | undefined): string | undefined {
  return aliyunCodeInfo(code)?.hint;
}
