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
 * Records one message's conversion: in the feedback the statistics read, and on the stored message the inbox
 * shows. `MessageId` may be the MessageId of an international send or the BizId of a SendSms; an unknown id is
 * `isv.INVALID_PARAMETERS`. `To` (2018-05-01 only), when given, must be the message's recipient.
 */
async function recordConversion(ctx: ActionContext): Promise<void> {
  const { state, params: p } = ctx;
  const messageId = required(p, 'MessageId');
  const matches = state.store
    .list({ limit: Number.POSITIVE_INFINITY })
    .filter((m) => m.messageId === messageId || m.bizId === messageId);
  if (matches.length === 0) throw new BusinessError('isv.INVALID_PARAMETERS', `参数异常:找不到MessageId ${messageId}`);
  const to = p.To?.replace(/^(\+|00)/, '');
  const targets = to ? matches.filter((m) => m.toKey === to || m.toKey.endsWith(to)) : matches;
  if (targets.length === 0) throw new BusinessError('isv.INVALID_PARAMETERS', '参数异常:To与MessageId的接收号码不符');
  const now = state.clock.now();
  const delivered = p.Delivered !== 'false';
  const conversionTime = epochMs(ctx, 'ConversionTime', now);
  state.conversions.messages.set(messageId, { messageId, delivered, conversionTime, reportedAt: now });
  const conversion = { delivered, conversionTime: new Date(conversionTime).toISOString() };
  for (const m of targets) await state.store.update(m.id, { conversion });
}

function recordRate(ctx: ActionContext): void {
  const { state, params: p } = ctx;
  const rate = required(p, 'ConversionRate');
  const value = Number(rate);
  if (!/^\d+(\.\d+)?$/.test(rate) || value < 0 || value > 1)
    throw new BusinessError('isv.INVALID_PARAMETERS', '参数异常:ConversionRate须为0到1之间的小数');
  const now = state.clock.now();
  state.conversions.rates.push({ conversionRate: rate, reportTime: epochMs(ctx, 'ReportTime', now), reportedAt: now });
}

/** SmsConversionIntl (dysmsapi 2017-05-25): the sender reports that a message's recipient converted (used the code). */
export async function smsConversionIntl(ctx: ActionContext) {
  await recordConversion(ctx);
  return { Code: 'OK', Message: 'OK' };
}

/** ConversionDataIntl (dysmsapi 2017-05-25): the account-wide conversion rate (0–1) for a time. */
export function conversionDataIntl(ctx: ActionContext) {
  recordRate(ctx);
  return { Code: 'OK', Message: 'OK' };
}

/** SmsConversion (2018-05-01, international): as SmsConversionIntl, plus an optional `To`; answers ResponseCode. */
export async function smsConversion(ctx: ActionContext) {
  await recordConversion(ctx);
  return { ResponseCode: 'OK', ResponseDescription: 'OK' };
}

/** ConversionData (2018-05-01, international): the account-wide conversion rate; answers ResponseCode. */
export function conversionData(ctx: ActionContext) {
  recordRate(ctx);
  return { ResponseCode: 'OK', ResponseDescription: 'OK' };
}
