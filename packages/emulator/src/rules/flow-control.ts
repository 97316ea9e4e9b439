import type { FlowControlConfig } from '../config/resolve.js';
import type { TemplateType } from '../config/schema.js';
import { UTC8_OFFSET_MS } from '../wire/dates.js';
import { BusinessError } from '../wire/errors.js';
import { recipientKey } from './phone.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * Aliyun's per-number flow control, in memory. Verification codes: per sign and number, N per natural
 * minute and per natural hour of UTC+8 wall time, and N per rolling 24 h. Notifications and promotions:
 * per sign, template and number, N per rolling 24 h. Only accepted sends count.
 */
export class FlowControl {
  private readonly sends = new Map<string, number[]>();
  private readonly whitelist: Set<string>;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly config: FlowControlConfig) {
    this.whitelist = new Set(config.whitelist.map(recipientKey));
  }

  private key(type: TemplateType, sign: string, template: string, numberKey: string): string | undefined {
    if (!this.config.enabled || this.whitelist.has(numberKey)) return undefined;
    if (type === 'verification') return `v\n${sign}\n${numberKey}`;
    if (type === 'notification' || type === 'promotional') return `${type[0]}\n${sign}\n${template}\n${numberKey}`;
    return undefined;
  }

  /** Throws `isv.BUSINESS_LIMIT_CONTROL` when one more send to `numberKey` would break a limit. */
  check(type: TemplateType, sign: string, template: string, numberKey: string, now: number): void {
    const key = this.key(type, sign, template, numberKey);
    if (key === undefined) return;
    const times = (this.sends.get(key) ?? []).filter((t) => t > now - DAY);
    if (type === 'verification') {
      const limits = this.config.verification;
      const local = now + UTC8_OFFSET_MS;
      const minuteStart = local - (local % MINUTE) - UTC8_OFFSET_MS;
      const hourStart = local - (local % HOUR) - UTC8_OFFSET_MS;
      if (times.filter((t) => t >= minuteStart).length >= limits.perMinute) throw limited('分钟级', limits.perMinute);
      if (times.filter((t) => t >= hourStart).length >= limits.perHour) throw limited('小时级', limits.perHour);
      if (times.length >= limits.perDay) throw limited('天级', limits.perDay);
      return;
    }
    const perDay = type === 'notification' ? this.config.notification.perDay : this.config.promotional.perDay;
    if (times.length >= perDay) throw limited('天级', perDay);
  }

  /** Counts one accepted send. */
  record(type: TemplateType, sign: string, template: string, numberKey: string, now: number): void {
    const key = this.key(type, sign, template, numberKey);
    if (key === undefined) return;
    if (now - this.lastSweep > HOUR) this.sweep(now);
    const times = (this.sends.get(key) ?? []).filter((t) => t > now - DAY);
    times.push(now);
    this.sends.set(key, times);
  }

  // Drops numbers with nothing left in the 24 h window, so memory follows the active numbers only.
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, times] of this.sends) if (!times.some((t) => t > now - DAY)) this.sends.delete(key);
  }
}

function limited(window: string, permits: number): BusinessError {
  return new BusinessError('isv.BUSINESS_LIMIT_CONTROL', `触发${window}流控Permits:${permits}`);
}

/** The account-wide daily cap (`isv.DAY_LIMIT_CONTROL`), counted per natural UTC+8 day. */
export class DailyCap {
  private day = -1;
  private count = 0;

  constructor(private readonly cap: number | undefined) {}

  check(recipients: number, now: number): void {
    if (this.cap === undefined) return;
    this.roll(now);
    if (this.count + recipients > this.cap)
      throw new BusinessError('isv.DAY_LIMIT_CONTROL', `触发日发送限额:${this.cap}`);
  }

  record(recipients: number, now: number): void {
    if (this.cap === undefined) return;
    this.roll(now);
    this.count += recipients;
  }

  private roll(now: number): void {
    const day = Math.floor((now + UTC8_OFFSET_MS) / DAY);
    if (day !== this.day) {
      this.day = day;
      this.count = 0;
    }
  }
}
