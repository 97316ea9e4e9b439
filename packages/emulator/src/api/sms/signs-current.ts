import type { SignType } from '../../config/schema.js';
import type { CatalogSign } from '../../rules/catalog.js';
import { TEMPLATE_STATUS_NUMBERS } from '../../rules/catalog.js';
import { formatChinaDateTime } from '../../wire/dates.js';
import { BusinessError, invalid } from '../../wire/errors.js';
import { newOrderId } from '../../wire/ids.js';
import { type ActionContext, required } from '../context.js';
import { existingSign } from './signs.js';
import { auditInfo, moreData, optionalInt } from './submission.js';

// The current sign actions (CreateSmsSign, GetSmsSign, UpdateSmsSign), beside the older Add/Query/Modify set:
// the same catalogue, reviewed the same way, with the fields of the official response models.

function submitted(ctx: ActionContext, name: string): CatalogSign {
  const p = ctx.params;
  const source = optionalInt(ctx, 'SignSource') ?? 0;
  if (source < 0 || source > 5) throw invalid('SignSource', 'Use 0-5.');
  const signType = optionalInt(ctx, 'SignType') ?? 1;
  if (signType !== 0 && signType !== 1) throw invalid('SignType', 'Use 0 (verification) or 1 (general).');
  const type: SignType = signType === 0 ? 'verification' : 'general';
  const remark = p.Remark ?? '';
  if ([...remark].length > 200) throw new BusinessError('isv.PARAM_LENGTH_LIMIT', 'Remark超出长度限制:200');
  const sign: CatalogSign = { name, type, source, remark, createdAt: ctx.state.clock.now(), orderId: newOrderId() };
  const files = moreData(ctx);
  if (files) sign.moreData = files;
  if (p.ApplySceneContent) sign.applyScene = p.ApplySceneContent;
  for (const [field, key] of [
    ['QualificationId', 'qualificationId'],
    ['AppIcpRecordId', 'appIcpRecordId'],
    ['AuthorizationLetterId', 'authorizationLetterId'],
    ['TrademarkId', 'trademarkId'],
  ] as const) {
    const value = optionalInt(ctx, field);
    if (value !== undefined) sign[key] = value;
  }
  if (p.ThirdParty !== undefined) sign.thirdParty = p.ThirdParty === 'true';
  return sign;
}

/** CreateSmsSign: submitted for review; approved after `templateApprovalDelay` unless the inspection API decides. */
export function createSmsSign(ctx: ActionContext) {
  const name = required(ctx.params, 'SignName');
  if ([...name].length < 2 || [...name].length > 12)
    throw new BusinessError('isv.SIGN_NAME_ILLEGAL', '签名名称须为2-12个字符');
  if (ctx.state.catalog.signs.has(name)) throw new BusinessError('isv.SIGN_NAME_ILLEGAL', `签名已存在:${name}`);
  const sign = submitted(ctx, name);
  ctx.state.catalog.signs.set(name, sign);
  return { Code: 'OK', Message: 'OK', SignName: name, OrderId: sign.orderId };
}

/** UpdateSmsSign: only a rejected sign may be changed; it goes back to review. */
export function updateSmsSign(ctx: ActionContext) {
  const current = existingSign(ctx);
  if (ctx.state.catalog.statusOf(current) !== 'rejected')
    throw new BusinessError('isv.SMS_SIGNATURE_ILLEGAL', `只有审核未通过的签名可以修改:${current.name}`);
  const sign = submitted(ctx, current.name);
  ctx.state.catalog.signs.set(current.name, sign);
  return { Code: 'OK', Message: 'OK', SignName: sign.name, OrderId: sign.orderId };
}

/** GetSmsSign: every field of the official `GetSmsSignResponseBody`. */
export function getSmsSign(ctx: ActionContext) {
  const { catalog } = ctx.state;
  const sign = existingSign(ctx);
  const status = catalog.statusOf(sign);
  return {
    Code: 'OK',
    Message: 'OK',
    SignName: sign.name,
    SignCode: `SIGN_${sign.orderId ?? '0'}`,
    SignStatus: TEMPLATE_STATUS_NUMBERS[status],
    SignTag: '',
    SignUsage: sign.type === 'verification' ? '验证码' : '通用',
    CreateDate: formatChinaDateTime(sign.createdAt),
    OrderId: sign.orderId ?? '',
    Remark: sign.remark ?? '',
    ApplyScene: sign.applyScene ?? '',
    AuditInfo: auditInfo(catalog, sign),
    FileUrlList: sign.moreData ?? [],
    QualificationId: sign.qualificationId ?? 0,
    AppIcpRecordId: sign.appIcpRecordId ?? 0,
    AuthorizationLetterId: sign.authorizationLetterId ?? 0,
    AuthorizationLetterAuditPass: status === 'approved' && sign.authorizationLetterId !== undefined,
    TrademarkId: sign.trademarkId ?? 0,
    ThirdParty: sign.thirdParty ?? false,
    // Carrier registration follows approval: one entry per mainland carrier once approved.
    RegisterResult: status === 'approved' ? 1 : 0,
    SignIspRegisterDetailList:
      status === 'approved'
        ? ['CMCC', 'CUCC', 'CTCC'].map((operator) => ({
            OperatorCode: operator,
            OperatorCompleteTime: auditInfo(catalog, sign).AuditDate,
            RegisterStatus: 1,
            RegisterStatusReasons: [{ ReasonCode: '', ReasonDescList: [] }],
          }))
        : [],
  };
}
