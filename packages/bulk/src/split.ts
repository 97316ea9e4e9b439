import { classifyAliyunCode } from 'alisms';
import type { Batch } from './batcher.js';
import type { CallFailure } from './classify.js';

/**
 * A batch rejected for a reason that belongs to one of its rows (a bad number, a value too long, one
 * number over its per-number flow control) is split in halves, each sent as its own call, until the
 * culprit is alone: it fails with the reason, the other rows go through. A part is rows
 * `[start, end)` of its batch; its key and OutId derive from the range, so a resumed run rebuilds
 * the same parts and finds their journaled calls.
 */
export interface PartRange {
  start: number;
  end: number;
}

/** `start-end`: the part's key in the journal and the queue's Redis hashes. */
export function partKey(range: PartRange): string {
  return `${range.start}-${range.end}`;
}

/** The two halves of a part of two or more rows. */
export function halvesOf(range: PartRange): [PartRange, PartRange] {
  const mid = range.start + Math.ceil((range.end - range.start) / 2);
  return [
    { start: range.start, end: mid },
    { start: mid, end: range.end },
  ];
}

/** The rows of `range` as a batch of their own (same seq and action: a part of a uniform batch is uniform). */
export function partBatch(batch: Batch, range: PartRange): Batch {
  return { seq: batch.seq, action: batch.action, rows: batch.rows.slice(range.start, range.end) };
}

/** The OutId of a part's call: the batch's OutId and the range, so each call is looked up by its own. */
export function partOutId(batchOutId: string, range: PartRange): string {
  return `${batchOutId}.${partKey(range)}`;
}

// Request codes that one row's values cause (the rest of the call is fine); other request codes
// (too many numbers, a malformed call) would fail every part the same way and are not split.
const ROW_REQUEST_CODES = new Set([
  'isv.PARAM_LENGTH_LIMIT',
  'PARAM_LENGTH_LIMIT',
  'isv.TEMPLATE_PARAMS_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'CONTENT_MISSING_PARAMETERS',
  'isv.PARAM_NOT_SUPPORT_URL',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'BLACK_KEY_CONTROL_LIMIT',
  'isv.SMS_CONTENT_ILLEGAL',
  'SMS_CONTENT_ILLEGAL',
  'SMS_SECURITY_INTERCEPTED',
]);

/** Whether a rejection can belong to one row (a recipient refused, per-number flow control, one row's values). */
export function isRowSpecific(failure: CallFailure): boolean {
  if (failure.kind !== 'rejected') return false;
  const codeClass = classifyAliyunCode(failure.code);
  return codeClass === 'recipient' || codeClass === 'number-limit' || ROW_REQUEST_CODES.has(failure.code);
}

/** Aliyun's per-number windows: natural minute and hour (UTC+8, whole-hour offset), rolling day. */
export type NumberLimitWindow = 'minute' | 'hour' | 'day';

/**
 * The window a per-number flow-control rejection names (`触发分钟级流控Permits:1`, `小时级`, `天级`),
 * or undefined when the failure is not per-number flow control. An unnamed window is taken as the day.
 */
export function numberLimitWindow(failure: CallFailure): NumberLimitWindow | undefined {
  if (failure.kind !== 'rejected' || classifyAliyunCode(failure.code) !== 'number-limit') return undefined;
  if (failure.message.includes('分钟级')) return 'minute';
  if (failure.message.includes('小时级')) return 'hour';
  return 'day';
}

/**
 * When a number refused in a minute or hour window may be tried again: the start of the next natural
 * window (UTC+8 is a whole number of hours ahead, so its minutes and hours start with UTC's), plus a
 * second for clocks that disagree. A day window is rolling 24 h from sends this job cannot see: undefined.
 */
export function numberLimitRetryAt(window: NumberLimitWindow, now: number): number | undefined {
  const size = window === 'minute' ? 60_000 : window === 'hour' ? 3_600_000 : undefined;
  if (size === undefined) return undefined;
  return now - (now % size) + size + 1000;
}
