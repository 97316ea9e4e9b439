import { classifyAliyunCode } from 'alisms';

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

// Names of errors raised before any call (no credentials, a bad argument): every row would fail the same way.
const FATAL_NAMES = new Set(['CredentialsNotFoundError', 'InvalidArgumentError']);

/** Classifies an error thrown by a send call. */
export function classifySendError(error: unknown): CallFailure {
  const e = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown; retryable?: unknown };
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : name || 'UNKNOWN';
  const message = typeof e.message === 'string' ? e.message : String(error);
  // The SDK's one table of Aliyun codes decides what a code means; this only maps its classes to bulk's.
  const codeClass = classifyAliyunCode(code);
  if (name === 'ThrottlingError' || codeClass === 'throttling') return { kind: 'throttled', code, message };
  if (name === 'SendOutcomeUnknownError') return { kind: 'unknown', code, message };
  // A TransportError on a send means the request never left (connect refused, DNS): the client
  // raises SendOutcomeUnknownError instead once bytes may have reached Aliyun.
  if (name === 'TransportError' || name === 'TimeoutError') return { kind: 'not-sent', code, message };
  // Account- or job-wide refusals (credentials, balance, sign, template, the account's daily cap): failing
  // each row for them would turn a fixable setup problem into a million failed rows, so the job stops
  // with the batch still unsent and can be resumed.
  if (FATAL_NAMES.has(name) || codeClass === 'setup' || codeClass === 'account-limit')
    return { kind: 'fatal', code, message };
  if (name === 'AliyunApiError') {
    // isp.SYSTEM_ERROR, InternalError, ServiceUnavailable: Aliyun answered but may have queued the send.
    if (codeClass === 'server' || e.retryable === true) return { kind: 'unknown', code, message };
    return { kind: 'rejected', code, message };
  }
  return { kind: 'unknown', code, message };
}
