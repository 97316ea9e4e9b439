import type { TemplateParams } from './params.js';
import type { ResultBase } from './types.js';

/** `OTP`, `NOTIFY` or `MKT` (marketing). */
export type GlobeMessageType = 'OTP' | 'NOTIFY' | 'MKT';

/** Country, region and carrier Aliyun reports for an international number. */
export interface NumberDetail {
  country: string | undefined;
  region: string | undefined;
  carrier: string | undefined;
}

/** Input of `IntlSmsClient.sendMessageToGlobe`: a free text to one number outside mainland China. */
export interface SendMessageToGlobeInput {
  /** Country code + number, e.g. `85212345678` (`+` allowed). Not for mainland China numbers. */
  to: string;
  /** The text. */
  message: string;
  /** Sender ID: alphanumeric ≤ 11 chars or digits ≤ 15. */
  from?: string;
  /** Your reference, echoed in receipts; 1–255 chars. @default a generated UUID */
  taskId?: string;
  type?: GlobeMessageType;
  /** Seconds the message may wait for delivery. */
  validityPeriod?: number;
  channelId?: string;
}

/** What `IntlSmsClient.sendMessageToGlobe` and `sendMessageWithTemplate` return. */
export interface GlobeSendResult extends ResultBase {
  messageId: string;
  /** Billed segments. */
  segments: number;
  to: string | undefined;
  from: string | undefined;
  /** The TaskId that was sent (yours or the generated one); undefined for template sends. */
  taskId: string | undefined;
  numberDetail: NumberDetail | undefined;
  responseDescription: string;
}

/** Input of `IntlSmsClient.batchSendMessageToGlobe`: one text for many international numbers. */
export interface BatchSendMessageToGlobeInput {
  /** Up to 1000 numbers. */
  to: readonly string[] | string;
  /** One text for all, or one per number (aligned with `to`). */
  message: string | readonly string[];
  from?: string;
  taskId?: string;
  type?: Exclude<GlobeMessageType, 'OTP'>;
  validityPeriod?: number;
  channelId?: string;
}

/** What `IntlSmsClient.batchSendMessageToGlobe` returns: the message ids and the numbers refused. */
export interface BatchSendMessageToGlobeResult extends ResultBase {
  messageIds: string[];
  /** Numbers that were not accepted. */
  failedList: string[];
  successCount: number;
  from: string | undefined;
  taskId: string;
  responseDescription: string;
}

/** Input of `IntlSmsClient.sendMessageWithTemplate`: a template message to a mainland number from an international account. */
export interface SendMessageWithTemplateInput {
  /** A mainland number (`13800138000`, `+8613800138000`, `8613800138000`); sent as `86…`. */
  to: string;
  /** The approved signature. */
  from: string;
  templateCode: string;
  templateParam?: TemplateParams | string;
  smsUpExtendCode?: string;
  validityPeriod?: number;
  channelId?: string;
}

/** What `IntlSmsClient.queryMessage` returns: the status of one international message. */
export interface QueryMessageResult extends ResultBase {
  messageId: string;
  to: string | undefined;
  message: string | undefined;
  /** 1 sent, 2 failed, 3 sending. */
  status: number;
  errorCode: string | undefined;
  errorDescription: string | undefined;
  sendDate: Date | undefined;
  receiveDate: Date | undefined;
  numberDetail: NumberDetail | undefined;
}
