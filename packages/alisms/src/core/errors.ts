/**
 * The one error base class of alisms. Every error the toolkit throws is an `AlismsError`
 * (or a subclass), so callers can switch on `code` or `name` without string matching.
 */
export interface AlismsErrorOptions {
  /** Aliyun `Code` or an alisms code such as `ALISMS_INVALID_ARGUMENT`. */
  code: string;
  /** The `RequestId` Aliyun returned, when a response was received. */
  requestId?: string | undefined;
  /** HTTP status of the response, when there was one. */
  httpStatus?: number | undefined;
  /** Parsed response body (already redacted of secrets by the transport). */
  body?: unknown;
  /** Aliyun's `Recommend` link, when present. */
  recommend?: string | undefined;
  /** Whether retrying the same call may succeed. */
  retryable?: boolean;
  cause?: unknown;
}

/**
 * Marks alisms errors on the prototype. `Symbol.for` is shared by every copy of alisms in a process,
 * so the mark survives where `instanceof` does not (see {@link AlismsError}).
 */
const ALISMS_ERROR = Symbol.for('alisms.AlismsError');

/**
 * The base class of every alisms error: switch on `code` (Aliyun's `Code` or an `ALISMS_*` code) or
 * `name` (the class), and read `retryable` before trying again.
 *
 * **Use the `is*` guards, not `instanceof`, across entries.** The SDK entry `alisms` is one bundled
 * file, while `alisms/otp`, `/server`, `/emulator`, `/bulk` and `/queue` run their own copy of the same
 * classes; an application may also hold two installed versions. An error made by one copy is not an
 * `instanceof` the other copy's class, but the guards (`isAlismsError`, `isAliyunApiError`,
 * `isThrottlingError`, `isTransportError`, ...) recognise it from any copy: they match on `name`.
 *
 * @example
 * import { isAliyunApiError, isThrottlingError } from 'alisms';
 * try {
 *   await sms.sendSms(request);
 * } catch (error) {
 *   if (isThrottlingError(error)) retryLater(error.retryAfterMs);
 *   else if (isAliyunApiError(error)) console.error(error.code, error.requestId);
 *   else throw error;
 * }
 */
export class AlismsError extends Error {
  static {
    Object.defineProperty(AlismsError.prototype, ALISMS_ERROR, { value: true });
  }
  override name = 'AlismsError';
  readonly code: string;
  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;
  readonly body: unknown;
  readonly recommend: string | undefined;
  readonly retryable: boolean;

  constructor(message: string, options: AlismsErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.requestId = options.requestId;
    this.httpStatus = options.httpStatus;
    this.body = options.body;
    this.recommend = options.recommend;
    this.retryable = options.retryable ?? false;
  }
}

/**
 * Whether `value` is an alisms error (any subclass), also from another copy of alisms: the bundled
 * `alisms` entry versus the subpath entries, or two installed versions. It checks the shared mark, then
 * the shape (a `code`, a `retryable`, a name ending in `Error`), never the prototype alone.
 */
export function isAlismsError(value: unknown): value is AlismsError {
  return (
    value instanceof AlismsError ||
    (value instanceof Error &&
      ((value as { [ALISMS_ERROR]?: unknown })[ALISMS_ERROR] === true ||
        (typeof (value as { code?: unknown }).code === 'string' &&
          value.name.endsWith('Error') &&
          'retryable' in value)))
  );
}
