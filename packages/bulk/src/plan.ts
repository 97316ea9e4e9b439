import { type Batch, Batcher } from './batcher.js';
import { type InputFormat, readRows } from './input.js';
import { type InvalidRow, isValidRow, RowValidator } from './validate.js';

/** What a bulk job sends, independent of how fast or where. */
export interface BulkJobSpec {
  /** Path of the CSV or JSON Lines file. */
  input: string;
  /** @default detected from the file name (`.jsonl`, `.ndjson`, `.json` → JSON Lines) */
  format?: InputFormat | undefined;
  signName: string;
  templateCode: string;
  /** Template text with `${var}` placeholders: enables the variable and length checks and segment counts. */
  templateText?: string | undefined;
}

/** One step of a planned bulk job: a batch to send, or an invalid row to report. */
export type PlanItem = { kind: 'invalid'; invalid: InvalidRow } | { kind: 'batch'; batch: Batch };

/**
 * Streams the job as invalid rows and batches, in a deterministic order (an invalid row as soon as it
 * is read, a batch when it closes). Every run over the same input yields the same sequence.
 */
export async function* planJob(spec: BulkJobSpec): AsyncGenerator<PlanItem> {
  const validator = new RowValidator({ signName: spec.signName, templateText: spec.templateText });
  const batcher = new Batcher();
  for await (const raw of readRows(spec.input, spec.format)) {
    const checked = validator.check(raw);
    if (!isValidRow(checked)) {
      yield { kind: 'invalid', invalid: checked };
      continue;
    }
    for (const batch of batcher.push(checked)) yield { kind: 'batch', batch };
  }
  for (const batch of batcher.flush()) yield { kind: 'batch', batch };
}

/** The OutId of a batch: the job id and the batch number, so every row is (OutId, phone). */
export function outIdFor(jobId: string, seq: number): string {
  return `${jobId}-${seq}`;
}
