import type { TemplateType } from '../../config/schema.js';
import { type CatalogTemplate, TEMPLATE_STATUS_NUMBERS, TEMPLATE_TYPE_NUMBERS } from '../../rules/catalog.js';
import { formatChinaDateTime } from '../../wire/dates.js';
import { BusinessError, invalid } from '../../wire/errors.js';
import { newOrderId, newTemplateCode } from '../../wire/ids.js';
import { type ActionContext, required } from '../context.js';
import { paging } from './paging.js';
import { auditInfo, moreData, optionalInt } from './submission.js';
import { existingTemplate } from './templates.js';

// The current template actions (CreateSmsTemplate, GetSmsTemplate, UpdateSmsTemplate, GetSmsTemplateList),
// beside the older Add/Query/Modify set: one catalogue, one review, the official response models' fields.

const TYPES: Record<number, TemplateType> = {
  0: 'verification',
  1: 'notification',
  2: 'promotional',
  3: 'international',
};

function submitted(ctx: ActionContext, code: string): CatalogTemplate {
  const p = ctx.params;
  const type = TYPES[optionalInt(ctx, 'TemplateType') ?? -1];
  if (!type)
    throw invalid('TemplateType', 'Use 0 (verification), 1 (notification), 2 (promotional) or 3 (international).');
  const name = required(p, 'TemplateName');
  const content = required(p, 'TemplateContent');
  if ([...name].length > 30) throw new BusinessError('isv.PARAM_LENGTH_LIMIT', 'TemplateName超出长度限制:30');
  if ([...content].length > 500) throw new BusinessError('isv.PARAM_LENGTH_LIMIT', 'TemplateContent超出长度限制:500');
  const related = p.RelatedSignName;
  if (related && !ctx.state.catalog.signs.has(related))
    throw new BusinessError('isv.SMS_SIGNATURE_ILLEGAL', `该账号下找不到对应签名:${related}`);
  const template: CatalogTemplate = {
    code,
    name,
    type,
    content,
    remark: p.Remark ?? '',
    createdAt: ctx.state.clock.now(),
    orderId: newOrderId(),
  };
  if (related) template.relatedSignName = related;
  const files = moreData(ctx);
  if (files) template.moreData = files;
  if (p.ApplySceneContent) template.applyScene = p.ApplySceneContent;
  if (p.TemplateRule) template.templateRule = p.TemplateRule;
  if (p.TrafficDriving) template.trafficDriving = p.TrafficDriving;
  const intlType = optionalInt(ctx, 'IntlType');
  if (intlType !== undefined) template.intlType = intlType;
  return template;
}

/** CreateSmsTemplate: the code comes back at once; review as for the older AddSmsTemplate. */
export function createSmsTemplate(ctx: ActionContext) {
  let code = newTemplateCode();
  while (ctx.state.catalog.templates.has(code)) code = newTemplateCode();
  const template = submitted(ctx, code);
  ctx.state.catalog.templates.set(code, template);
  return { Code: 'OK', Message: 'OK', TemplateCode: code, TemplateName: template.name, OrderId: template.orderId };
}

/** UpdateSmsTemplate: only a rejected template may be changed; it goes back to review. */
export function updateSmsTemplate(ctx: ActionContext) {
  const current = existingTemplate(ctx);
  if (ctx.state.catalog.statusOf(current) !== 'rejected')
    throw new BusinessError('isv.SMS_TEMPLATE_ILLEGAL', `只有审核未通过的模板可以修改:${current.code}`);
  const template = submitted(ctx, current.code);
  ctx.state.catalog.templates.set(current.code, template);
  return {
    Code: 'OK',
    Message: 'OK',
    TemplateCode: template.code,
    TemplateName: template.name,
    OrderId: template.orderId,
  };
}

/** GetSmsTemplate: every field of the official `GetSmsTemplateResponseBody` (status and type as strings, as there). */
export function getSmsTemplate(ctx: ActionContext) {
  const { catalog } = ctx.state;
  const t = existingTemplate(ctx);
  const status = catalog.statusOf(t);
  return {
    Code: 'OK',
    Message: 'OK',
    TemplateCode: t.code,
    TemplateName: t.name,
    TemplateContent: t.content,
    TemplateType: String(TEMPLATE_TYPE_NUMBERS[t.type]),
    TemplateStatus: String(TEMPLATE_STATUS_NUMBERS[status]),
    TemplateTag: 0,
    IntlType: t.intlType ?? 0,
    CreateDate: formatChinaDateTime(t.createdAt),
    OrderId: t.orderId ?? '',
    Remark: t.remark ?? '',
    ApplyScene: t.applyScene ?? '',
    RelatedSignName: t.relatedSignName ?? '',
    VariableAttribute: t.templateRule ?? '',
    AuditInfo: auditInfo(catalog, t),
    FileUrlList: { FileUrl: [] },
    MoreDataFileUrlList: { MoreDataFileUrl: t.moreData ?? [] },
    SignList: { SignList: t.relatedSignName ? [t.relatedSignName] : [] },
    VendorAuditStatus: status === 'approved' ? { CMCC: 'PASS', CUCC: 'PASS', CTCC: 'PASS' } : {},
  };
}

/** GetSmsTemplateList: `Data.List` paged, filtered by the request's fields. */
export function getSmsTemplateList(ctx: ActionContext) {
  const { catalog } = ctx.state;
  const p = ctx.params;
  const auditStatus = optionalInt(ctx, 'AuditStatus');
  const templateType = optionalInt(ctx, 'TemplateType');
  const all = [...catalog.templates.values()].filter(
    (t) =>
      (!p.TemplateCode || t.code === p.TemplateCode) &&
      (!p.TemplateName || t.name.includes(p.TemplateName)) &&
      (!p.SignName || t.relatedSignName === p.SignName) &&
      (templateType === undefined || TEMPLATE_TYPE_NUMBERS[t.type] === templateType) &&
      (auditStatus === undefined || TEMPLATE_STATUS_NUMBERS[catalog.statusOf(t)] === auditStatus),
  );
  const { page, currentPage, pageSize } = paging(p, all);
  return {
    Code: 'OK',
    Message: 'OK',
    Success: true,
    AccessDeniedDetail: '',
    Data: {
      List: page.map((t) => ({
        TemplateCode: t.code,
        TemplateName: t.name,
        TemplateContent: t.content,
        TemplateType: TEMPLATE_TYPE_NUMBERS[t.type],
        AuditStatus: TEMPLATE_STATUS_NUMBERS[catalog.statusOf(t)],
        SignName: t.relatedSignName ?? '',
        GmtCreate: formatChinaDateTime(t.createdAt),
        WorkOrderId: t.orderId ?? '',
        TemplateTag: [],
        UsableStateList: catalog.statusOf(t) === 'approved' ? ['USABLE'] : [],
      })),
      PageNo: currentPage,
      PageSize: pageSize,
      Total: all.length,
    },
  };
}
