import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

/** Input file formats: CSV with a header row, or JSON Lines (one object per line). */
export type InputFormat = 'csv' | 'jsonl';

/**
 * One input row before validation. `row` is the 1-based data row number: for CSV the record number
 * after the header, for JSON Lines the line number.
 */
export type RawRow =
  | { row: number; fields: Record<string, unknown>; columns?: readonly string[]; error?: undefined }
  | { row: number; fields?: undefined; error: string };

/** `.jsonl`, `.ndjson` and `.json` are JSON Lines; anything else is CSV. */
export function detectFormat(path: string): InputFormat {
  return /\.(jsonl|ndjson|json)$/i.test(path) ? 'jsonl' : 'csv';
}

/** Streams the rows of an input file; memory stays flat whatever its size. */
export function readRows(path: string, format: InputFormat = detectFormat(path)): AsyncIterable<RawRow> {
  return format === 'jsonl' ? readJsonLines(path) : readCsv(path);
}

async function* readJsonLines(path: string): AsyncGenerator<RawRow> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let row = 0;
  for await (const line of lines) {
    row += 1;
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

async function* readCsv(path: string): AsyncGenerator<RawRow> {
  // Broken records (a stray quote) are skipped by the parser and reported through on_skip; they are
  // interleaved back in file order using the parser's record counter so row numbers stay exact.
  const skipped: Array<{ after: number; reason: string }> = [];
  const parser = createReadStream(path).pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const e = error as { records?: number; message?: string } | undefined;
        skipped.push({ after: e?.records ?? 0, reason: `bad CSV: ${e?.message ?? 'unreadable record'}` });
      },
    }),
  );
  let row = 0;
  let columns: string[] | undefined;
  type Item = { record: Record<string, string>; info: { records: number; columns?: Array<{ name: string }> } };
  for await (const item of parser as AsyncIterable<Item>) {
    columns ??= item.info.columns?.map((c) => c.name) ?? Object.keys(item.record);
    while (skipped.length > 0 && (skipped[0] as { after: number }).after < item.info.records) {
      row += 1;
      yield { row, error: (skipped.shift() as { reason: string }).reason };
    }
    row += 1;
    yield { row, fields: item.record, columns };
  }
  for (const skip of skipped) {
    row += 1;
    yield { row, error: skip.reason };
  }
}

/** Counts data rows cheaply (newlines), for a progress total; exact unless CSV fields contain newlines. */
export async function countRows(path: string, format: InputFormat = detectFormat(path)): Promise<number> {
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
