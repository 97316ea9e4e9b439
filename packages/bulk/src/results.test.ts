import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { csvLine, parseCsvLine } from './csv-line.js';
import { progressLine } from './progress-display.js';
import { applyReceipts } from './receipts.js';
import { RESULTS_HEADER, type ResultRow, writeResultsFile } from './results.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alisms-bulk-results-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function* rowsOf(rows: ResultRow[]): AsyncGenerator<ResultRow> {
  yield* rows;
}

describe('results file', () => {
  it('round-trips fields with commas, quotes and newlines', () => {
    const fields = ['1', '13800000001', 'failed', '', 'bk1-0', 'isv.X', 'says "no", twice\nreally'];
    assert.deepEqual(parseCsvLine(csvLine(fields).trimEnd()), [...fields.slice(0, 6), 'says "no", twice really']);
  });

  it('applies receipts by BizId or OutId and keeps them when the file is rebuilt', async () => {
    const path = join(dir, 'r.csv');
    const rows: ResultRow[] = [
      { row: 1, phone: '13800000001', status: 'submitted', bizId: 'B1', outId: 'j-0' },
      { row: 2, phone: '13800000002', status: 'submitted', outId: 'j-0' },
      { row: 3, phone: 'x', status: 'invalid', message: 'bad number' },
    ];
    assert.equal(await writeResultsFile(path, rowsOf(rows)), 3);
    const changed = await applyReceipts(path, [
      { biz_id: 'B1', phone_number: '8613800000001', success: true, err_code: 'DELIVERED', err_msg: '用户接收成功' },
      { out_id: 'j-0', phone_number: '13800000002', success: false, err_code: 'MOBILE_IN_BLACK' },
    ]);
    assert.equal(changed, 2);
    const text = await readFile(path, 'utf8');
    assert.equal(text.split('\n')[0], RESULTS_HEADER.join(','));
    assert.match(text, /^1,13800000001,delivered,B1,j-0,DELIVERED,用户接收成功$/m);
    assert.match(text, /^2,13800000002,undelivered,,j-0,MOBILE_IN_BLACK,$/m);
    await writeResultsFile(path, rowsOf(rows));
    assert.match(await readFile(path, 'utf8'), /^1,13800000001,delivered,B1,j-0,DELIVERED/m);
  });

  it('leaves the file alone when no receipt matches', async () => {
    const path = join(dir, 'none.csv');
    await writeFile(path, `${RESULTS_HEADER.join(',')}\n1,13800000001,submitted,B1,j-0,,\n`);
    assert.equal(await applyReceipts(path, [{ biz_id: 'B9', phone_number: '13800000001', success: true }]), 0);
  });
});

describe('progressLine', () => {
  it('shows rows done of total, rate, ETA and errors', () => {
    const p = {
      jobId: 'j',
      submitted: 900,
      failed: 50,
      invalid: 50,
      unknown: 0,
      duplicate: 0,
      resumed: 0,
      calls: 10,
      throttled: 2,
      reconciled: 0,
      spaced: 0,
    };
    assert.equal(
      progressLine(p, 4000, 10_000),
      'progress: 1000/4000 rows (25%), 100 rows/s, ETA 30s, errors 100, calls 10, throttled 2\n',
    );
  });
});
