import { formatChinaDay } from 'alisms';
import type { Batch } from './batcher.js';
import { type BulkSmsPort, detailsOf, type SendAnswer } from './port.js';

/** Sends one batch with the action the batcher chose; the same OutId on every attempt. */
export function callBatch(
  port: BulkSmsPort,
  batch: Batch,
  job: { signName: string; templateCode: string; outId: string },
): Promise<SendAnswer> {
  const first = batch.rows[0];
  if (batch.action === 'SendSms' && first) {
    const hasParams = Object.keys(first.params).length > 0;
    return port.sendSms({
      phoneNumbers: batch.rows.map((r) => r.phone),
      signName: job.signName,
      templateCode: job.templateCode,
      ...(hasParams ? { templateParam: first.params } : {}),
      outId: job.outId,
    });
  }
  return port.sendBatchSms({
    templateCode: job.templateCode,
    messages: batch.rows.map((r) => ({ phoneNumber: r.phone, signName: job.signName, templateParam: r.params })),
    outId: job.outId,
  });
}

/** `yyyyMMdd` in UTC+8, the calendar QuerySendDetails files sends under. */
export function aliyunSendDate(epochMs: number): string {
  return formatChinaDay(epochMs);
}

/** What QuerySendDetails says about a batch whose call outcome is unknown. */
export interface Reconciled {
  found: boolean;
  bizId?: string | undefined;
}

const PAGE_SIZE = 50;
/** A call may be filed under the next day when it crossed midnight (UTC+8) in flight. */
const DATE_SLACK_MS = 10 * 60_000;

/**
 * Looks the batch up by its first number and OutId. A batch call is all-or-nothing, so one number
 * tells whether the whole call was accepted. `beforeQuery` lets the caller charge each query
 * to the QPS budget.
 */
export async function reconcileBatch(
  port: BulkSmsPort,
  batch: Batch,
  outId: string,
  sentAt: number,
  beforeQuery: () => Promise<void> = async () => undefined,
): Promise<Reconciled> {
  const first = batch.rows[0];
  if (!first) return { found: false };
  const dates = new Set([aliyunSendDate(sentAt), aliyunSendDate(sentAt + DATE_SLACK_MS)]);
  for (const sendDate of dates) {
    for (let page = 1; ; page++) {
      await beforeQuery();
      const answer = await port.querySendDetails({
        phoneNumber: first.phone,
        sendDate,
        pageSize: PAGE_SIZE,
        currentPage: page,
      });
      const details = detailsOf(answer);
      const hit = details.find((d) => d.outId === outId);
      if (hit) return { found: true, bizId: hit.bizId };
      if (details.length < PAGE_SIZE) break;
    }
  }
  return { found: false };
}
