import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Clock, systemClock } from 'alisms';
import { backoffDelay, Slots } from './backoff.js';
import type { Batch } from './batcher.js';
import { callBatch, reconcileBatch } from './call.js';
import { classifySendError } from './classify.js';
import { detectFormat } from './input.js';
import { type BatchState, type JobFingerprint, Journal, readJournal } from './journal.js';
import { type BulkJobSpec, outIdFor, planJob } from './plan.js';
import type { BulkSmsPort } from './port.js';
import { type ResultRow, resultRowsOf, writeResultsFile } from './results.js';
import { realSleep, type Sleep, TokenBucket } from './token-bucket.js';
import type { InvalidRow } from './validate.js';

/** Options of {@link runBulkJob}: the job, the client to send with, the rate, and where the journal and results go. */
export interface BulkRunOptions extends BulkJobSpec {
  /** The SMS client (an `SmsClient`) or anything shaped like {@link BulkSmsPort}. */
  port: BulkSmsPort;
  /** @default `<input>.journal` */
  journalPath?: string | undefined;
  /** Where to write the per-row results CSV; nothing is written when omitted. */
  resultsPath?: string | undefined;
  /** API calls per second (sends and reconciling queries). @default 50 */
  qps?: number | undefined;
  /** Calls in flight at once. @default 8 */
  concurrency?: number | undefined;
  /** Attempts for a batch whose call provably or possibly did not go through. @default 5 */
  maxAttempts?: number | undefined;
  /** Wait before looking up a call whose outcome is unknown, so a slow send has landed. @default 2000 ms */
  reconcileDelayMs?: number | undefined;
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
  /** Stops taking new batches; calls in flight finish and the journal is closed. */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: BulkProgress) => void) | undefined;
  /** Called for each invalid row (row number, number as given, reason); such rows are never sent. */
  onInvalid?: ((row: InvalidRow) => void) | undefined;
}

/** Counters reported while a job runs. Rows done = submitted + failed + invalid. */
export interface BulkProgress {
  jobId: string;
  submitted: number;
  failed: number;
  invalid: number;
  /** Rows found already done in the journal (counted in submitted/failed too). */
  resumed: number;
  calls: number;
  throttled: number;
  reconciled: number;
}

/** What {@link runBulkJob} returns when it finishes or stops: counts per status and why it stopped. */
export interface BulkRunSummary extends BulkProgress {
  rows: number;
  /** Rows not sent because the job stopped early. */
  pending: number;
  outcome: 'done' | 'stopped' | 'fatal';
  /** Why the job stopped, for `fatal`. */
  error?: { code: string; message: string } | undefined;
  /** The sending phase: from the start until the last call answered (the results file not included). */
  elapsedMs: number;
  /** Time spent writing the results file. */
  resultsMs: number;
}

/** The fingerprint a journal is checked against on resume. */
export async function fingerprintOf(spec: BulkJobSpec): Promise<JobFingerprint> {
  return {
    input: basename(spec.input),
    size: (await stat(spec.input)).size,
    format: spec.format ?? detectFormat(spec.input),
    sign: spec.signName,
    template: spec.templateCode,
    text: spec.templateText,
  };
}

/**
 * Runs (or resumes) a bulk job in this process: streams the input, sends each batch at most once,
 * and records every call in the journal. See docs/bulk.md for the guarantees.
 *
 * @example
 * ```ts
 * import { SmsClient } from 'alisms';
 * import { runBulkJob } from '@alisms/bulk';
 * const summary = await runBulkJob({
 *   port: new SmsClient(),
 *   input: 'recipients.csv', // a `phone` column, plus one column per template variable
 *   signName: 'Acme',
 *   templateCode: 'SMS_123456789',
 *   qps: 50,
 *   resultsPath: 'results.csv',
 * });
 * console.log(summary.outcome, summary.submitted, summary.failed);
 * ```
 */
export async function runBulkJob(options: BulkRunOptions): Promise<BulkRunSummary> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const started = clock.now();
  const maxAttempts = options.maxAttempts ?? 5;
  const journal = await Journal.open(options.journalPath ?? `${options.input}.journal`, await fingerprintOf(options));
  const bucket = new TokenBucket({ rate: options.qps ?? 50, clock, sleep });
  const slots = new Slots(options.concurrency ?? 8);
  const job = { signName: options.signName, templateCode: options.templateCode };
  const progress: BulkProgress = {
    jobId: journal.jobId,
    submitted: 0,
    failed: 0,
    invalid: 0,
    resumed: 0,
    calls: 0,
    throttled: 0,
    reconciled: 0,
  };
  const report = () => options.onProgress?.({ ...progress });
  let fatal: { code: string; message: string } | undefined;
  let throttleStreak = 0;
  let rows = 0;

  const settle = (batch: Batch, state: BatchState) => {
    if (state.s === 'ok') progress.submitted += batch.rows.length;
    else if (state.s === 'fail') progress.failed += batch.rows.length;
    report();
  };

  const reconcile = async (batch: Batch, outId: string, at: number) => {
    let lastError: unknown;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      try {
        const result = await reconcileBatch(options.port, batch, outId, at, async () => {
          await bucket.take();
          progress.calls += 1;
        });
        progress.reconciled += 1;
        return result;
      } catch (error) {
        lastError = error;
        await sleep(backoffDelay(attempt));
      }
    }
    const failure = classifySendError(lastError);
    throw Object.assign(new Error(failure.message), { code: failure.code });
  };

  const processBatch = async (batch: Batch, prior: BatchState | undefined): Promise<void> => {
    const outId = outIdFor(journal.jobId, batch.seq);
    if (prior?.s === 'sending') {
      // A call sent just before a crash may still be landing: give it the same grace as a lost answer.
      const grace = prior.at + (options.reconcileDelayMs ?? 2000) - clock.now();
      if (grace > 0) await sleep(grace);
      const found = await reconcile(batch, outId, prior.at);
      if (found.found) {
        journal.append({ t: 'ok', b: batch.seq, biz: found.bizId, reconciled: true });
        return settle(batch, { s: 'ok', biz: found.bizId });
      }
      journal.append({ t: 'unsent', b: batch.seq });
    }
    for (let attempt = 1; ; ) {
      if (fatal || options.signal?.aborted) return;
      await bucket.take();
      if (fatal || options.signal?.aborted) return;
      const at = clock.now();
      await journal.appendDurable({ t: 'send', b: batch.seq, at });
      progress.calls += 1;
      try {
        const answer = await callBatch(options.port, batch, { ...job, outId });
        journal.append({ t: 'ok', b: batch.seq, biz: answer.bizId });
        throttleStreak = 0;
        bucket.recover();
        return settle(batch, { s: 'ok', biz: answer.bizId });
      } catch (error) {
        const failure = classifySendError(error);
        if (failure.kind === 'throttled') {
          journal.append({ t: 'unsent', b: batch.seq });
          progress.throttled += 1;
          bucket.slowDown();
          bucket.pause(backoffDelay(throttleStreak++));
          continue;
        }
        if (failure.kind === 'rejected') {
          journal.append({ t: 'fail', b: batch.seq, code: failure.code, msg: failure.message });
          return settle(batch, { s: 'fail', code: failure.code, msg: failure.message });
        }
        if (failure.kind === 'fatal') {
          journal.append({ t: 'unsent', b: batch.seq });
          fatal ??= { code: failure.code, message: failure.message };
          return;
        }
        if (failure.kind === 'unknown') {
          await sleep(options.reconcileDelayMs ?? 2000);
          const found = await reconcile(batch, outId, at);
          if (found.found) {
            journal.append({ t: 'ok', b: batch.seq, biz: found.bizId, reconciled: true });
            return settle(batch, { s: 'ok', biz: found.bizId });
          }
        }
        journal.append({ t: 'unsent', b: batch.seq });
        if (attempt >= maxAttempts) {
          // Calls that keep not going through (endpoint down, network) say nothing about the rows:
          // stop the job, unsent, so a later run resumes instead of failing every row.
          fatal ??= { code: failure.code, message: `${failure.message} (after ${attempt} attempts)` };
          return;
        }
        await sleep(backoffDelay(attempt++));
      }
    }
  };

  const inFlight = new Set<Promise<void>>();
  try {
    for await (const item of planJob(options)) {
      if (item.kind === 'invalid') {
        rows += 1;
        progress.invalid += 1;
        options.onInvalid?.(item.invalid);
        continue;
      }
      const batch = item.batch;
      rows += batch.rows.length;
      const prior = journal.states.get(batch.seq);
      if (prior?.s === 'ok' || prior?.s === 'fail') {
        progress.resumed += batch.rows.length;
        settle(batch, prior);
        continue;
      }
      if (fatal || options.signal?.aborted) continue;
      await slots.acquire();
      const task = processBatch(batch, prior)
        .catch((error: unknown) => {
          // A lookup that keeps failing leaves the batch `sending` in the journal: the next run retries it.
          const failure = classifySendError(error);
          fatal ??= { code: failure.code, message: `could not reconcile a batch: ${failure.message}` };
        })
        .finally(() => {
          slots.release();
          inFlight.delete(task);
        });
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  } finally {
    await Promise.allSettled(inFlight);
    await journal.close();
  }

  const sent = clock.now();
  if (options.resultsPath) await writeJobResults(options, options.resultsPath);
  const pending = rows - progress.submitted - progress.failed - progress.invalid;
  return {
    ...progress,
    rows,
    pending,
    outcome: fatal ? 'fatal' : pending > 0 ? 'stopped' : 'done',
    error: fatal,
    elapsedMs: sent - started,
    resultsMs: clock.now() - sent,
  };
}

/** Rebuilds the results file of a job from its input and journal (keeping delivery outcomes already applied). */
export async function writeJobResults(
  spec: BulkJobSpec & { journalPath?: string | undefined },
  resultsPath: string,
): Promise<number> {
  const contents = await readJournal(spec.journalPath ?? `${spec.input}.journal`);
  const states = contents?.states ?? new Map<number, BatchState>();
  const jobId = contents?.jobId ?? '';
  async function* rowsOf(): AsyncGenerator<ResultRow> {
    for await (const item of planJob(spec)) yield* resultRowsOf(item, jobId, (seq) => states.get(seq));
  }
  return writeResultsFile(resultsPath, rowsOf());
}
