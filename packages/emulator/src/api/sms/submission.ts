import type { Catalog, CatalogSign, CatalogTemplate } from '../../rules/catalog.js';
import { formatChinaDateTime } from '../../wire/dates.js';
import { BusinessError } from '../../wire/errors.js';
import type { ActionContext } from '../context.js';

/** An optional integer parameter of the current sign/template actions (`isv.INVALID_PARAMETERS` otherwise). */
export function optionalInt(ctx: ActionContext, name: string): number | undefined {
  const raw = ctx.params[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new BusinessError('isv.INVALID_PARAMETERS', `参数异常:${name}须为整数`);
  return value;
}

/** `MoreData`: the official client sends the array as JSON. */
export function moreData(ctx: ActionContext): string[] | undefined {
  const raw = ctx.params.MoreData;
  if (raw === undefined || raw === '') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  } catch {
    // reported below
  }
  throw new BusinessError('isv.INVALID_JSON_PARAM', 'MoreData须为字符串数组的JSON');
}

/** `AuditInfo` of GetSmsSign/GetSmsTemplate: when it was decided and why it was refused. */
export function auditInfo(catalog: Catalog, entry: CatalogSign | CatalogTemplate) {
  const at = catalog.decidedAt(entry);
  return { AuditDate: at === undefined ? '' : formatChinaDateTime(at), RejectInfo: entry.rejectReason ?? '' };
}

/** `Reason` of the older list actions. */
export function listReason(catalog: Catalog, entry: CatalogSign | CatalogTemplate) {
  const rejected = catalog.statusOf(entry) === 'rejected';
  const at = catalog.decidedAt(entry);
  return {
    RejectDate: rejected && at !== undefined ? formatChinaDateTime(at) : '',
    RejectInfo: rejected ? (entry.rejectReason ?? '') : '',
    RejectSubInfo: '',
  };
}
