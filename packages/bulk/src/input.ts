import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { decodedStream, type InputEncoding } from './decode.js';
import { BulkInputError } from './input-error.js';
import type { RawRow } from './raw-row.js';
import { readXlsx } from './xlsx.js';

export type { RawRow } from './raw-row.js';

/** Input file formats: CSV with a header row, JSON Lines (one object per line), or an Excel workbook. */
export type InputFormat = 'csv' | 'jsonl' | 'xlsx';

/** How an input file is read. */
export interface ReadOptions {
  /** Text encoding of CSV and JSON Lines files. @default 'utf-8' (a UTF-16LE BOM switches to UTF-16LE) */
  encoding?: InputEncoding | undefined;
  /** XLSX: the sheet to read. @default the first sheet */
  sheet?: string | undefined;
  /** Longest row accepted, in characters; a longer one stops the job with an error naming it. @default 65536 */
  maxRowChars?: number | undefined;
}

/** A row longer than this is almost certainly a broken file (a missing newline or quote), not a recipient. */
export const MAX_ROW_CHARS = 64 * 1024;

function rowTooLong(row: number, max: number): BulkInputError {
  return new BulkInputError(
    `row ${row} is longer than ${max} characters: check the file for a missing line break or an unclosed quote`,
    row,
  );
}

/** `.xlsx` is Excel; `.jsonl`, `.ndjson` and `.json` are JSON Lines; anything else is CSV. */
export function detectFormat(path: string): InputFormat {
  if (/\.xlsx$/i.test(path)) return 'xlsx';
  return /\.(jsonl|ndjson|json)$/i.test(path) ? 'jsonl' : 'csv';
}

/** Streams the rows of an input file; memory stays flat whatever its size. */
export function readRows(
  path: string,
  format: InputFormat = detectFormat(path),
  options: ReadOptions = {},
): AsyncIterable<RawRow> {
  const max = options.maxRowChars ?? MAX_ROW_CHARS;
  if (format === 'xlsx') return readXlsx(path, options.sheet, max);
  const encoding = options.encoding ?? 'utf-8';
  return format === 'jsonl' ? readJsonLines(path, encoding, max) : readCsv(path, encoding, max);
}

async function* readJsonLines(path: string, encoding: InputEncoding, max: number): AsyncGenerator<RawRow> {
  const lines = createInterface({
    input: decodedStream(path, encoding),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let row = 0;
  for await (const line of lines) {
    row += 1;
    if (line.length > max) throw rowTooLong(row, max);
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield { row, error: `bad JSON: ${(error as Error).message}` };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { row, error: 'bad JSON: each line must be an object like {"phone":"13800138000","name":"Li"}' };
      continue;
    }
    yield { row, fields: value as Record<string, unknown> };
  }
}

async function* readCsv(path: string, encoding: InputEncoding, max: number): AsyncGenerator<RawRow> {
  // Broken records (a stray quote) are skipped by the parser and reported through on_skip; they are
  // interleaved back in file order using the parser's record counter so row numbers stay exact.
  const skipped: Array<{ after: number; reason: string }> = [];
  let tooLong: number | undefined;
  const parser = decodedStream(path, encoding).pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      // Without a cap, one 10 MB line (a lost newline) is buffered and re-scanned for minutes.
      max_record_size: max,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const e = error as { records?: number; message?: string; code?: string } | undefined;
        // The parser cannot resynchronise after an oversized record: stop with an error naming it.
        if (e?.code === 'CSV_MAX_RECORD_SIZE') tooLong ??= (e.records ?? 0) + 1;
        skipped.push({ after: e?.records ?? 0, reason: `bad CSV: ${e?.message ?? 'unreadable record'}` });
      },
    }),
  );
  let row = 0;
  let columns: string[] | undefined;
  type Item = { record: Record<string, string>; info: { records: number; columns?: Array<{ name: string }> } };
  for await (const item of parser as AsyncIterable<Item>) {
    if (tooLong !== undefined) break;
    columns ??= item.info.columns?.map((c) => c.name) ?? Object.keys(item.record);
    while (skipped.length > 0 && (skipped[0] as { after: number }).after < item.info.records) {
      row += 1;
      yield { row, error: (skipped.shift() as { reason: string }).reason };
    }
    row += 1;
    yield { row, fields: item.record, columns };
  }
  if (tooLong !== undefined) {
    parser.destroy();
    throw rowTooLong(tooLong, max);
  }
  for (const skip of skipped) {
    row += 1;
    yield { row, error: skip.reason };
  }
}

/** Counts data rows cheaply (newlines), for a progress total; exact unless CSV fields contain newlines. */
export async function countRows(path: string, format: InputFormat = detectFormat(path)): Promise<number> {
  if (format === 'xlsx') return 0; // unknown without unzipping: the display shows no total
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(10);
    while (at !== -1) {
      lines += 1;
      at = chunk.indexOf(10, at + 1);
    }
    if (chunk.length > 0) last = chunk[chunk.length - 1] as number;
  }
  if (last !== 10) lines += 1;
  return format === 'csv' ? Math.max(0, lines - 1) : lines;
}
