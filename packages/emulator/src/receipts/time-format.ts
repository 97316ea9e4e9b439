// Aliyun writes receipt times in China Standard Time (UTC+8, no daylight saving), whatever the
// receiver's zone, so these format by shifting the instant rather than using the local zone.

const CST_OFFSET_MS = 8 * 3_600_000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function cst(at: number | string | Date): Date {
  const ms = typeof at === 'number' ? at : new Date(at).getTime();
  return new Date(ms + CST_OFFSET_MS);
}

/** `yyyy-MM-dd HH:mm:ss` in UTC+8: the SmsReport and QuerySendDetails format. */
export function formatReportTime(at: number | string | Date): string {
  const d = cst(at);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** `Thu, 25 Nov 2021 10:27:00 +0800`: the international receipt format. */
export function formatIntlReportTime(at: number | string | Date): string {
  const d = cst(at);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0800`
  );
}
