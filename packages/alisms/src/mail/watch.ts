import { formatChinaDateTime, parseChinaDate } from '../core/china-time.js';
import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { defined } from './validate.js';
import type {
  MailAccountSummary,
  MailDailyStat,
  MailDeliveryDetail,
  MailSenderAddress,
  QueryMailAddressInput,
  SenderStatisticsByTagInput,
  SenderStatisticsDetailInput,
} from './watch-types.js';

type Body = Readonly<Record<string, unknown>>;
const DAY_MS = 86_400_000;

/** `Date` → China time `yyyy-MM-dd HH:mm` (or `yyyy-MM-dd`); a string must already have that shape. */
function chinaTime(value: Date | string, field: string, withMinutes: boolean): { text: string; ms: number } {
  const shape = withMinutes ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd';
  if (typeof value === 'string') {
    const ms = value.length === shape.length ? parseChinaDate(value) : undefined;
    if (ms === undefined) throw new InvalidArgumentError(field, `use a Date or "${shape}"`);
    return { text: value, ms };
  }
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidArgumentError(field, 'is not a date');
  return { text: formatChinaDateTime(value.getTime()).slice(0, shape.length), ms: value.getTime() };
}

function intIn(value: number | undefined, field: string, min: number, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InvalidArgumentError(field, `must be a whole number from ${min} to ${max}`);
  return String(value);
}

/** SenderStatisticsDetailByParam's query, validated: one filter at most, a window of 30 days at most. */
export function detailQuery(input: SenderStatisticsDetailInput, now: number): Record<string, string> {
  const filters = (['accountName', 'tagName', 'toAddress'] as const).filter((k) => input[k] !== undefined);
  if (filters.length > 1)
    throw new InvalidArgumentError(filters[1] as string, `give only one of accountName, tagName, toAddress`);
  const end = chinaTime(input.endTime ?? new Date(now), 'endTime', true);
  const start = chinaTime(input.startTime ?? new Date(end.ms - DAY_MS), 'startTime', true);
  if (start.ms > end.ms) throw new InvalidArgumentError('startTime', 'must not be after endTime');
  if (end.ms - start.ms > 30 * DAY_MS) throw new InvalidArgumentError('startTime', 'the window is at most 30 days');
  if (input.status !== undefined && ![0, 2, 3, 4].includes(input.status))
    throw new InvalidArgumentError('status', 'must be 0 (delivered), 2 (invalid address), 3 (spam) or 4 (failed)');
  return defined({
    AccountName: input.accountName,
    TagName: input.tagName,
    ToAddress: input.toAddress,
    Status: input.status === undefined ? undefined : String(input.status),
    StartTime: start.text,
    EndTime: end.text,
    Length: intIn(input.length ?? 100, 'length', 1, 100),
    NextStart: input.nextStart,
    IpPoolId: input.ipPoolId,
    ConfigSetId: input.configSetId,
  });
}

/** SenderStatisticsByTagNameAndBatchID's query, validated: days, at most 7 apart. */
export function byTagQuery(input: SenderStatisticsByTagInput): Record<string, string> {
  const start = chinaTime(input.startTime, 'startTime', false);
  const end = chinaTime(input.endTime, 'endTime', false);
  if (start.ms > end.ms) throw new InvalidArgumentError('startTime', 'must not be after endTime');
  if (end.ms - start.ms > 7 * DAY_MS) throw new InvalidArgumentError('endTime', 'at most 7 days after startTime');
  return defined({
    StartTime: start.text,
    EndTime: end.text,
    AccountName: input.accountName,
    TagName: input.tagName,
    Domain: input.domain,
    DedicatedIp: input.dedicatedIp,
    DedicatedIpPoolId: input.dedicatedIpPoolId,
    Esp: input.esp,
  });
}

/** QueryMailAddressByParam's query, validated. */
export function mailAddressQuery(input: QueryMailAddressInput): Record<string, string> {
  if (input.keyWord !== undefined && !/^[A-Za-z0-9.@_-]{1,60}$/.test(input.keyWord))
    throw new InvalidArgumentError('keyWord', 'use 1 to 60 letters, digits, . - _ @');
  if (input.sendtype !== undefined && input.sendtype !== 'batch' && input.sendtype !== 'trigger')
    throw new InvalidArgumentError('sendtype', 'must be batch or trigger');
  return defined({
    KeyWord: input.keyWord,
    Sendtype: input.sendtype,
    PageNo: intIn(input.pageNo, 'pageNo', 1, 1_000_000),
    PageSize: intIn(input.pageSize, 'pageSize', 1, 100),
  });
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number => {
  const n = Number(typeof v === 'string' ? v.replace('%', '') : v);
  return Number.isFinite(n) ? n : 0;
};
/** Aliyun wraps lists as `{ data: { item: [...] } }` (JSON) — and sometimes as one object when there is one item. */
function list(body: Body, outer: string, inner: string): Array<Record<string, unknown>> {
  const wrapper = (body[outer] ?? body[outer[0]?.toUpperCase() + outer.slice(1)]) as
    | Record<string, unknown>
    | undefined;
  const items = wrapper?.[inner];
  if (Array.isArray(items)) return items as Array<Record<string, unknown>>;
  return items && typeof items === 'object' ? [items as Record<string, unknown>] : [];
}

/** Typed rows of a SenderStatisticsDetailByParam answer. */
export function deliveryDetails(body: Body): MailDeliveryDetail[] {
  return list(body, 'data', 'mailDetail').map((d) => ({
    accountName: str(d.AccountName),
    toAddress: str(d.ToAddress),
    subject: str(d.Subject),
    status: num(d.Status),
    message: str(d.Message),
    errorClassification: str(d.ErrorClassification),
    lastUpdateTime: str(d.LastUpdateTime),
    utcLastUpdateTime: str(d.UtcLastUpdateTime),
    ipPoolId: str(d.IpPoolId),
    ipPoolName: str(d.IpPoolName),
    configSetId: str(d.ConfigSetId),
    configSetName: str(d.ConfigSetName),
  }));
}

/** Typed days of a SenderStatisticsByTagNameAndBatchID answer. */
export function dailyStats(body: Body): MailDailyStat[] {
  return list(body, 'data', 'stat').map((s) => ({
    createTime: str(s.CreateTime),
    requestCount: num(s.requestCount),
    successCount: num(s.successCount),
    failedCount: num(s.faildCount),
    unavailableCount: num(s.unavailableCount),
    succeededPercent: str(s.succeededPercent),
    unavailablePercent: str(s.unavailablePercent),
  }));
}

/** Typed addresses of a QueryMailAddressByParam answer. */
export function senderAddresses(body: Body): MailSenderAddress[] {
  return list(body, 'data', 'mailAddress').map((a) => ({
    mailAddressId: str(a.MailAddressId),
    accountName: str(a.AccountName),
    accountStatus: str(a.AccountStatus),
    domainStatus: str(a.DomainStatus),
    sendtype: str(a.Sendtype),
    replyAddress: str(a.ReplyAddress),
    replyStatus: str(a.ReplyStatus),
    dailyCount: str(a.DailyCount),
    monthCount: str(a.MonthCount),
    dailyReqCount: str(a.DailyReqCount),
    monthReqCount: str(a.MonthReqCount),
    createTime: str(a.CreateTime),
    configSetId: str(a.ConfigSetId),
    configSetName: str(a.ConfigSetName),
  }));
}

/** A DescAccountSummary answer, typed. */
export function accountSummary(body: Body): Omit<MailAccountSummary, 'requestId' | 'raw'> {
  return {
    dailyQuota: num(body.DailyQuota),
    monthQuota: num(body.MonthQuota),
    dailyRemainFreeQuota: num(body.DailyRemainFreeQuota),
    remainFreeQuota: num(body.RemainFreeQuota),
    quotaLevel: num(body.QuotaLevel),
    maxQuotaLevel: num(body.MaxQuotaLevel),
    userStatus: num(body.UserStatus),
    ipChannelType: str(body.IpChannelType),
    domains: num(body.Domains),
    mailAddresses: num(body.MailAddresses),
    receivers: num(body.Receivers),
    templates: num(body.Templates),
    tags: num(body.Tags),
    enableTimes: num(body.EnableTimes),
  };
}

export { num as wireNumber, str as wireString };
