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

export class AlismsError extends Error {
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

/** Guard that also matches errors from another copy of alisms (it compares `name`, not the prototype). */
export function isAlismsError(value: unknown): value is AlismsError {
  return (
    value instanceof AlismsError ||
    (value instanceof Error &&
      typeof (value as { code?: unknown }).code === 'string' &&
      value.name.endsWith('Error') &&
      'retryable' in value)
  );
}
