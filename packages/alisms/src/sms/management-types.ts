import type { ResultBase } from './types.js';

/** A file proving the right to a signature. */
export interface SignFile {
  /** Base64 of the file, at most 2 MB. */
  fileContents: string;
  /** `jpg`, `png`, `gif` or `jpeg`. */
  fileSuffix: string;
}

/** Input of `SmsManagement.addSmsSign` and `modifySmsSign`: a signature submitted for review. */
export interface SmsSignInput {
  signName: string;
  /** 0 enterprise/institution name, 1 ICP-filed website, 2 app, 3 WeChat official account, 4 e-commerce store, 5 trademark. */
  signSource: number;
  /** 0 verification, 1 general. */
  signType?: number;
  /** Why you need it, ≤ 200 chars. */
  remark: string;
  signFileList?: readonly SignFile[];
}

/** What `SmsManagement.addSmsSign`, `modifySmsSign` and `deleteSmsSign` return. */
export interface SmsSignResult extends ResultBase {
  signName: string;
}

/** What `SmsManagement.querySmsSign` returns: one signature and its review status. */
export interface QuerySmsSignResult extends ResultBase {
  signName: string;
  /** 0 pending review, 1 approved, 2 rejected, 10 cancelled. */
  signStatus: number;
  reason: string | undefined;
  createDate: Date | undefined;
}

/** Paging of the management list calls (`QuerySmsSignList`, `QuerySmsTemplateList`). */
export interface PageInput {
  /** @default 1 */
  pageIndex?: number;
  /** 1–50. @default 10 */
  pageSize?: number;
}

/** One signature in a `querySmsSignList` page. */
export interface SmsSignSummary {
  signName: string;
  /** `AUDIT_STATE_INIT`, `AUDIT_STATE_PASS`, `AUDIT_STATE_NOT_PASS`, `AUDIT_STATE_CANCEL`. */
  auditStatus: string | undefined;
  businessType: string | undefined;
  createDate: Date | undefined;
  orderId: string | undefined;
  reason: { rejectDate?: string; rejectInfo?: string; rejectSubInfo?: string } | undefined;
}

/** The paging fields of a management list answer. */
export interface PageResult extends ResultBase {
  totalCount: number;
  currentPage: number;
  pageSize: number;
}

/** What `SmsManagement.querySmsSignList` returns: one page of signatures. */
export interface QuerySmsSignListResult extends PageResult {
  signs: SmsSignSummary[];
}

/** Input of `SmsManagement.addSmsTemplate` and `modifySmsTemplate`: a template submitted for review. */
export interface SmsTemplateInput {
  /** 0 verification code, 1 notification, 2 promotional, 3 international. */
  templateType: number;
  /** ≤ 30 chars. */
  templateName: string;
  /** ≤ 500 chars, with `${var}` placeholders. */
  templateContent: string;
  /** ≤ 100 chars. */
  remark: string;
}

/** What `SmsManagement.addSmsTemplate`, `modifySmsTemplate` and `deleteSmsTemplate` return. */
export interface SmsTemplateResult extends ResultBase {
  templateCode: string;
}

/** What `SmsManagement.querySmsTemplate` returns: one template and its review status. */
export interface QuerySmsTemplateResult extends ResultBase {
  templateCode: string;
  templateName: string | undefined;
  templateContent: string | undefined;
  templateType: number | undefined;
  /** 0 reviewing, 1 approved, 2 rejected, 10 cancelled. */
  templateStatus: number;
  reason: string | undefined;
  createDate: Date | undefined;
}

/** One template in a `querySmsTemplateList` page. */
export interface SmsTemplateSummary {
  templateCode: string;
  templateName: string | undefined;
  templateContent: string | undefined;
  auditStatus: string | undefined;
  /** 0 verification, 1 notification, 2 promotional, 3 international (the list's `OuterTemplateType`). */
  templateType: number | undefined;
  createDate: Date | undefined;
  orderId: string | undefined;
}

/** What `SmsManagement.querySmsTemplateList` returns: one page of templates. */
export interface QuerySmsTemplateListResult extends PageResult {
  templates: SmsTemplateSummary[];
}
