import type { TemplateType } from '../../config/schema.js';
import { type CatalogTemplate, signFitsTemplate } from '../../rules/catalog.js';
import { parsePhoneNumber } from '../../rules/phone.js';
import { charCount, mainlandSegments } from '../../rules/segments.js';
import { checkParamObject, extractCode, parseTemplateParam, renderTemplate } from '../../rules/template.js';
import type { StoredMessage } from '../../store/types.js';
import { BusinessError } from '../../wire/errors.js';
import { newBizId } from '../../wire/ids.js';
import { type ActionContext, type EmulatorState, required } from '../context.js';

const MAX_CONTENT = 500;

/** One recipient of a send, before the shared rules run. */
interface Recipient {
  to: string;
  key: string;
  mainland: boolean;
  sign: string;
  params: Record<string, string> | undefined;
}

/** The approved template, or `isv.SMS_TEMPLATE_ILLEGAL`. */
export function approvedTemplate(state: EmulatorState, code: string): CatalogTemplate {
  const template = state.catalog.templates.get(code);
  if (!template || state.catalog.statusOf(template) !== 'approved')
    throw new BusinessError('isv.SMS_TEMPLATE_ILLEGAL', `该账号下找不到对应模板或模板未审核通过:${code}`);
  return template;
}

/** Checks the sign exists, is approved and may carry a template of this type. */
export function checkSign(state: EmulatorState, name: string, type: TemplateType): void {
  const sign = state.catalog.signs.get(name);
  if (!sign || state.catalog.statusOf(sign) !== 'approved')
    throw new BusinessError('isv.SMS_SIGNATURE_ILLEGAL', `该账号下找不到对应签名或签名未审核通过:${name}`);
  if (!signFitsTemplate(sign.type, type))
    throw new BusinessError('isv.SMS_SIGNATURE_SCENE_ILLEGAL', '短信所使用签名场景非法');
}

function parseNumber(raw: string) {
  const parsed = parsePhoneNumber(raw);
  if (!parsed) throw new BusinessError('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
  return parsed;
}

/**
 * Applies the rules every SMS send shares (rendering, length, daily cap, flow control), then stores
 * one message per recipient under one BizId. Nothing is counted unless every recipient passes.
 */
async function accept(ctx: ActionContext, template: CatalogTemplate, recipients: Recipient[]): Promise<string> {
  const { state } = ctx;
  const now = state.clock.now();
  const rendered = recipients.map((r) => {
    checkSign(state, r.sign, template.type);
    if (template.type === 'international' && r.mainland)
      throw new BusinessError('isv.DOMESTIC_NUMBER_NOT_SUPPORTED', '国际/港澳台消息模板不支持发送境内号码');
    const content = `【${r.sign}】${renderTemplate(template.content, r.params, template.type === 'verification')}`;
    if (charCount(content) > MAX_CONTENT) throw new BusinessError('isv.PARAM_LENGTH_LIMIT', '参数超出长度限制');
    return content;
  });
  state.dailyCap.check(recipients.length, now);
  for (const r of recipients) if (r.mainland) state.flow.check(template.type, r.sign, template.code, r.key, now);
  state.dailyCap.record(recipients.length, now);
  for (const r of recipients) if (r.mainland) state.flow.record(template.type, r.sign, template.code, r.key, now);
  const bizId = newBizId();
  const outId = ctx.params.OutId;
  const sentAt = new Date(now).toISOString();
  for (const [i, r] of recipients.entries()) {
    const content = rendered[i] as string;
    const message: StoredMessage = {
      id: state.nextMessageId(),
      product: 'sms',
      action: ctx.request.action ?? 'SendSms',
      to: r.to,
      toKey: r.key,
      signName: r.sign,
      templateCode: template.code,
      content,
      segments: mainlandSegments(content),
      bizId,
      status: 'waiting',
      sentAt,
    };
    if (r.params) message.params = r.params;
    const code = extractCode(r.params, content);
    if (code) message.code = code;
    if (outId) message.outId = outId;
    await state.store.add(message);
  }
  return bizId;
}

export async function sendSms(ctx: ActionContext) {
  const p = ctx.params;
  const numbers = required(p, 'PhoneNumbers')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const sign = required(p, 'SignName');
  const template = approvedTemplate(ctx.state, required(p, 'TemplateCode'));
  if (numbers.length > 1000) throw new BusinessError('isv.MOBILE_COUNT_OVER_LIMIT', '手机号码数量超过限制');
  const params = parseTemplateParam(p.TemplateParam);
  const recipients = numbers.map((to) => {
    const parsed = parseNumber(to);
    return { to, key: parsed.key, mainland: parsed.mainland, sign, params };
  });
  const bizId = await accept(ctx, template, recipients);
  return { Code: 'OK', Message: 'OK', BizId: bizId };
}

function jsonArray(raw: string): unknown[] {
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value)) return value;
  } catch {
    // reported below
  }
  throw new BusinessError('isv.INVALID_JSON_PARAM', 'JSON参数不合法');
}

function stringArray(raw: string): string[] {
  const values = jsonArray(raw);
  if (!values.every((v) => typeof v === 'string')) throw new BusinessError('isv.INVALID_JSON_PARAM', 'JSON参数不合法');
  return values as string[];
}

export async function sendBatchSms(ctx: ActionContext) {
  const p = ctx.params;
  const numbers = stringArray(required(p, 'PhoneNumberJson'));
  const signs = stringArray(required(p, 'SignNameJson'));
  const template = approvedTemplate(ctx.state, required(p, 'TemplateCode'));
  const params = p.TemplateParamJson ? jsonArray(p.TemplateParamJson).map(checkParamObject) : undefined;
  if (numbers.length > 100) throw new BusinessError('isv.MOBILE_COUNT_OVER_LIMIT', '手机号码数量超过限制');
  if (signs.length !== numbers.length || (params && params.length !== numbers.length))
    throw new BusinessError(
      'isv.INVALID_PARAMETERS',
      '参数异常:PhoneNumberJson、SignNameJson、TemplateParamJson 长度须一致',
    );
  const recipients = numbers.map((to, i) => {
    const parsed = parseNumber(to);
    return { to, key: parsed.key, mainland: parsed.mainland, sign: signs[i] as string, params: params?.[i] };
  });
  const bizId = await accept(ctx, template, recipients);
  return { Code: 'OK', Message: 'OK', BizId: bizId };
}
