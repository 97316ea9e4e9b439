import { BulkInputError } from './input-error.js';
import type { RawRow } from './raw-row.js';

/** One cell as exceljs gives it: a scalar, rich text, a formula with its result, a hyperlink, an error. */
type CellValue = unknown;

/** A cell as text: numbers as written (a phone stored as a number has no exponent below 1e21). */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  const v = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string };
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return cellText(v.result);
  if (v.text !== undefined) return cellText(v.text);
  if (v.error !== undefined) return '';
  return String(value);
}

/**
 * Streams the rows of one sheet of an `.xlsx` workbook (the first, or `sheet` by name) with exceljs's
 * streaming reader: memory stays flat for large sheets. The first non-empty row is the header.
 */
export async function* readXlsx(path: string, sheet: string | undefined, maxRowChars: number): AsyncGenerator<RawRow> {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const seen: string[] = [];
  let read = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? '';
      seen.push(name);
      if (read || (sheet !== undefined && name !== sheet)) {
        // The reader must consume every sheet's XML to move on; skipping rows is cheap.
        for await (const _ of worksheet) void _;
        continue;
      }
      read = true;
      let columns: string[] | undefined;
      let headerAt = 0;
      for await (const r of worksheet) {
        const values = (r.values as CellValue[]).slice(1).map(cellText);
        if (values.reduce((n, v) => n + v.length, 0) > maxRowChars)
          throw new BulkInputError(
            `${columns ? `row ${r.number - headerAt}` : 'the header'} of sheet "${name}" is longer than ${maxRowChars} characters`,
          );
        if (!columns) {
          if (values.every((v) => v.trim() === '')) continue;
          columns = values.map((v) => v.trim());
          headerAt = r.number;
          continue;
        }
        // Data rows are numbered from the header, as in a CSV: sheet row minus the header's row.
        const row = r.number - headerAt;
        if (values.every((v) => v.trim() === '')) continue;
        const fields: Record<string, unknown> = {};
        for (const [i, c] of columns.entries()) if (c !== '') fields[c] = values[i] ?? '';
        yield { row, fields, columns: columns.filter((c) => c !== '') };
      }
    }
  } catch (error) {
    if (error instanceof BulkInputError) throw error;
    throw new BulkInputError(`cannot read ${path} as an Excel workbook: ${(error as Error).message}`);
  }
  if (!read)
    throw new BulkInputError(
      sheet === undefined
        ? `${path} has no sheets`
        : `no sheet named "${sheet}" in ${path}; its sheets are: ${seen.map((s) => `"${s}"`).join(', ')}`,
    );
}
