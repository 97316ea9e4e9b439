import { BusinessError } from '../../wire/errors.js';
import { type ActionContext, required } from '../context.js';

function epochMs(ctx: ActionContext, name: string, fallback: number): number {
  const raw = ctx.params[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new BusinessError('isv.INVALID_PARAMETERS', `参数异常:${name}须为毫秒时间戳`);
  return value;
}

/**
 * SmsConversionIntl: the sender reports that a message's recipient converted (used the code). `MessageId` may be
 * the MessageId of an international send or the BizId of a SendSms; an unknown id is `isv.INVALID_PARAMETERS`.
 */
export function smsConversionIntl(ctx: ActionContext) {
  const { state, params: p } = ctx;
  const messageId = required(p, 'MessageId');
  const known = state.store
    .list({ limit: Number.POSITIVE_INFINITY })
    .some((m) => m.messageId === messageId || m.bizId === messageId);
  if (!known) throw new BusinessError('isv.INVALID_PARAMETERS', `参数异常:找不到MessageId ${messageId}`);
  const now = state.clock.now();
  state.conversions.messages.set(messageId, {
    messageId,
    delivered: p.Delivered !== 'false',
    conversionTime: epochMs(ctx, 'ConversionTime', now),
    reportedAt: now,
  });
  return { Code: 'OK', Message: 'OK' };
}

/** ConversionDataIntl: the account-wide conversion rate (0–1) for a time. */
export function conversionDataIntl(ctx: ActionContext) {
  const { state, params: p } = ctx;
  const rate = required(p, 'ConversionRate');
  const value = Number(rate);
  if (!/^\d+(\.\d+)?$/.test(rate) || value < 0 || value > 1)
    throw new BusinessError('isv.INVALID_PARAMETERS', '参数异常:ConversionRate须为0到1之间的小数');
  const now = state.clock.now();
  state.conversions.rates.push({ conversionRate: rate, reportTime: epochMs(ctx, 'ReportTime', now), reportedAt: now });
  return { Code: 'OK', Message: 'OK' };
}
