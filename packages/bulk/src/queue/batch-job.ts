import type { Batch } from '../index.js';

/** The data of one BullMQ job: one batch, self-contained so any worker can send it. */
export interface BatchJobData {
  bulk: string;
  seq: number;
  action: Batch['action'];
  sign: string;
  template: string;
  /** `[row, phone, params]` per recipient. */
  rows: Array<[number, string, Record<string, string>]>;
}

/** What a worker records for a batch; the results file is built from these. */
export interface BatchOutcome {
  /**
   * `unknown`: the answer was lost and Aliyun did not list the call by its deadline; not resent.
   * `split`: refused for one row's sake; its rows' outcomes are those of its parts (fields `seq:start-end`).
   */
  s: 'ok' | 'fail' | 'unknown' | 'split';
  biz?: string | undefined;
  code?: string | undefined;
  msg?: string | undefined;
  /** `[row, phone]` per recipient. */
  rows: Array<[number, string]>;
}

export function toJobData(bulk: string, batch: Batch, sign: string, template: string): BatchJobData {
  return {
    bulk,
    seq: batch.seq,
    action: batch.action,
    sign,
    template,
    rows: batch.rows.map((r) => [r.row, r.phone, r.params]),
  };
}

export function toBatch(data: BatchJobData): Batch {
  return {
    seq: data.seq,
    action: data.action,
    rows: data.rows.map(([row, phone, params]) => ({ row, phone, params })),
  };
}
