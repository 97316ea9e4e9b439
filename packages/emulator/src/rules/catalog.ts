import type { Clock } from 'alisms';
import type { EmulatorConfig } from '../config/resolve.js';
import type { SignType, TemplateType } from '../config/schema.js';

export type ReviewStatus = 'approved' | 'pending' | 'rejected';

/** A review decision set through the inspection API: wins over the approval delay. */
export interface ReviewDecision {
  status?: ReviewStatus;
  /** Why it was rejected (shown as `AuditInfo.RejectInfo` / `Reason.RejectInfo`). */
  rejectReason?: string;
  /** When the decision was made (ms). */
  reviewedAt?: number;
}

/** Fields of the current CreateSmsSign/CreateSmsTemplate requests, echoed by the Get/List actions. */
export interface SubmissionFields {
  /** Work order id of the review, as Aliyun's `OrderId`. */
  orderId?: string;
  applyScene?: string;
  /** Images or files given as `MoreData` (a JSON array of URLs or names). */
  moreData?: string[];
}

export interface CatalogSign extends ReviewDecision, SubmissionFields {
  name: string;
  type: SignType;
  source?: number;
  remark?: string;
  createdAt: number;
  qualificationId?: number;
  appIcpRecordId?: number;
  authorizationLetterId?: number;
  trademarkId?: number;
  thirdParty?: boolean;
}

export interface CatalogTemplate extends ReviewDecision, SubmissionFields {
  code: string;
  name: string;
  type: TemplateType;
  content: string;
  remark?: string;
  createdAt: number;
  relatedSignName?: string;
  intlType?: number;
  /** `TemplateRule`: the variable attributes JSON. */
  templateRule?: string;
  trafficDriving?: string;
}

/** Signs and templates of the emulated account: the config's, plus what AddSmsSign and AddSmsTemplate created at run time. */
export class Catalog {
  readonly signs = new Map<string, CatalogSign>();
  readonly templates = new Map<string, CatalogTemplate>();

  constructor(
    config: EmulatorConfig,
    private readonly clock: Clock,
  ) {
    const now = clock.now();
    for (const s of config.signs)
      this.signs.set(s.name, { name: s.name, type: s.type, createdAt: now, status: 'approved' });
    for (const t of config.templates)
      this.templates.set(t.code, {
        code: t.code,
        name: t.name ?? t.code,
        type: t.type,
        content: t.content,
        createdAt: now,
        status: t.status ?? 'approved',
      });
    this.approvalDelay = config.templateApprovalDelay;
  }

  private readonly approvalDelay: number;

  /**
   * Sets a review decision (the inspection API's `review`): `approved` or `rejected` with a reason, or
   * `pending` to hold the entry in review whatever the delay.
   */
  review(entry: ReviewDecision, status: ReviewStatus, reason: string | undefined): void {
    entry.status = status;
    entry.reviewedAt = this.clock.now();
    if (status === 'rejected') entry.rejectReason = reason || '内容不符合规范';
    else delete entry.rejectReason;
  }

  /** When the current verdict was reached (ms), or undefined while pending. */
  decidedAt(entry: { createdAt: number } & ReviewDecision): number | undefined {
    const status = this.statusOf(entry);
    if (status === 'pending') return undefined;
    return entry.reviewedAt ?? entry.createdAt + this.approvalDelay;
  }

  /** Review status now: run-time entries turn approved once `templateApprovalDelay` has passed. */
  statusOf(entry: { createdAt: number; status?: ReviewStatus }): ReviewStatus {
    if (entry.status) return entry.status;
    return this.clock.now() - entry.createdAt >= this.approvalDelay ? 'approved' : 'pending';
  }
}

export const TEMPLATE_TYPE_NUMBERS: Record<TemplateType, number> = {
  verification: 0,
  notification: 1,
  promotional: 2,
  international: 3,
};

export const TEMPLATE_STATUS_NUMBERS: Record<ReviewStatus, number> = { pending: 0, approved: 1, rejected: 2 };

export const AUDIT_STATES: Record<ReviewStatus, string> = {
  pending: 'AUDIT_STATE_INIT',
  approved: 'AUDIT_STATE_PASS',
  rejected: 'AUDIT_STATE_NOT_PASS',
};

/** Whether a sign of this type may carry a template of that type (a verification sign: codes only). */
export function signFitsTemplate(sign: SignType, template: TemplateType): boolean {
  return sign === 'general' || sign === template;
}
