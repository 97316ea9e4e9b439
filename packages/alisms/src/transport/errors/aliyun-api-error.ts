import { AlismsError, type AlismsErrorOptions } from '../../core/errors.js';

/**
 * Aliyun answered and said no: a `Code` other than `OK` (dysmsapi business errors arrive as HTTP 200
 * and throw this too), or a gateway error such as `SignatureDoesNotMatch` with HTTP 4xx/5xx.
 * Switch on `code`; `retryable` says whether the same call may succeed later.
 */
export class AliyunApiError extends AlismsError {
  override name = 'AliyunApiError';
  /** Aliyun's own message, already stripped of the string-to-sign and of secrets. */
  readonly aliyunMessage: string;

  constructor(message: string, aliyunMessage: string, options: AlismsErrorOptions) {
    super(message, options);
    this.aliyunMessage = aliyunMessage;
  }
}

/** Matches `AliyunApiError` and its subclasses, also across copies of alisms (compares `name`). */
export function isAliyunApiError(value: unknown): value is AliyunApiError {
  return (
    value instanceof AliyunApiError ||
    (value instanceof Error && (value.name === 'AliyunApiError' || value.name === 'ThrottlingError'))
  );
}
