/**
 * Sorts a failed call into what bulk sending does next. Errors are matched by `name` and `code`
 * (not by class) so any copy of the SMS client, or a test fake, is understood the same way.
 */
export type CallFailure =
  /** Flow control: nothing was sent; slow down and try again. */
  | { kind: 'throttled'; code: string; message: string }
  /** Nothing reached Aliyun: safe to send again. */
  | { kind: 'not-sent'; code: string; message: string }
  /** Aliyun refused these rows (a business error): they fail, the job goes on. */
  | { kind: 'rejected'; code: string; message: string }
  /** Every later call would fail the same way (credentials, sign, template, balance): stop, resume later. */
  | { kind: 'fatal'; code: string; message: string }
  /** The call may or may not have been sent: look it up before sending again. */
  | { kind: 'unknown'; code: string; message: string };

// Account- or job-wide refusals: failing each row for them would turn a fixable setup problem into
// a million failed rows, so the job stops with the batch still unsent and can be resumed.
const FATAL_CODES = new Set([
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'Forbidden',
  'Forbidden.RAM',
  'isp.RAM_PERMISSION_DENY',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.SMS_SIGN_ILLEGAL',
  'isv.SIGN_NAME_ILLEGAL',
  'isv.SIGN_STATE_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
  'isv.AMOUNT_NOT_ENOUGH',
  'isv.OUT_OF_SERVICE',
  'isv.DAY_LIMIT_CONTROL',
  'isv.MONTH_LIMIT_CONTROL',
  'isv.PRODUCT_UN_SUBSCRIPT',
  'isv.PRODUCT_UNSUBSCRIBE',
  'isv.ACCOUNT_NOT_EXISTS',
  'isv.ACCOUNT_ABNORMAL',
  'isv.DENY_IP_RANGE',
]);

const FATAL_NAMES = new Set(['CredentialsNotFoundError', 'InvalidArgumentError']);

/** Classifies an error thrown by a send call. */
export function classifySendError(error: unknown): CallFailure {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown; retryable?: unknown };
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : name || 'UNKNOWN';
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (name === 'ThrottlingError' || code.startsWith('Throttling')) return { kind: 'throttled', code, message };
  if (name === 'SendOutcomeUnknownError') return { kind: 'unknown', code, message };
  // A TransportError on a send means the request never left (connect refused, DNS): the client
  // raises SendOutcomeUnknownError instead once bytes may have reached Aliyun.
  if (name === 'TransportError' || name === 'TimeoutError') return { kind: 'not-sent', code, message };
  if (FATAL_NAMES.has(name) || FATAL_CODES.has(code)) return { kind: 'fatal', code, message };
  if (name === 'AliyunApiError') {
    // isp.SYSTEM_ERROR, InternalError, ServiceUnavailable: Aliyun answered but may have queued the send.
    if (e.retryable === true) return { kind: 'unknown', code, message };
    return { kind: 'rejected', code, message };
  }
  return { kind: 'unknown', code, message };
}
