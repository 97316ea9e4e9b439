import { parsePhoneNumber } from '../../rules/phone.js';
import { mainlandSegments } from '../../rules/segments.js';
import { parseTemplateParam } from '../../rules/template.js';
import { VerifyCodes } from '../../rules/verify-codes.js';
import type { StoredMessage } from '../../store/types.js';
import { BusinessError } from '../../wire/errors.js';
import { newBizId } from '../../wire/ids.js';
import { type ActionContext, required } from '../context.js';

/** The placeholder value that asks Dypns to generate the code. */
const GENERATE = '##code##';
const VARIABLE = /\$\{([^}]+)\}/g;

/** Dypns reports bad parameters in an HTTP 200 body (UNCONFIRMED code name; see docs/emulator.md). */
function badParameter(name: string, detail: string): BusinessError {
  return new BusinessError('INVALID_PARAMETERS', `参数${name}不合法:${detail}`);
}

function intParam(ctx: ActionContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.params[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw badParameter(name, `取值范围${min}-${max}`);
  return value;
}

/** The 11-digit mainland number (Dypns serves no other) and its scope key. */
function phoneAndKey(ctx: ActionContext): { phone: string; key: string } {
  const raw = required(ctx.params, 'PhoneNumber');
  const country = ctx.params.CountryCode || '86';
  if (country !== '86') throw new BusinessError('MOBILE_NUMBER_ILLEGAL', '仅支持中国内地手机号(CountryCode 86)');
  const parsed = parsePhoneNumber(raw);
  if (!parsed?.mainland) throw new BusinessError('MOBILE_NUMBER_ILLEGAL', '非法手机号');
  const scheme = ctx.params.SchemeName || undefined;
  if (scheme !== undefined && [...scheme].length > 20) throw badParameter('SchemeName', '最长20个字符');
  const phone = parsed.key.slice(2);
  return { phone, key: VerifyCodes.key(phone, scheme, country) };
}

/**
 * SendSmsVerifyCode: the system sign and templates (plus the config's) need no review; `##code##` in
 * TemplateParam makes the emulator generate the code (CodeLength, CodeType); ValidTime, Interval,
 * DuplicatePolicy and SchemeName scope and time it. The message is stored as product `dypns` for the inbox.
 */
export async function sendSmsVerifyCode(ctx: ActionContext) {
  const { state, params: p } = ctx;
  const { phone, key } = phoneAndKey(ctx);
  const sign = required(p, 'SignName');
  const templateCode = required(p, 'TemplateCode');
  const { dypns } = state.config;
  if (!dypns.signs.includes(sign))
    throw new BusinessError('INVALID_PARAMETERS', `签名不可用:${sign}(可用系统签名:${dypns.signs.join('、')})`);
  const template = dypns.templates.find((t) => t.code === templateCode);
  if (!template) throw new BusinessError('INVALID_PARAMETERS', `模板不可用:${templateCode}`);
  const length = intParam(ctx, 'CodeLength', 4, 4, 8);
  const type = intParam(ctx, 'CodeType', 1, 1, 7);
  const validTime = intParam(ctx, 'ValidTime', 300, 1, 86_400);
  const interval = intParam(ctx, 'Interval', 60, 0, 86_400);
  const policy = intParam(ctx, 'DuplicatePolicy', 1, 1, 2);
  const now = state.clock.now();
  const wait = state.verifyCodes.waitMs(key, interval * 1000, now);
  if (wait > 0)
    throw new BusinessError(
      'BUSINESS_LIMIT_CONTROL',
      `check frequency failed: the number got a code less than Interval (${interval} s) ago; retry in ${Math.ceil(wait / 1000)} s`,
    );
  const values = { ...(parseTemplateParam(p.TemplateParam) ?? { code: GENERATE }) };
  let code: string | undefined;
  for (const [name, value] of Object.entries(values)) {
    if (value !== GENERATE) continue;
    code ??= state.verifyCodes.generate(length, type);
    values[name] = code;
  }
  // A literal code (the app generates it, Dypns only delivers) is still what a check compares against.
  code ??= values.code;
  values.min ??= String(Math.max(1, Math.round(validTime / 60)));
  for (const match of template.content.matchAll(VARIABLE)) {
    const name = match[1] as string;
    if (!values[name]) throw new BusinessError('INVALID_PARAMETERS', `模版缺少变量:${name}`);
  }
  const content = `【${sign}】${template.content.replace(VARIABLE, (_, name: string) => values[name] ?? '')}`;
  const bizId = newBizId();
  const outId = p.OutId || undefined;
  if (code) state.verifyCodes.add(key, { code, expiresAt: now + validTime * 1000, bizId, outId }, policy, now);
  const message: StoredMessage = {
    id: state.nextMessageId(),
    product: 'dypns',
    action: 'SendSmsVerifyCode',
    to: phone,
    toKey: `86${phone}`,
    signName: sign,
    templateCode,
    params: values,
    content,
    segments: mainlandSegments(content),
    bizId,
    status: 'waiting',
    sentAt: new Date(now).toISOString(),
    ...(code ? { code } : {}),
    ...(outId ? { outId } : {}),
  };
  await state.store.add(message);
  const model: Record<string, string> = { BizId: bizId, OutId: outId ?? '', RequestId: ctx.requestId };
  if (p.ReturnVerifyCode === 'true' && code) model.VerifyCode = code;
  return { Code: 'OK', Message: '成功', Success: true, AccessDeniedDetail: '', Model: model };
}

/** CheckSmsVerifyCode: PASS once per code; wrong, expired, used or unknown codes read UNKNOWN. */
export function checkSmsVerifyCode(ctx: ActionContext) {
  const { state, params: p } = ctx;
  const { key } = phoneAndKey(ctx);
  const typed = required(p, 'VerifyCode');
  const caseSensitive = intParam(ctx, 'CaseAuthPolicy', 1, 1, 2) === 2;
  const entry = state.verifyCodes.check(key, typed, caseSensitive, state.clock.now());
  return {
    Code: 'OK',
    Message: '成功',
    Success: true,
    AccessDeniedDetail: '',
    Model: { VerifyResult: entry ? 'PASS' : 'UNKNOWN', OutId: p.OutId || entry?.outId || '' },
  };
}
