/** Aliyun's dates are in China Standard Time (UTC+8, no daylight saving). */
export const UTC8_OFFSET_MS = 8 * 3_600_000;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function shifted(ms: number): Date {
  return new Date(ms + UTC8_OFFSET_MS);
}

/** `2019-01-08 16:44:10` in UTC+8 (dysmsapi 2017-05-25). */
export function formatChinaDateTime(ms: number): string {
  return shifted(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `20190108` in UTC+8 (SendDate query parameters and statistics). */
export function formatChinaDay(ms: number): string {
  return shifted(ms).toISOString().slice(0, 10).replace(/-/g, '');
}

/** `Mon, 24 Dec 2018 16:58:22 +0800` (dysmsapi 2018-05-01 QueryMessage). */
export function formatRfc822China(ms: number): string {
  const d = shifted(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0800`;
}

/** Start (epoch ms) of the UTC+8 calendar day given as `yyyyMMdd`; `undefined` when malformed. */
export function parseChinaDay(day: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(day);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - UTC8_OFFSET_MS;
  return formatChinaDay(ms) === day ? ms : undefined;
}
