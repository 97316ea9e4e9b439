/**
 * Aliyun's clock: every date its SMS APIs and receipts carry is China Standard Time (UTC+8, no daylight
 * saving), whatever the zone of the machine. The SDK, the emulator, bulk and the CLI all format and
 * parse those dates here, by shifting the instant rather than using the local zone.
 */

/** UTC+8, in ms. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function shifted(ms: number): Date {
  return new Date(ms + CHINA_OFFSET_MS);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * `2019-01-08 16:44:10`: the instant `ms` in UTC+8, as dysmsapi 2017-05-25 answers (QuerySendDetails,
 * management calls) and SmsReport receipts carry it.
 *
 * @example
 * import { formatChinaDateTime } from 'alisms';
 * formatChinaDateTime(Date.UTC(2019, 0, 8, 8, 44, 10)); // '2019-01-08 16:44:10'
 */
export function formatChinaDateTime(ms: number): string {
  return shifted(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `20190108`: the UTC+8 calendar day of `ms`, as `SendDate` and the statistics take it. */
export function formatChinaDay(ms: number): string {
  return shifted(ms).toISOString().slice(0, 10).replaceAll('-', '');
}

/** `Mon, 24 Dec 2018 16:58:22 +0800`: the instant `ms` as the international API (2018-05-01) writes it. */
export function formatChinaRfc822(ms: number): string {
  const d = shifted(ms);
  return (
    `${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0800`
  );
}

/** `yyyy-MM-dd HH:mm:ss` (or with `T`) in UTC+8 → a Date; undefined when absent or not that form. */
export function parseChinaDateTime(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS);
}

/** Start (epoch ms) of the UTC+8 calendar day given as `yyyyMMdd`; undefined when malformed or not a real day. */
export function parseChinaDay(day: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CHINA_OFFSET_MS;
  return formatChinaDay(ms) === day ? ms : undefined;
}

/**
 * `yyyy-MM-dd`, `yyyy-MM-dd HH:mm` or `yyyy-MM-dd HH:mm:ss` in UTC+8 (Direct Mail's statistics windows) → epoch
 * ms; undefined when malformed or not a real date.
 *
 * @example
 * parseChinaDate('2021-04-28 00:00'); // Date.UTC(2021, 3, 27, 16)
 */
export function parseChinaDate(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as number[];
  const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s) - CHINA_OFFSET_MS;
  return formatChinaDay(ms) === `${m[1]}${m[2]}${m[3]}` && (h as number) < 24 && (mi as number) < 60 ? ms : undefined;
}
