import { AlismsError } from '../../core/errors.js';

/** Longest piece of a non-JSON body kept on the error. */
export const BODY_START_LENGTH = 200;

/**
 * The answer was not Aliyun JSON, e.g. an HTML 502 page from a proxy or load balancer.
 * Carries the HTTP status and the start of the body instead of a bare `SyntaxError`.
 */
export class InvalidResponseError extends AlismsError {
  override name = 'InvalidResponseError';
  /** The first 200 characters of the body, redacted. */
  readonly bodyStart: string;

  constructor(httpStatus: number, bodyStart: string, retryable: boolean) {
    super(
      httpStatus === 0
        ? `The answer was not valid HTTP: ${bodyStart}`
        : `Expected a JSON answer, got HTTP ${httpStatus}: ${JSON.stringify(bodyStart)}`,
      {
        code: 'ALISMS_INVALID_RESPONSE',
        httpStatus,
        retryable,
      },
    );
    this.bodyStart = bodyStart;
  }
}

/** True for an {@link InvalidResponseError}, also one from another copy of alisms (matched on `name`). */
export function isInvalidResponseError(value: unknown): value is InvalidResponseError {
  return value instanceof InvalidResponseError || (value instanceof Error && value.name === 'InvalidResponseError');
}
