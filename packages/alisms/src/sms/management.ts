import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import type { CallOptions } from '../transport/options.js';
import type { RpcClient } from '../transport/rpc-client.js';
import { parseChinaDateTime } from './dates.js';
import type {
  PageInput,
  QuerySmsSignListResult,
  QuerySmsSignResult,
  QuerySmsTemplateListResult,
  QuerySmsTemplateResult,
  SmsSignInput,
  SmsSignResult,
  SmsTemplateInput,
  SmsTemplateResult,
} from './management-types.js';
import { defined, intParam, required } from './params.js';
import { camelKeys, list, num, str } from './shape.js';

/**
 * Signature and template management of dysmsapi 2017-05-25 (the classic Add/Query/Modify/Delete
 * actions). Management calls are retried on `isp.SYSTEM_ERROR` / 5xx, unlike sends.
 */
export class SmsManagement {
  protected readonly rpc: RpcClient;

  constructor(rpc: RpcClient) {
    this.rpc = rpc;
  }

  /** Closes the keep-alive connections this client opened. */
  close(): void {
    this.rpc.close();
  }

  async addSmsSign(input: SmsSignInput, options?: CallOptions): Promise<SmsSignResult> {
    return this.signCall('AddSmsSign', input, options);
  }

  async modifySmsSign(input: SmsSignInput, options?: CallOptions): Promise<SmsSignResult> {
    return this.signCall('ModifySmsSign', input, options);
  }

  async querySmsSign(input: { signName: string }, options?: CallOptions): Promise<QuerySmsSignResult> {
    const query = { SignName: required(input.signName, 'signName') };
    const { body, requestId } = await this.rpc.call({ action: 'QuerySmsSign', query, idempotent: true }, options);
    return {
      signName: str(body.SignName) ?? query.SignName,
      signStatus: num(body.SignStatus) ?? -1,
      reason: str(body.Reason),
      createDate: parseChinaDateTime(body.CreateDate),
      requestId,
      raw: body,
    };
  }

  async querySmsSignList(input: PageInput = {}, options?: CallOptions): Promise<QuerySmsSignListResult> {
    const { body, requestId } = await this.rpc.call(
      { action: 'QuerySmsSignList', query: pageParams(input), idempotent: true },
      options,
    );
    const signs = list(body.SmsSignList, 'SmsSignList').map((r) => ({
      signName: str(r.SignName) ?? '',
      auditStatus: str(r.AuditStatus),
      businessType: str(r.BusinessType),
      createDate: parseChinaDateTime(r.CreateDate),
      orderId: str(r.OrderId),
      reason:
        r.Reason === undefined ? undefined : (camelKeys(r.Reason) as QuerySmsSignListResult['signs'][0]['reason']),
    }));
    return { signs, ...pageFields(body, signs.length), requestId, raw: body };
  }

  async deleteSmsSign(input: { signName: string }, options?: CallOptions): Promise<SmsSignResult> {
    const query = { SignName: required(input.signName, 'signName') };
    const { body, requestId } = await this.rpc.call({ action: 'DeleteSmsSign', query, idempotent: true }, options);
    return { signName: str(body.SignName) ?? query.SignName, requestId, raw: body };
  }

  async addSmsTemplate(input: SmsTemplateInput, options?: CallOptions): Promise<SmsTemplateResult> {
    return this.templateCall('AddSmsTemplate', templateParams(input), options);
  }

  async modifySmsTemplate(
    input: SmsTemplateInput & { templateCode: string },
    options?: CallOptions,
  ): Promise<SmsTemplateResult> {
    const query = { TemplateCode: required(input.templateCode, 'templateCode'), ...templateParams(input) };
    return this.templateCall('ModifySmsTemplate', query, options);
  }

  async deleteSmsTemplate(input: { templateCode: string }, options?: CallOptions): Promise<SmsTemplateResult> {
    return this.templateCall(
      'DeleteSmsTemplate',
      { TemplateCode: required(input.templateCode, 'templateCode') },
      options,
    );
  }

  async querySmsTemplate(input: { templateCode: string }, options?: CallOptions): Promise<QuerySmsTemplateResult> {
    const query = { TemplateCode: required(input.templateCode, 'templateCode') };
    const { body, requestId } = await this.rpc.call({ action: 'QuerySmsTemplate', query, idempotent: true }, options);
    return {
      templateCode: str(body.TemplateCode) ?? query.TemplateCode,
      templateName: str(body.TemplateName),
      templateContent: str(body.TemplateContent),
      templateType: num(body.TemplateType),
      templateStatus: num(body.TemplateStatus) ?? -1,
      reason: str(body.Reason),
      createDate: parseChinaDateTime(body.CreateDate),
      requestId,
      raw: body,
    };
  }

  async querySmsTemplateList(input: PageInput = {}, options?: CallOptions): Promise<QuerySmsTemplateListResult> {
    const { body, requestId } = await this.rpc.call(
      { action: 'QuerySmsTemplateList', query: pageParams(input), idempotent: true },
      options,
    );
    const templates = list(body.SmsTemplateList, 'SmsTemplateList').map((r) => ({
      templateCode: str(r.TemplateCode) ?? '',
      templateName: str(r.TemplateName),
      templateContent: str(r.TemplateContent),
      auditStatus: str(r.AuditStatus),
      templateType: num(r.OuterTemplateType) ?? num(r.TemplateType),
      createDate: parseChinaDateTime(r.CreateDate),
      orderId: str(r.OrderId),
    }));
    return { templates, ...pageFields(body, templates.length), requestId, raw: body };
  }

  private async signCall(action: string, input: SmsSignInput, options?: CallOptions): Promise<SmsSignResult> {
    const query = defined({
      SignName: required(input.signName, 'signName'),
      SignSource: intParam(input.signSource, 'signSource', 0, 99),
      SignType: intParam(input.signType, 'signType', 0, 9),
      Remark: required(input.remark, 'remark'),
    });
    if (query.SignSource === undefined) throw new InvalidArgumentError('signSource', 'is required (0 to 5)');
    // The files go in the form body, flattened as SignFileList.N.*: base64 images do not fit a URL.
    const form: Record<string, string> = {};
    (input.signFileList ?? []).forEach((f, i) => {
      form[`SignFileList.${i + 1}.FileContents`] = required(f.fileContents, `signFileList[${i}].fileContents`);
      form[`SignFileList.${i + 1}.FileSuffix`] = required(f.fileSuffix, `signFileList[${i}].fileSuffix`);
    });
    const hasFiles = Object.keys(form).length > 0;
    const { body, requestId } = await this.rpc.call(
      { action, query, form: hasFiles ? form : undefined, idempotent: true },
      options,
    );
    return { signName: str(body.SignName) ?? query.SignName ?? '', requestId, raw: body };
  }

  private async templateCall(
    action: string,
    query: Record<string, string>,
    options?: CallOptions,
  ): Promise<SmsTemplateResult> {
    const { body, requestId } = await this.rpc.call({ action, query, idempotent: true }, options);
    return { templateCode: str(body.TemplateCode) ?? query.TemplateCode ?? '', requestId, raw: body };
  }
}

function templateParams(input: SmsTemplateInput): Record<string, string> {
  const type = intParam(input.templateType, 'templateType', 0, 9);
  if (type === undefined) throw new InvalidArgumentError('templateType', 'is required (0 to 3)');
  const name = required(input.templateName, 'templateName');
  if (name.length > 30) throw new InvalidArgumentError('templateName', 'at most 30 characters');
  const content = required(input.templateContent, 'templateContent');
  if (content.length > 500) throw new InvalidArgumentError('templateContent', 'at most 500 characters');
  const remark = required(input.remark, 'remark');
  return { TemplateType: type, TemplateName: name, TemplateContent: content, Remark: remark };
}

function pageParams(input: PageInput): Record<string, string> {
  return {
    PageIndex: intParam(input.pageIndex ?? 1, 'pageIndex', 1, 1_000_000) as string,
    PageSize: intParam(input.pageSize ?? 10, 'pageSize', 1, 50) as string,
  };
}

function pageFields(body: Record<string, unknown>, count: number) {
  return {
    totalCount: num(body.TotalCount) ?? count,
    currentPage: num(body.CurrentPage) ?? 1,
    pageSize: num(body.PageSize) ?? count,
  };
}
