import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { csvLine, parseCsvLine } from './csv-line.js';
import type { BatchState } from './journal.js';
import { outIdFor, type PlanItem } from './plan.js';
import { halvesOf, type PartRange, partKey, partOutId } from './split.js';

/** Row statuses in the results file. `pending`: not sent yet (the job stopped before this row). */
/**
 * Row statuses in the results file. `pending`: not sent yet (the job stopped before this row).
 * `unknown`: its call's answer was lost and Aliyun never listed it by the deadline; not resent unless
 * `--resend-unknown`. `duplicate`: the same number and parameters as an earlier row; sent once, there.
 */
export type RowStatus =
  | 'submitted'
  | 'failed'
  | 'invalid'
  | 'delivered'
  | 'undelivered'
  | 'pending'
  | 'unknown'
  | 'duplicate';

/** The columns of the results file, in order. */
export const RESULTS_HEADER = ['row', 'phone', 'status', 'biz_id', 'out_id', 'error_code', 'message'] as const;

/** One row of the results file: the input row number, the masked phone, its status and Aliyun's answer. */
export interface ResultRow {
  row: number;
  phone: string;
  status: RowStatus;
  bizId?: string | undefined;
  outId?: string | undefined;
  errorCode?: string | undefined;
  message?: string | undefined;
}

/** Result rows of one plan item, given the batch outcomes. */
export function* resultRowsOf(
  item: PlanItem,
  jobId: string,
  stateOf: (seq: number) => BatchState | undefined,
  partOf: (seq: number, part: string) => BatchState | undefined = () => undefined,
): Generator<ResultRow> {
  if (item.kind === 'invalid') {
    const { row, phone, reason } = item.invalid;
    yield { row, phone, status: 'invalid', message: reason };
    return;
  }
  if (item.kind === 'duplicate') {
    yield {
      row: item.row,
      phone: item.phone,
      status: 'duplicate',
      message: 'same number and parameters as an earlier row',
    };
    return;
  }
  if (item.kind === 'conflict') return;
  const batchOutId = outIdFor(jobId, item.batch.seq);
  const seq = item.batch.seq;
  for (const [i, r] of item.batch.rows.entries()) {
    // A split batch's row takes the outcome of the smallest part that holds it and was not split again.
    let state = stateOf(seq);
    let outId = batchOutId;
    let range: PartRange = { start: 0, end: item.batch.rows.length };
    while (state?.s === 'split') {
      const [left, right] = halvesOf(range);
      range = i < left.end ? left : right;
      state = partOf(seq, partKey(range));
      outId = partOutId(batchOutId, range);
    }
    if (state?.s === 'ok') yield { row: r.row, phone: r.phone, status: 'submitted', bizId: state.biz, outId };
    else if (state?.s === 'fail')
      yield { row: r.row, phone: r.phone, status: 'failed', outId, errorCode: state.code, message: state.msg };
    else if (state?.s === 'unknown')
      yield {
        row: r.row,
        phone: r.phone,
        status: 'unknown',
        outId,
        message: 'answer lost and not listed by Aliyun by the deadline; resend with --resend-unknown',
      };
    else yield { row: r.row, phone: r.phone, status: 'pending', outId };
  }
}

export function formatResultRow(r: ResultRow): string {
  return csvLine([r.row, r.phone, r.status, r.bizId, r.outId, r.errorCode, r.message]);
}

export function parseResultRow(line: string): ResultRow | undefined {
  const [row, phone, status, bizId, outId, errorCode, message] = parseCsvLine(line);
  const n = Number(row);
  if (!Number.isInteger(n) || phone === undefined || status === undefined) return undefined;
  return {
    row: n,
    phone,
    status: status as RowStatus,
    bizId: bizId || undefined,
    outId: outId || undefined,
    errorCode: errorCode || undefined,
    message: message || undefined,
  };
}

/**
 * Writes the results file from a stream of result rows, atomically (temp file + rename). Delivery
 * outcomes already in the old file are kept: both files list rows in the same order, so they are
 * merged line by line and memory stays flat.
 */
export async function writeResultsFile(path: string, rows: AsyncIterable<ResultRow>): Promise<number> {
  const previous = await openPrevious(path);
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  let count = 0;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(csvLine([...RESULTS_HEADER]));
  for await (const row of rows) {
    const old = previous ? await previous.next() : undefined;
    const kept =
      old &&
      old.row === row.row &&
      old.phone === row.phone &&
      (old.status === 'delivered' || old.status === 'undelivered')
        ? { ...row, status: old.status, errorCode: old.errorCode, message: old.message, bizId: row.bizId ?? old.bizId }
        : row;
    await write(formatResultRow(kept));
    count += 1;
  }
  await previous?.close();
  out.end();
  await once(out, 'close');
  await rename(tmp, path);
  return count;
}

async function openPrevious(
  path: string,
): Promise<{ next(): Promise<ResultRow | undefined>; close(): Promise<void> } | undefined> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  try {
    await once(stream, 'open');
  } catch {
    return undefined;
  }
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
  await lines.next(); // header
  let done = false;
  return {
    async next() {
      if (done) return undefined;
      const line = await lines.next();
      if (line.done) {
        done = true;
        return undefined;
      }
      return parseResultRow(line.value);
    },
    async close() {
      await lines.return?.();
      stream.destroy();
    },
  };
}
