import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { csvLine } from './csv-line.js';
import { normalizeBulkPhone } from './phone.js';
import { formatResultRow, parseResultRow, RESULTS_HEADER } from './results.js';

/** A delivery receipt as Aliyun pushes it (SmsReport), reduced to what the results file needs. */
export interface DeliveryReceipt {
  biz_id?: string | undefined;
  out_id?: string | undefined;
  phone_number: string;
  success: boolean;
  err_code?: string | undefined;
  err_msg?: string | undefined;
}

// Calls for the same file are queued so two receipt pushes never rewrite it at once.
const locks = new Map<string, Promise<unknown>>();

/**
 * Applies delivery receipts to a job's results file: matching rows (by BizId + phone, or OutId +
 * phone) become `delivered` or `undelivered` with the carrier code. The file is rewritten in one
 * streaming pass, so pass receipts in batches (Aliyun pushes them as arrays). Returns how many rows changed.
 *
 * @example
 * await applyReceipts('results.csv', [{ biz_id: '900619746936498440^0', phone_number: '13800138000', success: true, err_code: 'DELIVERED' }]);
 */
export function applyReceipts(resultsPath: string, receipts: readonly DeliveryReceipt[]): Promise<number> {
  const previous = locks.get(resultsPath) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => rewrite(resultsPath, receipts));
  locks.set(resultsPath, run);
  void run.finally(() => {
    if (locks.get(resultsPath) === run) locks.delete(resultsPath);
  });
  return run;
}

async function rewrite(path: string, receipts: readonly DeliveryReceipt[]): Promise<number> {
  const byKey = new Map<string, DeliveryReceipt>();
  for (const receipt of receipts) {
    const phone = normalizeBulkPhone(receipt.phone_number) ?? receipt.phone_number;
    if (receipt.biz_id) byKey.set(`b|${receipt.biz_id}|${phone}`, receipt);
    if (receipt.out_id) byKey.set(`o|${receipt.out_id}|${phone}`, receipt);
  }
  if (byKey.size === 0) return 0;
  const tmp = `${path}.receipts.tmp`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let changed = 0;
  let first = true;
  for await (const line of lines) {
    let text = `${line}\n`;
    if (first) {
      first = false;
      text = csvLine([...RESULTS_HEADER]);
    } else {
      const row = parseResultRow(line);
      const receipt =
        row &&
        ((row.bizId && byKey.get(`b|${row.bizId}|${row.phone}`)) ||
          (row.outId && byKey.get(`o|${row.outId}|${row.phone}`)));
      if (row && receipt) {
        changed += 1;
        text = formatResultRow({
          ...row,
          status: receipt.success ? 'delivered' : 'undelivered',
          bizId: row.bizId ?? receipt.biz_id,
          errorCode: receipt.err_code,
          message: receipt.err_msg,
        });
      }
    }
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  await rename(tmp, path);
  return changed;
}
