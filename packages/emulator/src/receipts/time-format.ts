// Aliyun writes receipt times in China Standard Time (UTC+8, no daylight saving), whatever the
// receiver's zone: the SDK's core formats them (by shifting the instant, not by the local zone).
import { formatChinaDateTime, formatChinaRfc822 } from 'alisms';

function epochMs(at: number | string | Date): number {
  return typeof at === 'number' ? at : new Date(at).getTime();
}

/** `yyyy-MM-dd HH:mm:ss` in UTC+8: the SmsReport and QuerySendDetails format. */
export function formatReportTime(at: number | string | Date): string {
  return formatChinaDateTime(epochMs(at));
}

/** `Thu, 25 Nov 2021 10:27:00 +0800`: the international receipt format. */
export function formatIntlReportTime(at: number | string | Date): string {
  return formatChinaRfc822(epochMs(at));
}
