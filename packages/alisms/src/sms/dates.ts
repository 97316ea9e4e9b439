import { InvalidArgumentError } from '../core/invalid-argument-error.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A `Date` → the `yyyyMMdd` calendar day in UTC+8 (Aliyun's day); a `yyyyMMdd` string is checked and kept. */
export function toChinaDay(value: Date | string, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidArgumentError(field, 'is an invalid Date');
    return new Date(value.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
  }
  if (typeof value !== 'string' || !/^\d{8}$/.test(value))
    throw new InvalidArgumentError(field, 'must be a Date or a yyyyMMdd string such as "20260131"');
  return value;
}

/** `yyyy-MM-dd HH:mm:ss` in UTC+8 → a Date; undefined when absent or not that form. */
export function parseChinaDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS);
}

/** RFC 2822-style dates of the international API (`Mon, 24 Dec 2018 16:58:22 +0800`) → a Date. */
export function parseRfcDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
