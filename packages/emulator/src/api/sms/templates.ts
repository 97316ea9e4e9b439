import type { TemplateType } from '../../config/schema.js';
import {
  AUDIT_STATES,
  type CatalogTemplate,
  TEMPLATE_STATUS_NUMBERS,
  TEMPLATE_TYPE_NUMBERS,
} from '../../rules/catalog.js';
import { formatChinaDateTime } from '../../wire/dates.js';
import { BusinessError, invalid } from '../../wire/errors.js';
import { newTemplateCode } from '../../wire/ids.js';
import { type ActionContext, required } from '../context.js';
import { paging } from './paging.js';
import { listReason } from './submission.js';

const TYPES_BY_NUMBER: Record<string, TemplateType> = {
  '0': 'verification',
  '1': 'notification',
  '2': 'promotional',
  '3': 'international',
};

function templateFields(ctx: ActionContext): Pick<CatalogTemplate, 'type' | 'name' | 'content' | 'remark'> {
  const p = ctx.params;
  const type = TYPES_BY_NUMBER[required(p, 'TemplateType')];
  if (!type)
    throw invalid('TemplateType', 'Use 0 (verification), 1 (notification), 2 (promotional) or 3 (international).');
  const name = required(p, 'TemplateName');
  const content = required(p, 'TemplateContent');
  const remark = required(p, 'Remark');
  if ([...name].length > 30) throw new BusinessError('isv.PARAM_LENGTH_LIMIT', 'TemplateName超出长度限制:30');
  if ([...content].length > 500) throw new BusinessError('isv.PARAM_LENGTH_LIMIT', 'TemplateContent超出长度限制:500');
  return { type, name, content, remark };
}

/** The catalogue entry the request names, or Aliyun's not-found business error. */
export function existingTemplate(ctx: ActionContext): CatalogTemplate {
  const code = required(ctx.params, 'TemplateCode');
  const template = ctx.state.catalog.templates.get(code);
  if (!template) throw new BusinessError('isv.SMS_TEMPLATE_ILLEGAL', `该账号下找不到对应模板:${code}`);
  return template;
}

/** AddSmsTemplate: the code comes back at once; the template is approved after `templateApprovalDelay`. */
export function addSmsTemplate(ctx: ActionContext) {
  const fields = templateFields(ctx);
  let code = newTemplateCode();
  while (ctx.state.catalog.templates.has(code)) code = newTemplateCode();
  ctx.state.catalog.templates.set(code, { code, ...fields, createdAt: ctx.state.clock.now() });
  return { Code: 'OK', Message: 'OK', TemplateCode: code };
}

/** ModifySmsTemplate: a rejected or approved template goes back to review with the new text. */
export function modifySmsTemplate(ctx: ActionContext) {
  const template = existingTemplate(ctx);
  const fields = templateFields(ctx);
  ctx.state.catalog.templates.set(template.code, {
    code: template.code,
    ...fields,
    createdAt: ctx.state.clock.now(),
  });
  return { Code: 'OK', Message: 'OK', TemplateCode: template.code };
}

export function deleteSmsTemplate(ctx: ActionContext) {
  const template = existingTemplate(ctx);
  if (ctx.state.catalog.statusOf(template) === 'pending')
    throw new BusinessError('isv.SMS_TEMPLATE_ILLEGAL', '审核中的模板不可删除');
  ctx.state.catalog.templates.delete(template.code);
  return { Code: 'OK', Message: 'OK', TemplateCode: template.code };
}

export function querySmsTemplate(ctx: ActionContext) {
  const t = existingTemplate(ctx);
  return {
    Code: 'OK',
    Message: 'OK',
    TemplateCode: t.code,
    TemplateName: t.name,
    TemplateContent: t.content,
    TemplateType: TEMPLATE_TYPE_NUMBERS[t.type],
    TemplateStatus: TEMPLATE_STATUS_NUMBERS[ctx.state.catalog.statusOf(t)],
    Reason: t.rejectReason ?? '',
    CreateDate: formatChinaDateTime(t.createdAt),
  };
}

export function querySmsTemplateList(ctx: ActionContext) {
  const all = [...ctx.state.catalog.templates.values()];
  const { page, currentPage, pageSize } = paging(ctx.params, all);
  return {
    Code: 'OK',
    Message: 'OK',
    SmsTemplateList: page.map((t) => ({
      TemplateCode: t.code,
      TemplateName: t.name,
      TemplateContent: t.content,
      AuditStatus: AUDIT_STATES[ctx.state.catalog.statusOf(t)],
      TemplateType: TEMPLATE_TYPE_NUMBERS[t.type],
      OuterTemplateType: TEMPLATE_TYPE_NUMBERS[t.type],
      CreateDate: formatChinaDateTime(t.createdAt),
      OrderId: t.orderId ?? '',
      Reason: listReason(ctx.state.catalog, t),
      SignatureName: t.relatedSignName ?? '',
      TrafficDriving: t.trafficDriving ?? '',
    })),
    TotalCount: all.length,
    CurrentPage: currentPage,
    PageSize: pageSize,
  };
}
