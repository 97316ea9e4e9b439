import { formatChinaDay } from '../core/china-time.js';
import { InvalidArgumentError } from '../core/invalid-argument-error.js';

export { parseChinaDateTime } from '../core/china-time.js';

/** A `Date` → the `yyyyMMdd` calendar day in UTC+8 (Aliyun's day); a `yyyyMMdd` string is checked and kept. */
export function toChinaDay(value: Date | string, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidArgumentError(field, 'is an invalid Date');
    return formatChinaDay(value.getTime());
  }
  if (typeof value !== 'string' || !/^\d{8}$/.test(value))
    throw new InvalidArgumentError(field, 'must be a Date or a yyyyMMdd string such as "20260131"');
  return value;
}

/** RFC 2822-style dates of the international API (`Mon, 24 Dec 2018 16:58:22 +0800`) → a Date. */
export function parseRfcDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
