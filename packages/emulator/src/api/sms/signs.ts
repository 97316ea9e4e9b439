import type { SignType } from '../../config/schema.js';
import { AUDIT_STATES, type CatalogSign, TEMPLATE_STATUS_NUMBERS } from '../../rules/catalog.js';
import { formatChinaDateTime } from '../../wire/dates.js';
import { BusinessError, invalid } from '../../wire/errors.js';
import { type ActionContext, required } from '../context.js';
import { paging } from './paging.js';
import { listReason } from './submission.js';

function signFields(ctx: ActionContext): Omit<CatalogSign, 'createdAt' | 'name'> {
  const p = ctx.params;
  const source = Number(required(p, 'SignSource'));
  if (!Number.isInteger(source) || source < 0 || source > 5) throw invalid('SignSource', 'Use 0-5.');
  const remark = required(p, 'Remark');
  if ([...remark].length > 200) throw new BusinessError('isv.PARAM_LENGTH_LIMIT', 'Remark超出长度限制:200');
  const type: SignType = p.SignType === '0' ? 'verification' : 'general';
  return { type, source, remark };
}

/** The catalogue entry the request names, or Aliyun's not-found business error. */
export function existingSign(ctx: ActionContext): CatalogSign {
  const name = required(ctx.params, 'SignName');
  const sign = ctx.state.catalog.signs.get(name);
  if (!sign) throw new BusinessError('isv.SMS_SIGNATURE_ILLEGAL', `该账号下找不到对应签名:${name}`);
  return sign;
}

/** AddSmsSign: reviewed like templates, approved after `templateApprovalDelay`. */
export function addSmsSign(ctx: ActionContext) {
  const name = required(ctx.params, 'SignName');
  if ([...name].length < 2 || [...name].length > 12)
    throw new BusinessError('isv.SIGN_NAME_ILLEGAL', '签名名称须为2-12个字符');
  if (ctx.state.catalog.signs.has(name)) throw new BusinessError('isv.SIGN_NAME_ILLEGAL', `签名已存在:${name}`);
  ctx.state.catalog.signs.set(name, { name, ...signFields(ctx), createdAt: ctx.state.clock.now() });
  return { Code: 'OK', Message: 'OK', SignName: name };
}

export function modifySmsSign(ctx: ActionContext) {
  const sign = existingSign(ctx);
  ctx.state.catalog.signs.set(sign.name, { name: sign.name, ...signFields(ctx), createdAt: ctx.state.clock.now() });
  return { Code: 'OK', Message: 'OK', SignName: sign.name };
}

export function deleteSmsSign(ctx: ActionContext) {
  const sign = existingSign(ctx);
  if (ctx.state.catalog.statusOf(sign) === 'pending')
    throw new BusinessError('isv.SMS_SIGNATURE_ILLEGAL', '审核中的签名不可删除');
  ctx.state.catalog.signs.delete(sign.name);
  return { Code: 'OK', Message: 'OK', SignName: sign.name };
}

export function querySmsSign(ctx: ActionContext) {
  const sign = existingSign(ctx);
  return {
    Code: 'OK',
    Message: 'OK',
    SignName: sign.name,
    SignStatus: TEMPLATE_STATUS_NUMBERS[ctx.state.catalog.statusOf(sign)],
    Reason: sign.rejectReason ?? '',
    CreateDate: formatChinaDateTime(sign.createdAt),
  };
}

export function querySmsSignList(ctx: ActionContext) {
  const all = [...ctx.state.catalog.signs.values()];
  const { page, currentPage, pageSize } = paging(ctx.params, all);
  return {
    Code: 'OK',
    Message: 'OK',
    SmsSignList: page.map((s) => ({
      SignName: s.name,
      AuditStatus: AUDIT_STATES[ctx.state.catalog.statusOf(s)],
      BusinessType: s.type === 'verification' ? '验证码' : '通用',
      CreateDate: formatChinaDateTime(s.createdAt),
      OrderId: s.orderId ?? '',
      Reason: listReason(ctx.state.catalog, s),
      AppIcpRecordId: s.appIcpRecordId ?? 0,
      AuthorizationLetterId: s.authorizationLetterId ?? 0,
      TrademarkId: s.trademarkId ?? 0,
      // Spelt with a lower-case first letter in the official model, and so on the wire.
      authorizationLetterAuditPass:
        ctx.state.catalog.statusOf(s) === 'approved' && s.authorizationLetterId !== undefined,
    })),
    TotalCount: all.length,
    CurrentPage: currentPage,
    PageSize: pageSize,
  };
}
