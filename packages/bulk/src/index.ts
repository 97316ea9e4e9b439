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
export { type DryRunReport, dryRun } from './dry-run.js';
export { FakeBulkPort, type FakeSent, fakeApiError } from './fake-port.js';
export { countRows, detectFormat, type InputFormat, type RawRow, readRows } from './input.js';
export {
  type BatchState,
  type JobFingerprint,
  Journal,
  type JournalContents,
  type JournalRecord,
  readJournal,
} from './journal.js';
export { JournalMismatchError } from './journal-mismatch-error.js';
export { normalizeBulkPhone } from './phone.js';
export { type BulkJobSpec, outIdFor, type PlanItem, planJob } from './plan.js';
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
export { renderMessage, templateVariables } from './template.js';
export { type Sleep, TokenBucket, type TokenBucketOptions } from './token-bucket.js';
export { type InvalidRow, PHONE_COLUMN, RowValidator, type ValidatorOptions, type ValidRow } from './validate.js';
