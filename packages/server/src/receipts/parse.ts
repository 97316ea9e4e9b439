import { z } from 'zod';
import type { DeliveryStatus, InboundSms } from './types.js';

const text = z.union([z.string(), z.number()]).transform((v) => String(v));
const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

/** One SmsReport push item (spec 5.1); unknown fields are tolerated because Aliyun adds some over time. */
export const smsReportItemSchema = z.looseObject({
  phone_number: text,
  send_time: text.optional(),
  report_time: text.optional(),
  success: flag,
  err_code: text.optional(),
  err_msg: text.optional(),
  sms_size: text.optional(),
  biz_id: text,
  out_id: text.optional(),
});

/** One SmsUp push item (spec 5.1). */
export const smsUpItemSchema = z.looseObject({
  phone_number: text,
  content: z.string(),
  send_time: text.optional(),
  dest_code: text.optional(),
  sequence_id: text.optional(),
  sign_name: text.optional(),
});

export const smsReportPushSchema = z.array(smsReportItemSchema);
export const smsUpPushSchema = z.array(smsUpItemSchema);

/** The only answer Aliyun reads: a numeric `code` (0 = accepted). */
export const receiptAckSchema = z.object({ code: z.number().int(), msg: z.string() });

function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

export function toDeliveryStatus(item: z.infer<typeof smsReportItemSchema>, now: Date): DeliveryStatus {
  const size = item.sms_size === undefined ? undefined : Number(item.sms_size);
  return defined({
    bizId: item.biz_id,
    phoneNumber: item.phone_number,
    status: item.success ? 'delivered' : 'failed',
    errCode: item.err_code,
    errMsg: item.err_msg,
    sendTime: item.send_time,
    reportTime: item.report_time,
    smsSize: size !== undefined && Number.isFinite(size) ? size : undefined,
    outId: item.out_id,
    source: 'push',
    updatedAt: now.toISOString(),
  }) as DeliveryStatus;
}

export function toInboundSms(item: z.infer<typeof smsUpItemSchema>, now: Date): InboundSms {
  return defined({
    phoneNumber: item.phone_number,
    content: item.content,
    sendTime: item.send_time,
    destCode: item.dest_code,
    sequenceId: item.sequence_id,
    signName: item.sign_name,
    receivedAt: now.toISOString(),
  }) as InboundSms;
}
