type Raw = Readonly<Record<string, unknown>>;

/** Delivery status codes of SenderStatisticsDetailByParam: 0 delivered, 2 invalid address, 3 spam, 4 failed. */
export type MailDeliveryStatus = 0 | 2 | 3 | 4;

/** Input of {@link MailClient.senderStatisticsDetailByParam}: give at most one of accountName, tagName, toAddress. */
export interface SenderStatisticsDetailInput {
  accountName?: string;
  tagName?: string;
  toAddress?: string;
  status?: MailDeliveryStatus;
  /** Start of the window (China time, minute precision); at most 30 days before `endTime`. @default endTime − 1 day */
  startTime?: Date | string;
  /** End of the window. @default now */
  endTime?: Date | string;
  /** Results per page, 1–100. @default 100 */
  length?: number;
  /** The `nextStart` of the previous page. */
  nextStart?: string;
  ipPoolId?: string;
  configSetId?: string;
}

/** One message's delivery, as SenderStatisticsDetailByParam reports it. */
export interface MailDeliveryDetail {
  accountName: string;
  toAddress: string;
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
  ipPoolId: string;
  ipPoolName: string;
  configSetId: string;
  configSetName: string;
}

/** What {@link MailClient.senderStatisticsDetailByParam} returns. */
export interface SenderStatisticsDetailResult {
  details: MailDeliveryDetail[];
  /** Pass it back as `nextStart` for the next page; absent on the last page. */
  nextStart?: string;
  requestId: string;
  raw: Raw;
}

/** Input of {@link MailClient.senderStatisticsByTagNameAndBatchID}. */
export interface SenderStatisticsByTagInput {
  /** First day (China time), not more than 30 days ago. */
  startTime: Date | string;
  /** Last day; at most 7 days after `startTime`. */
  endTime: Date | string;
  accountName?: string;
  tagName?: string;
  /** The sender domain. */
  domain?: string;
  dedicatedIp?: string;
  dedicatedIpPoolId?: string;
  /** `gmail.com`, `yahoo.com`, `outlook.com`, `icloud.com` or `others` (dedicated IPs only). */
  esp?: string;
}

/** One day's counts from SenderStatisticsByTagNameAndBatchID (Aliyun sends them as strings). */
export interface MailDailyStat {
  /** The day, `YYYY-MM-DD`. */
  createTime: string;
  requestCount: number;
  successCount: number;
  /** Aliyun's spelling on the wire is `faildCount`. */
  failedCount: number;
  unavailableCount: number;
  /** As Aliyun sends it, e.g. `100.00%`. */
  succeededPercent: string;
  unavailablePercent: string;
}

/** What {@link MailClient.senderStatisticsByTagNameAndBatchID} returns. */
export interface SenderStatisticsByTagResult {
  totalCount: number;
  stats: MailDailyStat[];
  requestId: string;
  raw: Raw;
}

/** What {@link MailClient.descAccountSummary} returns: the quota and what the account holds. */
export interface MailAccountSummary {
  dailyQuota: number;
  monthQuota: number;
  /** Free mails left today. */
  dailyRemainFreeQuota: number;
  remainFreeQuota: number;
  quotaLevel: number;
  maxQuotaLevel: number;
  /** 0 normal, 1 frozen, 2 overdue, 4 sending restricted, 8 deleted. */
  userStatus: number;
  /** `normal` or `backup`. */
  ipChannelType: string;
  domains: number;
  mailAddresses: number;
  receivers: number;
  templates: number;
  tags: number;
  enableTimes: number;
  requestId: string;
  raw: Raw;
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
  mailAddressId: string;
  accountName: string;
  /** `0` usable, `1` frozen. */
  accountStatus: string;
  /** `0` the domain is verified. */
  domainStatus: string;
  sendtype: string;
  replyAddress: string;
  /** `0` the reply address is verified. */
  replyStatus: string;
  dailyCount: string;
  monthCount: string;
  dailyReqCount: string;
  monthReqCount: string;
  createTime: string;
  configSetId: string;
  configSetName: string;
}

/** What {@link MailClient.queryMailAddressByParam} returns. */
export interface QueryMailAddressResult {
  addresses: MailSenderAddress[];
  totalCount: number;
  pageNumber: number;
  pageSize: number;
  requestId: string;
  raw: Raw;
}
