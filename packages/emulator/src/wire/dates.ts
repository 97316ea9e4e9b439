/**
 * Aliyun's dates are in China Standard Time (UTC+8, no daylight saving). The formats live once, in the
 * SDK's core; these are the names the emulator's handlers use.
 */
export {
  CHINA_OFFSET_MS as UTC8_OFFSET_MS,
  formatChinaDateTime,
  formatChinaDay,
  formatChinaRfc822 as formatRfc822China,
  parseChinaDay,
} from 'alisms';
