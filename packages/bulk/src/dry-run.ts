import { countSmsSegments } from 'alisms';
import { isMainland } from './phone.js';
import { type BulkJobSpec, planJob, preflight } from './plan.js';
import { renderMessage } from './template.js';
import type { InvalidRow } from './validate.js';

/** What `--dry-run` prints: nothing is sent and no journal is written. */
export interface DryRunReport {
  rows: number;
  valid: number;
  invalid: number;
  /** Exact repeats of an earlier row: not sent (0 with `allowDuplicates`). */
  duplicate: number;
  /** Rows whose number appeared earlier with other parameters (sent; worth a look). */
  samePhoneDifferentParams: number;
  /** API calls the job would make, by action. */
  calls: { SendSms: number; SendBatchSms: number };
  /** Billed segments summed over valid rows; `undefined` without the template text. */
  segments: number | undefined;
  /** Messages Aliyun would bill: the segments, or one per valid row when the text is unknown. */
  estimatedBilled: number;
  /** The first invalid rows (up to `maxInvalidListed`), with row number and reason. */
  invalidRows: InvalidRow[];
}

/** Validates and batches the whole input without sending anything. */
export async function dryRun(spec: BulkJobSpec, maxInvalidListed = 50): Promise<DryRunReport> {
  const report: DryRunReport = {
    rows: 0,
    valid: 0,
    invalid: 0,
    duplicate: 0,
    samePhoneDifferentParams: 0,
    calls: { SendSms: 0, SendBatchSms: 0 },
    segments: spec.templateText === undefined ? undefined : 0,
    estimatedBilled: 0,
    invalidRows: [],
  };
  spec = { ...spec, encoding: await preflight(spec) };
  for await (const item of planJob(spec)) {
    if (item.kind === 'duplicate') {
      report.rows += 1;
      report.duplicate += 1;
      continue;
    }
    if (item.kind === 'conflict') {
      report.samePhoneDifferentParams += 1;
      continue;
    }
    if (item.kind === 'invalid') {
      report.rows += 1;
      report.invalid += 1;
      if (report.invalidRows.length < maxInvalidListed) report.invalidRows.push(item.invalid);
      continue;
    }
    report.calls[item.batch.action] += 1;
    report.rows += item.batch.rows.length;
    report.valid += item.batch.rows.length;
    if (spec.templateText === undefined) continue;
    for (const row of item.batch.rows) {
      const text = renderMessage(spec.signName, spec.templateText, row.params);
      const { segments } = countSmsSegments(text, { international: !isMainland(row.phone) });
      report.segments = (report.segments ?? 0) + segments;
    }
  }
  report.estimatedBilled = report.segments ?? report.valid;
  return report;
}
