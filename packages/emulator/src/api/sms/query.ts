import type { TemplateType } from '../../config/schema.js';
import { TEMPLATE_TYPE_NUMBERS } from '../../rules/catalog.js';
import { recipientKey } from '../../rules/phone.js';
import type { MessageStatus, StoredMessage } from '../../store/types.js';
import { formatChinaDateTime, formatChinaDay, parseChinaDay } from '../../wire/dates.js';
import { BusinessError } from '../../wire/errors.js';
import { type ActionContext, required } from '../context.js';

const DAY = 86_400_000;
const SEND_STATUS: Record<MessageStatus, number> = { waiting: 1, failed: 2, delivered: 3 };

function pageNumber(raw: string, name: string, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new BusinessError('isv.INVALID_PARAMETERS', `参数异常:${name}`);
  return value;
}

function day(raw: string, name: string): number {
  const start = parseChinaDay(raw);
  if (start === undefined) throw new BusinessError('isv.INVALID_PARAMETERS', `参数异常:${name}须为yyyyMMdd`);
  return start;
}

function detail(m: StoredMessage) {
  const dto: Record<string, unknown> = {
    PhoneNum: m.to,
    SendStatus: SEND_STATUS[m.status],
    ErrCode: m.errCode ?? '',
    TemplateCode: m.templateCode ?? '',
    Content: m.content,
    SendDate: formatChinaDateTime(Date.parse(m.sentAt)),
  };
  if (m.receivedAt) dto.ReceiveDate = formatChinaDateTime(Date.parse(m.receivedAt));
  if (m.outId) dto.OutId = m.outId;
  return dto;
}

/** QuerySendDetails: one number's messages on one UTC+8 day, optionally one BizId, paged. */
export function querySendDetails(ctx: ActionContext) {
  const p = ctx.params;
  const phone = required(p, 'PhoneNumber');
  const start = day(required(p, 'SendDate'), 'SendDate');
  const pageSize = pageNumber(required(p, 'PageSize'), 'PageSize', 50);
  const currentPage = pageNumber(required(p, 'CurrentPage'), 'CurrentPage', Number.MAX_SAFE_INTEGER);
  const key = recipientKey(phone);
  const matches = ctx.state.store.list({ to: phone, limit: Number.POSITIVE_INFINITY, product: 'sms' }).filter((m) => {
    const sent = Date.parse(m.sentAt);
    return m.toKey === key && sent >= start && sent < start + DAY && (!p.BizId || m.bizId === p.BizId);
  });
  const page = matches.slice((currentPage - 1) * pageSize, currentPage * pageSize);
  return {
    Code: 'OK',
    Message: 'OK',
    TotalCount: matches.length,
    SmsSendDetailDTOs: { SmsSendDetailDTO: page.map(detail) },
  };
}

/** The `TemplateType` filter: 0 verification, 1 notification, 2 promotional, 3 international, 7 digital. */
function templateTypeFilter(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new BusinessError('isv.INVALID_PARAMETERS', '参数异常:TemplateType');
  return Number(raw);
}

// The template type of a stored message, from the catalog: a message sent with a template deleted since
// matches no TemplateType. International texts (SendMessageToGlobe) have no template and count as 3.
function templateTypeOf(ctx: ActionContext, m: StoredMessage): number | undefined {
  if (m.templateCode === undefined) return m.product === 'intl' ? TEMPLATE_TYPE_NUMBERS.international : undefined;
  const type: TemplateType | undefined = ctx.state.catalog.templates.get(m.templateCode)?.type;
  return type === undefined ? undefined : TEMPLATE_TYPE_NUMBERS[type];
}

/** QuerySendStatistics: per-day counts of submissions and their receipt outcome, filtered by `TemplateType` and `SignName`. */
export function querySendStatistics(ctx: ActionContext) {
  const p = ctx.params;
  const isGlobe = required(p, 'IsGlobe');
  const start = day(required(p, 'StartDate'), 'StartDate');
  const end = day(required(p, 'EndDate'), 'EndDate') + DAY;
  const pageIndex = pageNumber(required(p, 'PageIndex'), 'PageIndex', Number.MAX_SAFE_INTEGER);
  const pageSize = pageNumber(required(p, 'PageSize'), 'PageSize', 50);
  const product = isGlobe === '2' ? 'intl' : 'sms';
  const templateType = templateTypeFilter(p.TemplateType);
  const byDay = new Map<string, { total: number; ok: number; failed: number; waiting: number; converted: number }>();
  const conversions = ctx.state.conversions.messages;
  for (const m of ctx.state.store.list({ product, limit: Number.POSITIVE_INFINITY })) {
    const sent = Date.parse(m.sentAt);
    if (sent < start || sent >= end || (p.SignName && m.signName !== p.SignName)) continue;
    if (templateType !== undefined && templateTypeOf(ctx, m) !== templateType) continue;
    const key = formatChinaDay(sent);
    const row = byDay.get(key) ?? { total: 0, ok: 0, failed: 0, waiting: 0, converted: 0 };
    row.total += 1;
    const reported = conversions.get(m.messageId ?? '') ?? conversions.get(m.bizId ?? '');
    if (reported?.delivered) row.converted += 1;
    if (m.status === 'delivered') row.ok += 1;
    else if (m.status === 'failed') row.failed += 1;
    else row.waiting += 1;
    byDay.set(key, row);
  }
  const days = [...byDay.keys()].sort();
  const targets = days.slice((pageIndex - 1) * pageSize, pageIndex * pageSize).map((d) => {
    const row = byDay.get(d) as { total: number; ok: number; failed: number; waiting: number; converted: number };
    return {
      SendDate: d,
      TotalCount: row.total,
      RespondedSuccessCount: row.ok,
      RespondedFailCount: row.failed,
      NoRespondedCount: row.waiting,
      // Not in Aliyun's model: the emulator's view of the conversion feedback it received for that day's sends.
      ConvertedCount: row.converted,
    };
  });
  return { Code: 'OK', Message: 'OK', Data: { TotalSize: days.length, TargetList: targets } };
}
