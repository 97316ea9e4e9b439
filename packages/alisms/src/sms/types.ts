import type { TemplateParams } from './params.js';

/** Fields every typed result carries. */
export interface ResultBase {
  /** Aliyun's RequestId, for support tickets. */
  requestId: string;
  /** The wire body as Aliyun sent it (PascalCase). */
  raw: Readonly<Record<string, unknown>>;
}

/** Input of {@link SmsClient.sendSms}. */
export interface SendSmsInput {
  /** One number or up to 1000: an array or a comma-separated string. Mainland numbers may carry +86/0086/86. */
  phoneNumbers: string | readonly string[];
  /** An approved signature, e.g. `阿里云短信测试`. */
  signName: string;
  /** An approved template code, e.g. `SMS_154950909`. */
  templateCode: string;
  /** Template variables; values must be strings. A JSON object string is accepted too. */
  templateParam?: TemplateParams | string;
  /** Your reference, echoed in receipts and QuerySendDetails; fewer than 256 chars. @default a generated UUID */
  outId?: string;
  /** Upstream extension code (digits). */
  smsUpExtendCode?: string;
}

/** What `SmsClient.sendSms` and `sendBatchSms` return once Aliyun accepted the send. */
export interface SendSmsResult extends ResultBase {
  /** Delivery-receipt id, for QuerySendDetails. */
  bizId: string;
  /** The OutId that was sent (yours, or the generated one). */
  outId: string;
  /** Aliyun's message (`OK`). */
  message: string;
}

/** One message of a {@link SmsClient.sendBatchSms} call. */
export interface BatchMessage {
  phoneNumber: string;
  signName: string;
  templateParam?: TemplateParams | string;
  smsUpExtendCode?: string;
}

/** Input of `SmsClient.sendBatchSms`: one template, up to 100 messages each with its own number, signature and values. */
export interface SendBatchSmsInput {
  templateCode: string;
  /** Up to 100 messages, each with its own number, signature and variables. */
  messages: readonly BatchMessage[];
  /** @default a generated UUID */
  outId?: string;
}

/** Input of `SmsClient.querySendDetails`: the delivery status of what was sent to one number on one day. */
export interface QuerySendDetailsInput {
  /** Exactly one number. */
  phoneNumber: string;
  /** The day sent: a Date (its UTC+8 calendar day) or `yyyyMMdd`; within the last 30 days. */
  sendDate: Date | string;
  /** Narrow to one send. */
  bizId?: string;
  /** 1–50. @default 50 */
  pageSize?: number;
  /** From 1. @default 1 */
  currentPage?: number;
}

/** One message's delivery record. */
export interface SmsSendDetail {
  phoneNumber: string;
  /** 1 waiting for the receipt, 2 failed, 3 delivered. */
  sendStatus: number;
  /** `DELIVERED` or the carrier's code. */
  errCode: string | undefined;
  templateCode: string | undefined;
  /** Full text as sent, signature included. */
  content: string | undefined;
  sendDate: Date | undefined;
  receiveDate: Date | undefined;
  outId: string | undefined;
}

/** What `SmsClient.querySendDetails` returns: one page of sends with their delivery status. */
export interface QuerySendDetailsResult extends ResultBase {
  totalCount: number;
  details: SmsSendDetail[];
}

/** Input of `SmsClient.querySendStatistics`: daily counts over a date range. */
export interface QuerySendStatisticsInput {
  /** 1 mainland, 2 international. */
  isGlobe: 1 | 2;
  startDate: Date | string;
  endDate: Date | string;
  /** @default 1 */
  pageIndex?: number;
  /** 1–50. @default 50 */
  pageSize?: number;
  /** 0 verification, 1 notification, 2 promotional, 3 international, 7 digital. */
  templateType?: number;
  signName?: string;
}

/** One day of `querySendStatistics`: messages sent, delivered, failed and still without a receipt. */
export interface SendStatisticsDay {
  /** `yyyyMMdd`. */
  sendDate: string;
  totalCount: number;
  respondedSuccessCount: number;
  respondedFailCount: number;
  noRespondedCount: number;
}

/** What `SmsClient.querySendStatistics` returns: one row per day. */
export interface QuerySendStatisticsResult extends ResultBase {
  totalSize: number;
  days: SendStatisticsDay[];
}
