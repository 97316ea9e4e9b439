import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import type { AliyunBody } from '../transport/error-factory.js';
import type { CallOptions } from '../transport/options.js';
import { parseChinaDateTime } from './dates.js';
import { SmsManagement } from './management.js';
import { defined, intParam, required } from './params.js';
import { list, num, str } from './shape.js';
import type {
  CreateSmsSignInput,
  CreateSmsTemplateInput,
  GetSmsSignResult,
  GetSmsTemplateListInput,
  GetSmsTemplateListResult,
  GetSmsTemplateResult,
  ReviewState,
  SmsSignSubmission,
  SmsTemplateSubmission,
} from './sign-template-types.js';

/** 0 in review, 1 approved, 2 rejected, 10 withdrawn (GetSmsSign `SignStatus`, GetSmsTemplate `TemplateStatus`). */
export function reviewState(status: number | undefined): ReviewState {
  return status === 0
    ? 'pending'
    : status === 1
      ? 'approved'
      : status === 2
        ? 'rejected'
        : status === 10
          ? 'cancelled'
          : 'unknown';
}

function object(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function moreData(value: readonly string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new InvalidArgumentError('moreData', 'must be an array of strings (file URLs or names)');
  // The official client sends the array as JSON in one parameter.
  return JSON.stringify(value);
}

function signParams(input: CreateSmsSignInput): Record<string, string> {
  const name = required(input.signName, 'signName');
  if ([...name].length < 2 || [...name].length > 12)
    throw new InvalidArgumentError('signName', 'must be 2 to 12 characters');
  const source = intParam(input.signSource, 'signSource', 0, 5);
  if (source === undefined)
    throw new InvalidArgumentError('signSource', 'is required (0 enterprise, 2 app, 5 trademark)');
  return defined({
    SignName: name,
    SignSource: source,
    SignType: intParam(input.signType, 'signType', 0, 1),
    QualificationId: intParam(input.qualificationId, 'qualificationId', 0, Number.MAX_SAFE_INTEGER),
    ApplySceneContent: input.applySceneContent,
    MoreData: moreData(input.moreData),
    AppIcpRecordId: intParam(input.appIcpRecordId, 'appIcpRecordId', 0, Number.MAX_SAFE_INTEGER),
    AuthorizationLetterId: intParam(input.authorizationLetterId, 'authorizationLetterId', 0, Number.MAX_SAFE_INTEGER),
    TrademarkId: intParam(input.trademarkId, 'trademarkId', 0, Number.MAX_SAFE_INTEGER),
    ThirdParty: input.thirdParty === undefined ? undefined : String(Boolean(input.thirdParty)),
    Remark: input.remark,
  });
}

function templateParams(input: CreateSmsTemplateInput): Record<string, string> {
  const name = required(input.templateName, 'templateName');
  const content = required(input.templateContent, 'templateContent');
  if ([...name].length > 30) throw new InvalidArgumentError('templateName', 'must be at most 30 characters');
  if ([...content].length > 500) throw new InvalidArgumentError('templateContent', 'must be at most 500 characters');
  const type = intParam(input.templateType, 'templateType', 0, 3);
  if (type === undefined)
    throw new InvalidArgumentError(
      'templateType',
      'is required (0 verification, 1 notification, 2 promotional, 3 international)',
    );
  return defined({
    TemplateName: name,
    TemplateContent: content,
    TemplateType: type,
    RelatedSignName: input.relatedSignName,
    TemplateRule: input.templateRule,
    IntlType: intParam(input.intlType, 'intlType', 0, 99),
    ApplySceneContent: input.applySceneContent,
    MoreData: moreData(input.moreData),
    TrafficDriving: input.trafficDriving,
    Remark: input.remark,
  });
}

function templateSubmission(body: AliyunBody, requestId: string, code?: string): SmsTemplateSubmission {
  return {
    templateCode: str(body.TemplateCode) ?? code ?? '',
    templateName: str(body.TemplateName),
    orderId: str(body.OrderId),
    requestId,
    raw: body,
  };
}

/**
 * The current sign and template actions of dysmsapi 2017-05-25 (CreateSmsSign, GetSmsSign, UpdateSmsSign,
 * CreateSmsTemplate, GetSmsTemplate, UpdateSmsTemplate, GetSmsTemplateList), beside the older Add/Query/Modify
 * set. Update* change a sign or template the review rejected and submit it again.
 */
export class SmsSignTemplateManagement extends SmsManagement {
  /**
   * CreateSmsSign: submits a sign for review.
   * @example await sms.createSmsSign({ signName: 'Acme', signSource: 0, qualificationId: 123 })
   */
  async createSmsSign(input: CreateSmsSignInput, options?: CallOptions): Promise<SmsSignSubmission> {
    return this.signSubmission('CreateSmsSign', input, options);
  }

  /** UpdateSmsSign: changes a rejected sign and submits it again. */
  async updateSmsSign(input: CreateSmsSignInput, options?: CallOptions): Promise<SmsSignSubmission> {
    return this.signSubmission('UpdateSmsSign', input, options);
  }

  /** GetSmsSign: the review state of a sign, with the reason when it was rejected. */
  async getSmsSign(input: { signName: string }, options?: CallOptions): Promise<GetSmsSignResult> {
    const query = { SignName: required(input.signName, 'signName') };
    const { body, requestId } = await this.rpc.call({ action: 'GetSmsSign', query, idempotent: true }, options);
    const audit = object(body.AuditInfo);
    const signStatus = num(body.SignStatus) ?? -1;
    return {
      signName: str(body.SignName) ?? query.SignName,
      signStatus,
      state: reviewState(signStatus),
      rejectInfo: str(audit.RejectInfo) || undefined,
      auditDate: parseChinaDateTime(audit.AuditDate),
      createDate: parseChinaDateTime(body.CreateDate),
      orderId: str(body.OrderId),
      signUsage: str(body.SignUsage),
      signCode: str(body.SignCode),
      remark: str(body.Remark),
      requestId,
      raw: body,
    };
  }

  /** CreateSmsTemplate: submits a template; its code comes back at once, usable once approved. */
  async createSmsTemplate(input: CreateSmsTemplateInput, options?: CallOptions): Promise<SmsTemplateSubmission> {
    const query = templateParams(input);
    const { body, requestId } = await this.rpc.call({ action: 'CreateSmsTemplate', query, idempotent: false }, options);
    return templateSubmission(body, requestId);
  }

  /** UpdateSmsTemplate: changes a rejected template and submits it again. */
  async updateSmsTemplate(
    input: CreateSmsTemplateInput & { templateCode: string },
    options?: CallOptions,
  ): Promise<SmsTemplateSubmission> {
    const code = required(input.templateCode, 'templateCode');
    const query = { TemplateCode: code, ...templateParams(input) };
    const { body, requestId } = await this.rpc.call({ action: 'UpdateSmsTemplate', query, idempotent: true }, options);
    return templateSubmission(body, requestId, code);
  }

  /** GetSmsTemplate: the review state of a template, with the reason when it was rejected. */
  async getSmsTemplate(input: { templateCode: string }, options?: CallOptions): Promise<GetSmsTemplateResult> {
    const query = { TemplateCode: required(input.templateCode, 'templateCode') };
    const { body, requestId } = await this.rpc.call({ action: 'GetSmsTemplate', query, idempotent: true }, options);
    const audit = object(body.AuditInfo);
    const templateStatus = num(body.TemplateStatus) ?? -1;
    return {
      templateCode: str(body.TemplateCode) ?? query.TemplateCode,
      templateName: str(body.TemplateName),
      templateContent: str(body.TemplateContent),
      templateType: num(body.TemplateType),
      templateStatus,
      state: reviewState(templateStatus),
      rejectInfo: str(audit.RejectInfo) || undefined,
      auditDate: parseChinaDateTime(audit.AuditDate),
      createDate: parseChinaDateTime(body.CreateDate),
      orderId: str(body.OrderId),
      relatedSignName: str(body.RelatedSignName) || undefined,
      requestId,
      raw: body,
    };
  }

  /** GetSmsTemplateList: one page of templates, filtered. */
  async getSmsTemplateList(
    input: GetSmsTemplateListInput = {},
    options?: CallOptions,
  ): Promise<GetSmsTemplateListResult> {
    const query = defined({
      TemplateCode: input.templateCode,
      TemplateName: input.templateName,
      SignName: input.signName,
      TemplateType: intParam(input.templateType, 'templateType', 0, 3),
      AuditStatus: intParam(input.auditStatus, 'auditStatus', 0, 99),
      PageIndex: intParam(input.pageIndex ?? 1, 'pageIndex', 1, 1_000_000),
      PageSize: intParam(input.pageSize ?? 10, 'pageSize', 1, 50),
    });
    const { body, requestId } = await this.rpc.call({ action: 'GetSmsTemplateList', query, idempotent: true }, options);
    const data = object(body.Data);
    const templates = list(data.List).map((t) => ({
      templateCode: str(t.TemplateCode) ?? '',
      templateName: str(t.TemplateName),
      templateContent: str(t.TemplateContent),
      templateType: num(t.TemplateType),
      auditStatus: num(t.AuditStatus),
      signName: str(t.SignName) || undefined,
      createDate: parseChinaDateTime(t.GmtCreate),
      workOrderId: str(t.WorkOrderId),
    }));
    return {
      templates,
      total: num(data.Total) ?? templates.length,
      pageNo: num(data.PageNo) ?? 1,
      pageSize: num(data.PageSize) ?? templates.length,
      requestId,
      raw: body,
    };
  }

  private async signSubmission(
    action: string,
    input: CreateSmsSignInput,
    options?: CallOptions,
  ): Promise<SmsSignSubmission> {
    const query = signParams(input);
    // Create is not idempotent (a retry after a lost answer would meet "sign exists"); Update resubmits the same.
    const { body, requestId } = await this.rpc.call({ action, query, idempotent: action === 'UpdateSmsSign' }, options);
    return { signName: str(body.SignName) ?? query.SignName ?? '', orderId: str(body.OrderId), requestId, raw: body };
  }
}
