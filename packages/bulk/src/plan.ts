import { basename } from 'node:path';
import { type Batch, Batcher, paramsKey } from './batcher.js';
import { assertTextFile, assertUtf8, bomEncoding, headOf, type InputEncoding } from './decode.js';
import { DuplicateTracker } from './duplicates.js';
import { HeapTrimmer } from './heap-trim.js';
import { countRows, detectFormat, type InputFormat, readRows } from './input.js';
import { BulkInputError } from './input-error.js';
import { type InvalidRow, isValidRow, RowValidator } from './validate.js';

/** What a bulk job sends, independent of how fast or where. */
export interface BulkJobSpec {
  /** Path of the CSV, JSON Lines or XLSX file. */
  input: string;
  /** @default detected from the file name (`.xlsx` → Excel, `.jsonl`, `.ndjson`, `.json` → JSON Lines, else CSV) */
  format?: InputFormat | undefined;
  /** Text encoding of a CSV or JSON Lines file. @default 'utf-8' (or what a BOM says) */
  encoding?: InputEncoding | undefined;
  /** XLSX: the sheet to read. @default the first sheet */
  sheet?: string | undefined;
  /** Send rows that repeat an earlier row exactly (same number and parameters). @default false: sent once, the rest reported `duplicate` */
  allowDuplicates?: boolean | undefined;
  signName: string;
  templateCode: string;
  /** Template text with `${var}` placeholders: enables the variable and length checks and segment counts. */
  templateText?: string | undefined;
}

/** One step of a planned bulk job: a batch to send, an invalid row to report, or a repeated row. */
export type PlanItem =
  | { kind: 'invalid'; invalid: InvalidRow }
  | { kind: 'batch'; batch: Batch }
  /** An exact repeat of an earlier row: not sent (unless `allowDuplicates`). */
  | { kind: 'duplicate'; row: number; phone: string }
  /** Not a row: flags that `row` has the number of an earlier row with other parameters (it is sent). */
  | { kind: 'conflict'; row: number; phone: string };

/**
 * Checks the input before anything is sent or journaled: a text file in the expected encoding (or
 * an XLSX), with at least one data row. Returns the encoding to read it with (a BOM decides when
 * none is given). Throws {@link BulkInputError}, which the CLI reports as a usage error.
 */
export async function preflight(spec: BulkJobSpec): Promise<InputEncoding | undefined> {
  const format = spec.format ?? detectFormat(spec.input);
  const name = basename(spec.input);
  const head = await headOf(spec.input);
  if (head.length === 0) throw new BulkInputError(`${name} is empty: nothing to send`);
  if (format === 'xlsx') {
    if (head.readUInt32BE(0) !== 0x504b0304)
      throw new BulkInputError(`${name} is not an Excel .xlsx workbook (old .xls files must be saved as .xlsx or CSV)`);
  } else {
    const encoding = spec.encoding ?? bomEncoding(head) ?? 'utf-8';
    assertTextFile(head, encoding, name);
    if (encoding === 'utf-8') await assertUtf8(spec.input, format === 'csv' ? 1 : 0);
    spec = { ...spec, encoding };
  }
  for await (const _ of readRows(spec.input, format, { encoding: spec.encoding, sheet: spec.sheet })) {
    return spec.encoding;
  }
  throw new BulkInputError(
    format === 'jsonl'
      ? `${name} has no rows: nothing to send`
      : `${name} has a header row but no data rows: nothing to send`,
  );
}

/**
 * Streams the job as invalid rows and batches, in a deterministic order (an invalid row as soon as it
 * is read, a batch when it closes). Every run over the same input yields the same sequence.
 */
export async function* planJob(
  spec: BulkJobSpec,
  /**
   * The duplicate table to fill (emptied first). A run that plans the file twice (sending, then the
   * results file) passes the same one, so a million rows hold one table, not two at once.
   */
  duplicates: DuplicateTracker = new DuplicateTracker(),
): AsyncGenerator<PlanItem> {
  const validator = new RowValidator({ signName: spec.signName, templateText: spec.templateText });
  const batcher = new Batcher();
  duplicates.clear();
  // The line count bounds the distinct numbers: the table is allocated once, at its final size.
  duplicates.reserve(await countRows(spec.input, spec.format ?? detectFormat(spec.input)));
  const trimmer = new HeapTrimmer();
  const read = { encoding: spec.encoding, sheet: spec.sheet };
  for await (const raw of readRows(spec.input, spec.format, read)) {
    trimmer.tick();
    const checked = validator.check(raw);
    if (!isValidRow(checked)) {
      yield { kind: 'invalid', invalid: checked };
      continue;
    }
    const seen = duplicates.see(checked.phone, paramsKey(checked.params));
    if (seen === 'duplicate' && !spec.allowDuplicates) {
      yield { kind: 'duplicate', row: checked.row, phone: checked.phone };
      continue;
    }
    if (seen === 'conflict') yield { kind: 'conflict', row: checked.row, phone: checked.phone };
    for (const batch of batcher.push(checked)) yield { kind: 'batch', batch };
  }
  for (const batch of batcher.flush()) yield { kind: 'batch', batch };
}

/** The OutId of a batch: the job id and the batch number, so every row is (OutId, phone). */
export function outIdFor(jobId: string, seq: number): string {
  return `${jobId}-${seq}`;
}
