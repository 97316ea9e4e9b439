/**
 * `@alisms/bulk` — send SMS to a CSV or JSON Lines file of recipients at a set QPS, with a crash-safe
 * journal (resume after a crash without sending any row twice) and a per-row results file.
 *
 * @example
 * ```ts
 * import { SmsClient } from 'alisms';
 * import { runBulkJob } from '@alisms/bulk';
 * const summary = await runBulkJob({ port: new SmsClient(), input: 'recipients.csv', signName: 'Acme',
 *   templateCode: 'SMS_123', qps: 50, resultsPath: 'results.csv' });
 * ```
 * @packageDocumentation
 */

export { backoffDelay } from './backoff.js';
export { type Batch, Batcher, SEND_BATCH_SMS_MAX, SEND_SMS_MAX } from './batcher.js';
export { aliyunSendDate, callBatch, type Reconciled, reconcileBatch } from './call.js';
export { type CallFailure, classifySendError } from './classify.js';
export { INPUT_ENCODINGS, type InputEncoding, parseEncoding } from './decode.js';
export { type DryRunReport, dryRun } from './dry-run.js';
export { DuplicateTracker } from './duplicates.js';
export { FakeBulkPort, type FakeSent, fakeApiError } from './fake-port.js';
export {
  countRows,
  detectFormat,
  type InputFormat,
  MAX_ROW_CHARS,
  type RawRow,
  type ReadOptions,
  readRows,
} from './input.js';
export { BulkInputError } from './input-error.js';
export {
  type BatchState,
  type JobFingerprint,
  Journal,
  type JournalContents,
  type JournalOpenOptions,
  type JournalRecord,
  partStateKey,
  readJournal,
} from './journal.js';
export { type JournalLock, lockJournal } from './journal-lock.js';
export { JournalLockedError, type JournalLockHolder } from './journal-locked-error.js';
export { JournalMismatchError } from './journal-mismatch-error.js';
export { DEFAULT_MAX_WAIT_MS, OutageTooLongError, OutageWait } from './outage.js';
export { normalizeBulkPhone } from './phone.js';
export { type BulkJobSpec, outIdFor, type PlanItem, planJob, preflight } from './plan.js';
export type { BulkSmsPort, QueryAnswer, SendAnswer, SendDetail } from './port.js';
export {
  createProgressDisplay,
  type ProgressDisplay,
  type ProgressDisplayOptions,
  progressLine,
} from './progress-display.js';
export { applyReceipts, type DeliveryReceipt } from './receipts.js';
export { RESULTS_HEADER, type ResultRow, type RowStatus, resultRowsOf, writeResultsFile } from './results.js';
export {
  type BulkProgress,
  type BulkRunOptions,
  type BulkRunSummary,
  fingerprintOf,
  runBulkJob,
  writeJobResults,
} from './runner.js';
export { maxInSlidingWindow } from './sliding-window.js';
export {
  halvesOf,
  isRowSpecific,
  type NumberLimitWindow,
  numberLimitRetryAt,
  numberLimitWindow,
  type PartRange,
  partBatch,
  partKey,
  partOutId,
} from './split.js';
export { renderMessage, templateVariables } from './template.js';
export { type Sleep, TokenBucket, type TokenBucketOptions } from './token-bucket.js';
export {
  DEFAULT_READ_TIMEOUT_MS,
  DEFAULT_UNKNOWN_DEADLINE_MS,
  type ResolveUnknownOptions,
  resolveUnknown,
} from './unknown-outcome.js';
export { type InvalidRow, PHONE_COLUMN, RowValidator, type ValidatorOptions, type ValidRow } from './validate.js';
