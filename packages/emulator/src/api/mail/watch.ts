import { formatChinaDateTime, formatChinaDay, parseChinaDate } from 'alisms';
import type { StoredMessage } from '../../store/types.js';
import { invalid } from '../../wire/errors.js';
import { type ActionContext, required } from '../context.js';

const DAY_MS = 86_400_000;

/** The mails the emulator stored, oldest first. */
function mails(ctx: ActionContext): StoredMessage[] {
  return ctx.state.store.list({ product: 'mail', limit: Number.POSITIVE_INFINITY }).reverse();
}

function chinaTime(ctx: ActionContext, name: string, withMinutes: boolean, fallback?: number): number {
  const raw = ctx.params[name];
  if ((raw === undefined || raw === '') && fallback !== undefined) return fallback;
  const value = required(ctx.params, name);
  const ms = value.length === (withMinutes ? 16 : 10) ? parseChinaDate(value) : undefined;
  if (ms === undefined) throw invalid(name, `Use ${withMinutes ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd'} (China time).`);
  return ms;
}

function intParam(ctx: ActionContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.params[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(name, `Use ${min} to ${max}.`);
  return value;
}

/** Direct Mail's delivery status of a stored mail: 0 delivered, 2 invalid address, 3 spam, 4 failed. */
function deliveryStatus(m: StoredMessage): { status: number; message: string; classification: string } {
  if (m.status === 'delivered') return { status: 0, message: '250 Send Mail OK', classification: 'SendOk' };
  const code = (m.errCode ?? '').toUpperCase();
  if (/INVALID|NOT_EXIST|NO_SUCH|UNKNOWN_USER/.test(code))
    return { status: 2, message: `550 ${m.errCode}`, classification: 'InvalidAddress' };
  if (code.includes('SPAM')) return { status: 3, message: `554 ${m.errCode}`, classification: 'SpamDetected' };
  return { status: 4, message: `${m.errCode ?? 'failed'}`, classification: 'SendFailed' };
}

function settledAt(m: StoredMessage): number {
  return Date.parse(m.receivedAt ?? m.sentAt);
}

/**
 * SenderStatisticsDetailByParam: each settled mail (delivered or failed; a mail still waiting has no result yet)
 * in a window of at most 30 days, filtered by one of AccountName, TagName, ToAddress and by Status. `NextStart`
 * is the emulator's id of the next mail.
 */
export function senderStatisticsDetailByParam(ctx: ActionContext) {
  const p = ctx.params;
  const filters = ['AccountName', 'TagName', 'ToAddress'].filter((n) => p[n]);
  if (filters.length > 1) throw invalid(filters[1] as string, 'Give only one of AccountName, TagName and ToAddress.');
  const now = ctx.state.clock.now();
  const end = chinaTime(ctx, 'EndTime', true, now);
  const start = chinaTime(ctx, 'StartTime', true, end - DAY_MS);
  if (start > end || end - start > 30 * DAY_MS) throw invalid('EndTime', 'The window is at most 30 days.');
  const length = intParam(ctx, 'Length', 10, 1, 100);
  const status = p.Status === undefined || p.Status === '' ? undefined : intParam(ctx, 'Status', 0, 0, 4);
  const matching = mails(ctx)
    .filter((m) => m.status !== 'waiting' && settledAt(m) >= start && settledAt(m) < end + 60_000)
    .filter((m) => !p.AccountName || m.mail?.from.toLowerCase() === p.AccountName.toLowerCase())
    .filter((m) => !p.TagName || m.mail?.tagName === p.TagName)
    .filter((m) => !p.ToAddress || m.toKey === p.ToAddress.toLowerCase())
    .filter((m) => status === undefined || deliveryStatus(m).status === status);
  const from = p.NextStart ? matching.findIndex((m) => m.id === p.NextStart) : 0;
  if (from < 0) throw invalid('NextStart');
  const page = matching.slice(from, from + length);
  const next = matching[from + length];
  return {
    NextStart: next ? next.id : '',
    data: {
      mailDetail: page.map((m) => {
        const outcome = deliveryStatus(m);
        const at = settledAt(m);
        return {
          AccountName: m.mail?.from ?? '',
          ToAddress: m.to,
          Subject: m.mail?.subject ?? m.content,
          Status: outcome.status,
          Message: outcome.message,
          ErrorClassification: outcome.classification,
          LastUpdateTime: formatChinaDateTime(at),
          UtcLastUpdateTime: String(Math.floor(at / 1000)),
          IpPoolId: m.mail?.options?.IpPoolId ?? '',
          IpPoolName: '',
          ConfigSetId: '',
          ConfigSetName: '',
        };
      }),
    },
  };
}

function percent(part: number, whole: number): string {
  return `${whole === 0 ? '0.00' : ((part / whole) * 100).toFixed(2)}%`;
}

/**
 * SenderStatisticsByTagNameAndBatchID: per China day from StartTime to EndTime (at most 7 days apart), the
 * mails sent, delivered, failed and sent to invalid addresses; days without mail are left out.
 */
export function senderStatisticsByTagNameAndBatchID(ctx: ActionContext) {
  const p = ctx.params;
  const start = chinaTime(ctx, 'StartTime', false);
  const end = chinaTime(ctx, 'EndTime', false);
  if (start > end || end - start > 7 * DAY_MS) throw invalid('EndTime', 'At most 7 days after StartTime.');
  const days = new Map<string, StoredMessage[]>();
  for (const m of mails(ctx)) {
    const sent = Date.parse(m.sentAt);
    if (sent < start || sent >= end + DAY_MS) continue;
    if (p.AccountName && m.mail?.from.toLowerCase() !== p.AccountName.toLowerCase()) continue;
    if (p.TagName && m.mail?.tagName !== p.TagName) continue;
    if (p.Domain && !m.mail?.from.toLowerCase().endsWith(`@${p.Domain.toLowerCase()}`)) continue;
    const day = formatChinaDay(sent);
    days.set(day, [...(days.get(day) ?? []), m]);
  }
  const stat = [...days].map(([day, list]) => {
    const success = list.filter((m) => m.status === 'delivered').length;
    const failed = list.filter((m) => m.status === 'failed').length;
    const unavailable = list.filter((m) => m.status === 'failed' && deliveryStatus(m).status === 2).length;
    return {
      CreateTime: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`,
      requestCount: String(list.length),
      successCount: String(success),
      faildCount: String(failed),
      unavailableCount: String(unavailable),
      succeededPercent: percent(success, list.length),
      unavailablePercent: percent(unavailable, list.length),
    };
  });
  return { TotalCount: stat.length, data: { stat } };
}

/** The sender addresses: the configured ones, or (with none configured) every address that has sent. */
function senders(ctx: ActionContext): string[] {
  const configured = ctx.state.config.mail.senders;
  if (configured.length > 0) return configured;
  return [...new Set(mails(ctx).map((m) => m.mail?.from ?? ''))].filter(Boolean);
}

/**
 * DescAccountSummary: the configured quotas (`mail.dailyQuota`, `mail.monthQuota`), what is left of them today,
 * of the 200 free mails a day, and the counts of addresses, domains, templates, receiver lists and tags.
 */
export function descAccountSummary(ctx: ActionContext) {
  const { mail } = ctx.state.config;
  const today = formatChinaDay(ctx.state.clock.now());
  const all = mails(ctx);
  const sentToday = all.filter((m) => formatChinaDay(Date.parse(m.sentAt)) === today).length;
  const addresses = senders(ctx);
  return {
    DailyQuota: mail.dailyQuota,
    MonthQuota: mail.monthQuota,
    DailyRemainFreeQuota: Math.max(0, 200 - sentToday),
    RemainFreeQuota: Math.max(0, mail.dailyQuota - sentToday),
    QuotaLevel: 2,
    MaxQuotaLevel: 10,
    UserStatus: 0,
    IpChannelType: 'normal',
    EnableTimes: 0,
    Domains: new Set(addresses.map((a) => a.split('@')[1]?.toLowerCase())).size,
    MailAddresses: addresses.length,
    Receivers: mail.receivers.length,
    Templates: mail.templates.length,
    Tags: new Set(all.map((m) => m.mail?.tagName).filter(Boolean)).size,
    // Deprecated by Aliyun and kept at 0 there too.
    DayuStatus: 0,
    SmsRecord: 0,
    SmsSign: 0,
    SmsTemplates: 0,
  };
}

/**
 * QueryMailAddressByParam: the sender addresses with today's and this month's mail counts, filtered by
 * KeyWord (a substring) and Sendtype (every emulator address is `trigger`), paged by PageNo/PageSize.
 */
export function queryMailAddressByParam(ctx: ActionContext) {
  const p = ctx.params;
  if (p.Sendtype && p.Sendtype !== 'batch' && p.Sendtype !== 'trigger')
    throw invalid('Sendtype', 'Use batch or trigger.');
  const pageNo = intParam(ctx, 'PageNo', 1, 1, 1_000_000);
  const pageSize = intParam(ctx, 'PageSize', 10, 1, 100);
  const now = ctx.state.clock.now();
  const today = formatChinaDay(now);
  const month = today.slice(0, 6);
  const all = mails(ctx);
  const list = senders(ctx)
    .map((address, i) => ({ address, id: String(100000 + i) }))
    .filter(({ address }) => !p.KeyWord || address.toLowerCase().includes(p.KeyWord.toLowerCase()))
    .filter(() => !p.Sendtype || p.Sendtype === 'trigger');
  const page = list.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  return {
    TotalCount: list.length,
    PageNumber: pageNo,
    PageSize: pageSize,
    data: {
      mailAddress: page.map(({ address, id }) => {
        const own = all.filter((m) => m.mail?.from.toLowerCase() === address.toLowerCase());
        const daily = own.filter((m) => formatChinaDay(Date.parse(m.sentAt)) === today).length;
        const monthly = own.filter((m) => formatChinaDay(Date.parse(m.sentAt)).startsWith(month)).length;
        return {
          MailAddressId: id,
          AccountName: address,
          AccountStatus: '0',
          DomainStatus: '0',
          Sendtype: 'trigger',
          ReplyAddress: '',
          ReplyStatus: '0',
          DailyCount: String(daily),
          MonthCount: String(monthly),
          DailyReqCount: String(daily),
          MonthReqCount: String(monthly),
          CreateTime: formatChinaDateTime(ctx.state.startedAt),
          ConfigSetId: '',
          ConfigSetName: '',
        };
      }),
    },
  };
}
