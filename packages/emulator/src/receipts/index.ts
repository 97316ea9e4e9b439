// Delivery simulation and receipt push for the emulator: the carrier's verdict, SmsReport, SmsUp.
export { type DeliveryConfig, defaultDeliveryConfig, resolveDeliveryConfig } from './config.js';
export { type Delivery, type DeliveryVerdict, type StartDeliveryOptions, startDelivery } from './delivery.js';
export { type PostJson, type PushOutcome, postJson } from './post-json.js';
export { INTL_REPORT_RETRY_MS, type PushAttempt, SMS_REPORT_RETRY_MS } from './receipt-pusher.js';
export {
  describeErrCode,
  type IntlReportItem,
  type SmsReportItem,
  toIntlReportItem,
  toSmsReportItem,
} from './report-items.js';
export { ManualScheduler, type Scheduler, systemScheduler, type TimerHandle } from './scheduler.js';
export { type PushSmsUpOptions, pushSmsUp, type SmsUpInput, type SmsUpItem, toSmsUpItem } from './sms-up.js';
export { formatIntlReportTime, formatReportTime } from './time-format.js';
