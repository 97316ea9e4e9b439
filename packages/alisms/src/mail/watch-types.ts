/** Delivery status codes of SenderStatisticsDetailByParam: 0 delivered, 2 invalid address, 3 spam, 4 failed. */
export type MailDeliveryStatus = 0 | 2 | 3 | 4;

/** Input of {@link MailClient.senderStatisticsDetailByParam}: give at most one of accountName, tagName, toAddress. */
export interface SenderStatisticsDetailInput {
  /** The sender address. */
  accountName?: string;
  /** The mail tag (TagName of the send). */
  tagName?: string;
  /** The recipient address. */
  toAddress?: string;
  /** Only this delivery status. */
  status?: MailDeliveryStatus;
  /** Start of the window (China time, minute precision); at most 30 days before `endTime`. @default endTime − 1 day */
  startTime?: Date | string;
  /** End of the window. @default now */
  endTime?: Date | string;
  /** Results per page, 1–100. @default 100 */
  length?: number;
  /** The `nextStart` of the previous page. */
  nextStart?: string;
  /** Only mail sent through this dedicated IP pool. */
  ipPoolId?: string;
  /** Only mail sent with this configuration set. */
  configSetId?: string;
}

/** One message's delivery, as SenderStatisticsDetailByParam reports it. */
export interface MailDeliveryDetail {
  /** The sender address. */
  accountName: string;
  /** The recipient address. */
  toAddress: string;
  /** The subject of the mail. */
  subject: string;
  /** 0 delivered, 2 invalid address, 3 spam, 4 failed. */
  status: number;
  /** The receiving server's answer, e.g. `250 Send Mail OK`. */
  message: string;
  /** Aliyun's class of the outcome, e.g. `SendOk`. */
  errorClassification: string;
  /** As Aliyun formats it (China time). */
  lastUpdateTime: string;
  /** Epoch seconds, as a string. */
  utcLastUpdateTime: string;
  /** The dedicated IP pool used, if any. */
  ipPoolId: string;
  /** Its name. */
  ipPoolName: string;
  /** The configuration set used, if any. */
  configSetId: string;
  /** Its name. */
  configSetName: string;
}

/** What {@link MailClient.senderStatisticsDetailByParam} returns. */
export interface SenderStatisticsDetailResult {
  /** One entry per message, newest last. */
  details: MailDeliveryDetail[];
  /** Pass it back as `nextStart` for the next page; absent on the last page. */
  nextStart?: string;
  /** Aliyun's RequestId. */
  requestId: string;
  /** The wire body as Aliyun sent it. */
  raw: Readonly<Record<string, unknown>>;
}

/** Input of {@link MailClient.senderStatisticsByTagNameAndBatchID}. */
export interface SenderStatisticsByTagInput {
  /** First day (China time), not more than 30 days ago. */
  startTime: Date | string;
  /** Last day; at most 7 days after `startTime`. */
  endTime: Date | string;
  /** The sender address. */
  accountName?: string;
  /** The mail tag (TagName of the send). */
  tagName?: string;
  /** The sender domain. */
  domain?: string;
  /** One dedicated IP (dedicated IPs only). */
  dedicatedIp?: string;
  /** One dedicated IP pool (dedicated IPs only). */
  dedicatedIpPoolId?: string;
  /** `gmail.com`, `yahoo.com`, `outlook.com`, `icloud.com` or `others` (dedicated IPs only). */
  esp?: string;
}

/** One day's counts from SenderStatisticsByTagNameAndBatchID (Aliyun sends them as strings). */
export interface MailDailyStat {
  /** The day, `YYYY-MM-DD`. */
  createTime: string;
  /** Mails sent that day. */
  requestCount: number;
  /** Mails delivered. */
  successCount: number;
  /** Aliyun's spelling on the wire is `faildCount`. */
  failedCount: number;
  /** Mails to invalid addresses. */
  unavailableCount: number;
  /** As Aliyun sends it, e.g. `100.00%`. */
  succeededPercent: string;
  /** As Aliyun sends it, e.g. `0.00%`. */
  unavailablePercent: string;
}

/** What {@link MailClient.senderStatisticsByTagNameAndBatchID} returns. */
export interface SenderStatisticsByTagResult {
  /** How many entries there are in all. */
  totalCount: number;
  /** One entry per day with mail. */
  stats: MailDailyStat[];
  /** Aliyun's RequestId. */
  requestId: string;
  /** The wire body as Aliyun sent it. */
  raw: Readonly<Record<string, unknown>>;
}

/** What {@link MailClient.descAccountSummary} returns: the quota and what the account holds. */
export interface MailAccountSummary {
  /** Mails the account may send a day. */
  dailyQuota: number;
  /** Mails the account may send a month. */
  monthQuota: number;
  /** Free mails left today. */
  dailyRemainFreeQuota: number;
  /** Quota left (as Aliyun reports it). */
  remainFreeQuota: number;
  /** The reputation level. */
  quotaLevel: number;
  /** The highest reputation level. */
  maxQuotaLevel: number;
  /** 0 normal, 1 frozen, 2 overdue, 4 sending restricted, 8 deleted. */
  userStatus: number;
  /** `normal` or `backup`. */
  ipChannelType: string;
  /** Sender domains. */
  domains: number;
  /** Sender addresses. */
  mailAddresses: number;
  /** Recipient lists. */
  receivers: number;
  /** Mail templates. */
  templates: number;
  /** Mail tags. */
  tags: number;
  /** The effective period. */
  enableTimes: number;
  /** Aliyun's RequestId. */
  requestId: string;
  /** The wire body as Aliyun sent it. */
  raw: Readonly<Record<string, unknown>>;
}

/** Input of {@link MailClient.queryMailAddressByParam}. */
export interface QueryMailAddressInput {
  /** Part of the address to look for (1–60 characters). */
  keyWord?: string;
  /** `batch` or `trigger`. */
  sendtype?: 'batch' | 'trigger';
  /** @default 1 */
  pageNo?: number;
  /** @default 10 */
  pageSize?: number;
}

/** One sender address, as QueryMailAddressByParam lists it (Aliyun sends every field as a string). */
export interface MailSenderAddress {
  /** Aliyun's id of the address. */
  mailAddressId: string;
  /** The sender address. */
  accountName: string;
  /** `0` usable, `1` frozen. */
  accountStatus: string;
  /** `0` the domain is verified. */
  domainStatus: string;
  /** `batch` or `trigger`. */
  sendtype: string;
  /** The reply-to address set for it. */
  replyAddress: string;
  /** `0` the reply address is verified. */
  replyStatus: string;
  /** Mails sent from it today. */
  dailyCount: string;
  /** Mails sent from it this month. */
  monthCount: string;
  /** Send requests today. */
  dailyReqCount: string;
  /** Send requests this month. */
  monthReqCount: string;
  /** When it was created, as Aliyun formats it. */
  createTime: string;
  /** The configuration set used, if any. */
  configSetId: string;
  /** Its name. */
  configSetName: string;
}

/** What {@link MailClient.queryMailAddressByParam} returns. */
export interface QueryMailAddressResult {
  /** One page of addresses. */
  addresses: MailSenderAddress[];
  /** How many entries there are in all. */
  totalCount: number;
  /** The page returned. */
  pageNumber: number;
  /** Entries per page. */
  pageSize: number;
  /** Aliyun's RequestId. */
  requestId: string;
  /** The wire body as Aliyun sent it. */
  raw: Readonly<Record<string, unknown>>;
}
