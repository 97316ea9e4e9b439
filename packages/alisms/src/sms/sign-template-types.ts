import type { ResultBase } from './types.js';

/** Review state of a sign or template in the current APIs: 0 in review, 1 approved, 2 rejected, 10 withdrawn. */
export type ReviewState = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'unknown';

/** Input of {@link SmsSignTemplateManagement.createSmsSign} and `updateSmsSign`. */
export interface CreateSmsSignInput {
  /** 2–12 characters. */
  signName: string;
  /** 0 enterprise or institution name, 2 app, 5 trademark (see Aliyun's sign sources). */
  signSource: number;
  /** 0 verification codes, 1 general. @default 1 */
  signType?: 0 | 1;
  /** The qualification (资质) id the sign is applied under. */
  qualificationId?: number;
  /** Where the sign is used: a URL or the app's name. */
  applySceneContent?: string;
  /** Extra material: file URLs or names. */
  moreData?: readonly string[];
  appIcpRecordId?: number;
  authorizationLetterId?: number;
  trademarkId?: number;
  /** Whether the sign is for a third party. */
  thirdParty?: boolean;
  /** Notes for the reviewer. */
  remark?: string;
}

/** Result of `createSmsSign` / `updateSmsSign`. */
export interface SmsSignSubmission extends ResultBase {
  signName: string;
  /** Review work order id. */
  orderId: string | undefined;
}

/** Result of `getSmsSign`. */
export interface GetSmsSignResult extends ResultBase {
  signName: string;
  signStatus: number;
  state: ReviewState;
  /** Why the review refused it (when `state` is `rejected`). */
  rejectInfo: string | undefined;
  auditDate: Date | undefined;
  createDate: Date | undefined;
  orderId: string | undefined;
  signUsage: string | undefined;
  signCode: string | undefined;
  remark: string | undefined;
}

/** Input of `createSmsTemplate` / `updateSmsTemplate`. */
export interface CreateSmsTemplateInput {
  /** ≤ 30 characters. */
  templateName: string;
  /** ≤ 500 characters, variables as `${name}`. */
  templateContent: string;
  /** 0 verification, 1 notification, 2 promotional, 3 international. */
  templateType: 0 | 1 | 2 | 3;
  /** The approved sign the template will be used with. */
  relatedSignName?: string;
  /** Variable attributes as JSON, e.g. `{"code":"characterWithNumber"}`. */
  templateRule?: string;
  /** International: 0 international, 1 Hong Kong/Macao/Taiwan… (Aliyun's `IntlType`). */
  intlType?: number;
  applySceneContent?: string;
  moreData?: readonly string[];
  /** A link the message drives traffic to. */
  trafficDriving?: string;
  remark?: string;
}

/** Result of `createSmsTemplate` / `updateSmsTemplate`. */
export interface SmsTemplateSubmission extends ResultBase {
  templateCode: string;
  templateName: string | undefined;
  orderId: string | undefined;
}

/** Result of `getSmsTemplate`. */
export interface GetSmsTemplateResult extends ResultBase {
  templateCode: string;
  templateName: string | undefined;
  templateContent: string | undefined;
  templateType: number | undefined;
  templateStatus: number;
  state: ReviewState;
  rejectInfo: string | undefined;
  auditDate: Date | undefined;
  createDate: Date | undefined;
  orderId: string | undefined;
  relatedSignName: string | undefined;
}

/** Input of `getSmsTemplateList`: filters and a page. */
export interface GetSmsTemplateListInput {
  templateCode?: string;
  templateName?: string;
  signName?: string;
  templateType?: 0 | 1 | 2 | 3;
  /** 0 in review, 1 approved, 2 rejected. */
  auditStatus?: number;
  /** @default 1 */
  pageIndex?: number;
  /** 1–50. @default 10 */
  pageSize?: number;
}

/** One template of `getSmsTemplateList`. */
export interface SmsTemplateListItem {
  templateCode: string;
  templateName: string | undefined;
  templateContent: string | undefined;
  templateType: number | undefined;
  auditStatus: number | undefined;
  signName: string | undefined;
  createDate: Date | undefined;
  workOrderId: string | undefined;
}

/** Result of `getSmsTemplateList`. */
export interface GetSmsTemplateListResult extends ResultBase {
  templates: SmsTemplateListItem[];
  total: number;
  pageNo: number;
  pageSize: number;
}
