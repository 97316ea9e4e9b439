import type { ValidRow } from './validate.js';

/** The unit of work: one API call. `seq` numbers batches from 0 in input order. */
export interface Batch {
  seq: number;
  /** SendSms when every row shares the same params (up to 1000 numbers), else SendBatchSms (up to 100). */
  action: 'SendSms' | 'SendBatchSms';
  rows: ValidRow[];
}

/** Aliyun's per-call limits. */
export const SEND_SMS_MAX = 1000;
/** Most rows in one SendBatchSms batch (Aliyun's limit). */
export const SEND_BATCH_SMS_MAX = 100;

/**
 * Packs rows into batches. The packing depends only on the rows and their order — never on timing
 * or on what was already sent — so a resumed run rebuilds exactly the same batches and OutIds.
 */
export class Batcher {
  private rows: ValidRow[] = [];
  private phones = new Set<string>();
  private paramsKey: string | undefined;
  private uniform = true;
  private seq = 0;

  /** Adds a row; returns the batches it closed (zero, one, or two). */
  push(row: ValidRow): Batch[] {
    const out: Batch[] = [];
    const key = paramsKey(row.params);
    // One call never carries a number twice, so (OutId, phone) names exactly one row.
    if (this.phones.has(row.phone)) this.closeInto(out);
    else if (this.rows.length > 0) {
      const same = this.uniform && key === this.paramsKey;
      if (!same && this.rows.length >= SEND_BATCH_SMS_MAX) this.closeInto(out);
    }
    if (this.rows.length === 0) {
      this.paramsKey = key;
      this.uniform = true;
    } else if (key !== this.paramsKey) this.uniform = false;
    this.rows.push(row);
    this.phones.add(row.phone);
    const limit = this.uniform ? SEND_SMS_MAX : SEND_BATCH_SMS_MAX;
    if (this.rows.length >= limit) this.closeInto(out);
    return out;
  }

  /** Closes the last, partly filled batch. */
  flush(): Batch[] {
    const out: Batch[] = [];
    this.closeInto(out);
    return out;
  }

  private closeInto(out: Batch[]): void {
    if (this.rows.length === 0) return;
    out.push({ seq: this.seq++, action: this.uniform ? 'SendSms' : 'SendBatchSms', rows: this.rows });
    this.rows = [];
    this.phones = new Set();
    this.paramsKey = undefined;
    this.uniform = true;
  }
}

function paramsKey(params: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(params)
      .sort()
      .map((k) => [k, params[k]]),
  );
}
