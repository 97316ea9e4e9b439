/**
 * One input row before validation. `row` is the 1-based data row number: for CSV the record number
 * after the header, for JSON Lines the line number.
 */
export type RawRow =
  | { row: number; fields: Record<string, unknown>; columns?: readonly string[]; error?: undefined }
  | { row: number; fields?: undefined; error: string };
