import type { AliyunBody } from '../transport/error-factory.js';
import { parseChinaDateTime } from './dates.js';
import { list, num, str } from './shape.js';
import type { SendStatisticsDay, SmsSendDetail } from './types.js';

/** QuerySendDetails body → typed records (`TotalCount` and `SendStatus` as numbers, dates as Dates). */
export function parseSendDetails(body: AliyunBody): { totalCount: number; details: SmsSendDetail[] } {
  const rows = list(body.SmsSendDetailDTOs, 'SmsSendDetailDTO');
  const details = rows.map((r) => ({
    phoneNumber: str(r.PhoneNum) ?? '',
    sendStatus: num(r.SendStatus) ?? 0,
    errCode: str(r.ErrCode),
    templateCode: str(r.TemplateCode),
    content: str(r.Content),
    sendDate: parseChinaDateTime(r.SendDate),
    receiveDate: parseChinaDateTime(r.ReceiveDate),
    outId: str(r.OutId),
  }));
  return { totalCount: num(body.TotalCount) ?? details.length, details };
}

/** QuerySendStatistics body → per-day counts as numbers. */
export function parseSendStatistics(body: AliyunBody): { totalSize: number; days: SendStatisticsDay[] } {
  const data = (body.Data ?? {}) as Record<string, unknown>;
  const days = list(data.TargetList).map((r) => ({
    sendDate: str(r.SendDate) ?? '',
    totalCount: num(r.TotalCount) ?? 0,
    respondedSuccessCount: num(r.RespondedSuccessCount) ?? 0,
    respondedFailCount: num(r.RespondedFailCount) ?? 0,
    noRespondedCount: num(r.NoRespondedCount) ?? 0,
  }));
  return { totalSize: num(data.TotalSize) ?? days.length, days };
}
