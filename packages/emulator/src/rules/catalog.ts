import type { Clock } from 'alisms';
import type { EmulatorConfig } from '../config/resolve.js';
import type { SignType, TemplateType } from '../config/schema.js';

export type ReviewStatus = 'approved' | 'pending' | 'rejected';

export interface CatalogSign {
  name: string;
  type: SignType;
  source?: number;
  remark?: string;
  createdAt: number;
  /** Set for config entries; otherwise derived from `createdAt` and the approval delay. */
  status?: ReviewStatus;
}

export interface CatalogTemplate {
  code: string;
  name: string;
  type: TemplateType;
  content: string;
  remark?: string;
  createdAt: number;
  status?: ReviewStatus;
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
