import { AlismsError } from '../../core/errors.js';

/**
 * A send went out but no answer came back (read timeout, connection lost after the request was
 * written, or the call was aborted mid-flight): the message may or may not have been sent, so alisms
 * does not retry it. Reconcile with `querySendDetails` (or the delivery receipts) using `outId`.
 */
export class SendOutcomeUnknownError extends AlismsError {
  override name = 'SendOutcomeUnknownError';
  /** The OutId (TaskId for international sends) the request carried; generated when the caller gave none. */
  readonly outId: string | undefined;
  /** The Aliyun action, e.g. `SendSms`. */
  readonly action: string;

  constructor(action: string, outId: string | undefined, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : 'no answer';
    const reconcile = outId === undefined ? '' : `; reconcile using OutId ${outId}`;
    super(`${action}: outcome unknown, the message may have been sent (${reason}). Not retried${reconcile}`, {
      code: 'ALISMS_SEND_OUTCOME_UNKNOWN',
      retryable: false,
      cause,
    });
    this.action = action;
    this.outId = outId;
  }
}

/** True for a {@link SendOutcomeUnknownError}, also one from another copy of alisms (matched on `name`). */
export function isSendOutcomeUnknownError(value: unknown): value is SendOutcomeUnknownError {
  return (
    value instanceof SendOutcomeUnknownError || (value instanceof Error && value.name === 'SendOutcomeUnknownError')
  );
}
