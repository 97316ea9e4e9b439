import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { type Clock, systemClock } from 'alisms';
import { backoffDelay, Slots } from './backoff.js';
import type { Batch } from './batcher.js';
import { callBatch, reconcileBatch } from './call.js';
import { classifySendError } from './classify.js';
import { bomEncoding, headOf } from './decode.js';
import { DuplicateTracker } from './duplicates.js';
import { detectFormat } from './input.js';
import { type BatchState, type JobFingerprint, Journal, partStateKey, readJournal } from './journal.js';
import { DEFAULT_MAX_WAIT_MS, OutageTooLongError, OutageWait } from './outage.js';
import { type BulkJobSpec, outIdFor, planJob, preflight } from './plan.js';
import type { BulkSmsPort } from './port.js';
import { type ResultRow, resultRowsOf, writeResultsFile } from './results.js';
import { SlotHold } from './slots.js';
import {
  halvesOf,
  isRowSpecific,
  numberLimitRetryAt,
  numberLimitWindow,
  type PartRange,
  partBatch,
  partKey,
  partOutId,
} from './split.js';
import { realSleep, type Sleep, TokenBucket } from './token-bucket.js';
import { DEFAULT_UNKNOWN_DEADLINE_MS, resolveUnknown } from './unknown-outcome.js';
import type { InvalidRow } from './validate.js';

/** One call's rows: a whole batch, or a part of a split one (journaled under `p`, with its own OutId). */
interface Unit {
  batch: Batch;
  part: string | undefined;
  outId: string;
}

/** A `send` stamp older than this when the call finally goes is renewed (see processBatch). */
const RESTAMP_AFTER_MS = 1000;

/** Options of {@link runBulkJob}: the job, the client to send with, the rate, and where the journal and results go. */
export interface BulkRunOptions extends BulkJobSpec {
  /** The SMS client (an `SmsClient`) or anything shaped like {@link BulkSmsPort}. */
  port: BulkSmsPort;
  /** @default `<input>.journal` */
  journalPath?: string | undefined;
  /** Where to write the per-row results CSV; nothing is written when omitted. */
  resultsPath?: string | undefined;
  /**
   * API calls per second, counting every call: sends, retries and reconciling queries. No sliding
   * second holds more than 110% of it. @default 50
   */
  qps?: number | undefined;
  /** Calls in flight at once. @default 8 */
  concurrency?: number | undefined;
  /**
   * How long after a call started a call whose answer was lost may still be accepted by Aliyun: it is
   * looked up until then and never resent before. @default 70000 ms (the read timeout + 60 s)
   */
  unknownDeadlineMs?: number | undefined;
  /**
   * Resend batches still unseen at their deadline (reported `unknown` otherwise). Only for a user who
   * accepts that a message may arrive twice. @default false
   */
  resendUnknown?: boolean | undefined;
  /** How long calls that keep not going through (outage, network) are retried before the job stops. @default 600000 ms */
  maxWaitMs?: number | undefined;
  /** Start a new job even if the journal belongs to a different input or options. @default false */
  restart?: boolean | undefined;
  clock?: Clock | undefined;
  sleep?: Sleep | undefined;
  /** Stops taking new batches; calls in flight finish and the journal is closed. */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: BulkProgress) => void) | undefined;
  /** Called for each invalid row (row number, number as given, reason); such rows are never sent. */
  onInvalid?: ((row: InvalidRow) => void) | undefined;
}

/** Counters reported while a job runs. Rows done = submitted + failed + invalid + unknown + duplicate. */
export interface BulkProgress {
  jobId: string;
  submitted: number;
  failed: number;
  invalid: number;
  /** Rows of calls whose outcome stayed unknown past the deadline: not resent (see `resendUnknown`). */
  unknown: number;
  /** Exact repeats of an earlier row (same number and parameters): not sent again. */
  duplicate: number;
  /** Rows found already done in the journal (counted in submitted/failed/unknown too). */
  resumed: number;
  calls: number;
  throttled: number;
  reconciled: number;
  /** Calls refused by per-number flow control (a minute or hour window) and tried again when it turned. */
  spaced: number;
  /** Set while calls keep failing and the job waits (why, and when it tries again). */
  waiting?: string | undefined;
}

/** What {@link runBulkJob} returns when it finishes or stops: counts per status and why it stopped. */
export interface BulkRunSummary extends BulkProgress {
  rows: number;
  /** Rows not sent because the job stopped early. */
  pending: number;
  /** Numbers that appear with different parameters (each such row is sent; flagged for review). */
  samePhoneDifferentParams: number;
  outcome: 'done' | 'stopped' | 'fatal';
  /** Why the job stopped, for `fatal`. */
  error?: { code: string; message: string } | undefined;
  /** The sending phase: from the start until the last call answered (the results file not included). */
  elapsedMs: number;
  /** Time spent writing the results file. */
  resultsMs: number;
}

/** The fingerprint a journal is checked against on resume: options plus a streamed hash of the input. */
export async function fingerprintOf(spec: BulkJobSpec): Promise<JobFingerprint> {
  const format = spec.format ?? detectFormat(spec.input);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(spec.input) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return {
    input: basename(spec.input),
    size,
    sha256: hash.digest('hex'),
    format,
    // The encoding the rows are decoded with: resuming under another one would send other text.
    encoding: format === 'xlsx' ? undefined : (spec.encoding ?? bomEncoding(await headOf(spec.input)) ?? 'utf-8'),
    sheet: spec.sheet,
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
 * if (summary.unknown > 0) console.log('some calls could not be confirmed; see results.csv');
 * ```
 */
export async function runBulkJob(options: BulkRunOptions): Promise<BulkRunSummary> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const started = clock.now();
  const deadlineMs = options.unknownDeadlineMs ?? DEFAULT_UNKNOWN_DEADLINE_MS;
  // Nothing is journaled for an input that cannot be sent (empty, binary, not UTF-8).
  options = { ...options, encoding: await preflight(options) };
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const journal = await Journal.open(options.journalPath ?? `${options.input}.journal`, await fingerprintOf(options), {
    restart: options.restart,
  });
  const bucket = new TokenBucket({ rate: options.qps ?? 50, clock, sleep });
  const slots = new Slots(options.concurrency ?? 8);
  const job = { signName: options.signName, templateCode: options.templateCode };
  const progress: BulkProgress = {
    jobId: journal.jobId,
    submitted: 0,
    failed: 0,
    invalid: 0,
    unknown: 0,
    duplicate: 0,
    resumed: 0,
    calls: 0,
    throttled: 0,
    reconciled: 0,
    spaced: 0,
  };
  const report = () => options.onProgress?.({ ...progress });
  const onWait = (reason: string | undefined) => {
    progress.waiting = reason;
    report();
  };
  let fatal: { code: string; message: string } | undefined;
  let throttleStreak = 0;
  let rows = 0;
  let samePhoneDifferentParams = 0;

  const settle = (batch: Batch, state: BatchState) => {
    if (state.s === 'ok') progress.submitted += batch.rows.length;
    else if (state.s === 'fail') progress.failed += batch.rows.length;
    else if (state.s === 'unknown') progress.unknown += batch.rows.length;
    report();
  };
  const settleOk = (unit: Unit, bizId: string | undefined) => {
    journal.append({ t: 'ok', b: unit.batch.seq, p: unit.part, biz: bizId, reconciled: true });
    settle(unit.batch, { s: 'ok', biz: bizId });
  };

  /** Looks a call up until seen or its deadline (from when it started) has passed unseen. */
  const reconcile = (unit: Unit, startedAt: number) => {
    const outage = new OutageWait(maxWaitMs, clock, sleep, onWait);
    return resolveUnknown({
      startedAt,
      deadlineMs,
      clock,
      sleep,
      lookup: async () => {
        const found = await reconcileBatch(options.port, unit.batch, unit.outId, startedAt, async () => {
          await bucket.take();
          progress.calls += 1;
        });
        outage.reset();
        progress.reconciled += 1;
        return found;
      },
      onLookupError: (error) => outage.wait(classifySendError(error)),
    });
  };

  /** Resolves a call that may have been accepted; true when it is settled (seen, or left unknown). */
  const resolveUnit = async (unit: Unit, startedAt: number): Promise<boolean> => {
    const found = await reconcile(unit, startedAt);
    if (found.found) {
      settleOk(unit, found.bizId);
      return true;
    }
    journal.append({ t: 'unknown', b: unit.batch.seq, p: unit.part, at: startedAt });
    if (options.resendUnknown) return false;
    settle(unit.batch, { s: 'unknown', at: startedAt });
    return true;
  };

  /** Sends one call (a batch, or a part of a split one) at most once; `'split'` when a row of it was refused. */
  const sendUnit = async (unit: Unit, prior: BatchState | undefined, slot: SlotHold): Promise<'split' | undefined> => {
    const { batch, part, outId } = unit;
    const b = batch.seq;
    if (prior?.s === 'sending' || prior?.s === 'unknown') {
      // Waiting on a lookup holds no call slot: other batches keep going meanwhile.
      slot.release();
      if (await resolveUnit(unit, prior.at)) return;
      await slot.acquire();
    }
    const outage = new OutageWait(maxWaitMs, clock, sleep, onWait);
    // When per-number flow control first refused this (one-number) call: it is spaced up to --max-wait.
    let limitedSince: number | undefined;
    for (;;) {
      if (fatal || options.signal?.aborted) return;
      let at = clock.now();
      await journal.appendDurable({ t: 'send', b, p: part, at });
      // The rate token is taken last, right before the call: taken before the fsync, calls granted
      // apart would leave together when one group fsync completes, bunching the rate.
      await bucket.take();
      if (clock.now() - at > RESTAMP_AFTER_MS) {
        // A long wait (throttling pause) between the stamp and the call: re-stamp so the unknown-
        // outcome deadline is counted from when the call really starts. Not awaited (no await may
        // sit between the token and the call); if a crash loses this line, the deadline counts
        // from the earlier stamp, at most one pause (30 s) early, still well past the read timeout.
        at = clock.now();
        journal.append({ t: 'send', b, p: part, at });
      }
      if (fatal || options.signal?.aborted) {
        journal.append({ t: 'unsent', b, p: part });
        return;
      }
      progress.calls += 1;
      try {
        const answer = await callBatch(options.port, batch, { ...job, outId });
        journal.append({ t: 'ok', b, p: part, biz: answer.bizId });
        throttleStreak = 0;
        bucket.recover();
        outage.reset();
        settle(batch, { s: 'ok', biz: answer.bizId });
        return;
      } catch (error) {
        const failure = classifySendError(error);
        if (failure.kind === 'throttled') {
          journal.append({ t: 'unsent', b, p: part });
          progress.throttled += 1;
          bucket.slowDown();
          bucket.pause(backoffDelay(throttleStreak++));
          continue;
        }
        if (failure.kind === 'rejected') {
          // A refusal of the whole call for one row's sake: nothing was sent; its halves go on their own.
          if (batch.rows.length > 1 && isRowSpecific(failure)) {
            journal.append({ t: 'split', b, p: part });
            return 'split';
          }
          // One number over a minute or hour window: tried again when the window turns, not failed.
          const window = numberLimitWindow(failure);
          const retryAt = window === undefined ? undefined : numberLimitRetryAt(window, clock.now());
          limitedSince ??= clock.now();
          if (retryAt !== undefined && retryAt - limitedSince <= maxWaitMs) {
            journal.append({ t: 'unsent', b, p: part });
            progress.spaced += 1;
            slot.release();
            await sleep(retryAt - clock.now());
            await slot.acquire();
            continue;
          }
          journal.append({ t: 'fail', b, p: part, code: failure.code, msg: failure.message });
          settle(batch, { s: 'fail', code: failure.code, msg: failure.message });
          return;
        }
        if (failure.kind === 'fatal') {
          journal.append({ t: 'unsent', b, p: part });
          fatal ??= { code: failure.code, message: failure.message };
          return;
        }
        if (failure.kind === 'unknown') {
          // Never resent while it may still be accepted: look it up until seen or past its deadline.
          slot.release();
          if (await resolveUnit(unit, at)) return;
          await slot.acquire();
          continue;
        }
        journal.append({ t: 'unsent', b, p: part });
        // Nothing reached Aliyun (connection refused, DNS): wait the outage out, up to --max-wait.
        await outage.wait(failure);
      }
    }
  };

  /**
   * Sends a batch, or the part `range` of a split one: settles it from the journal when it is done,
   * else sends it, and when a row of it was refused sends its halves, one after the other.
   */
  const runUnit = async (whole: Batch, range: PartRange | undefined, slot: SlotHold): Promise<void> => {
    const part = range === undefined ? undefined : partKey(range);
    const batchOutId = outIdFor(journal.jobId, whole.seq);
    const unit: Unit = {
      batch: range === undefined ? whole : partBatch(whole, range),
      part,
      outId: range === undefined ? batchOutId : partOutId(batchOutId, range),
    };
    const prior = part === undefined ? journal.states.get(whole.seq) : journal.parts.get(partStateKey(whole.seq, part));
    if (prior?.s === 'ok' || prior?.s === 'fail' || (prior?.s === 'unknown' && !options.resendUnknown)) {
      progress.resumed += unit.batch.rows.length;
      settle(unit.batch, prior);
      return;
    }
    if (prior?.s !== 'split' && (await sendUnit(unit, prior, slot)) !== 'split') return;
    for (const half of halvesOf(range ?? { start: 0, end: whole.rows.length })) {
      if (fatal || options.signal?.aborted) return;
      await runUnit(whole, half, slot);
    }
  };

  const inFlight = new Set<Promise<void>>();
  // One duplicate table for sending and for the results file (see planJob).
  const duplicates = new DuplicateTracker();
  try {
    for await (const item of planJob(options, duplicates)) {
      if (item.kind === 'invalid') {
        rows += 1;
        progress.invalid += 1;
        options.onInvalid?.(item.invalid);
        continue;
      }
      if (item.kind === 'duplicate') {
        rows += 1;
        progress.duplicate += 1;
        continue;
      }
      if (item.kind === 'conflict') {
        samePhoneDifferentParams += 1;
        continue;
      }
      const batch = item.batch;
      rows += batch.rows.length;
      const prior = journal.states.get(batch.seq);
      if (prior?.s === 'ok' || prior?.s === 'fail' || (prior?.s === 'unknown' && !options.resendUnknown)) {
        // Done in an earlier run (a split batch is settled part by part, in runUnit).
        progress.resumed += batch.rows.length;
        settle(batch, prior);
        continue;
      }
      if (fatal || options.signal?.aborted) continue;
      const slot = new SlotHold(slots);
      await slot.acquire();
      const task = runUnit(batch, undefined, slot)
        .catch((error: unknown) => {
          // An outage past --max-wait (or a lookup that keeps failing) leaves the batch unsent or
          // `sending` in the journal: the next run resumes it.
          const failure = error instanceof OutageTooLongError ? error.failure : classifySendError(error);
          const message = error instanceof OutageTooLongError ? error.message : failure.message;
          fatal ??= { code: failure.code, message };
        })
        .finally(() => {
          slot.release();
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
  if (options.resultsPath) await writeJobResults(options, options.resultsPath, duplicates);
  const done = progress.submitted + progress.failed + progress.invalid + progress.unknown + progress.duplicate;
  const pending = rows - done;
  return {
    ...progress,
    waiting: undefined,
    rows,
    pending,
    samePhoneDifferentParams,
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
  /** A duplicate table to reuse (the one the job was planned with), see {@link planJob}. */
  duplicates?: DuplicateTracker,
): Promise<number> {
  const contents = await readJournal(spec.journalPath ?? `${spec.input}.journal`);
  const states = contents?.states ?? new Map<number, BatchState>();
  const parts = contents?.parts ?? new Map<string, BatchState>();
  const jobId = contents?.jobId ?? '';
  async function* rowsOf(): AsyncGenerator<ResultRow> {
    for await (const item of planJob(spec, duplicates))
      yield* resultRowsOf(
        item,
        jobId,
        (seq) => states.get(seq),
        (seq, part) => parts.get(partStateKey(seq, part)),
      );
  }
  return writeResultsFile(resultsPath, rowsOf());
}
