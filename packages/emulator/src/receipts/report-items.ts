import type { StoredMessage } from '../store/types.js';
import { formatIntlReportTime, formatReportTime } from './time-format.js';

/** One item of a domestic SmsReport push (spec 5.1); the push body is an array of these. */
export interface SmsReportItem {
  phone_number: string;
  send_time: string;
  report_time: string;
  success: boolean;
  err_code: string;
  err_msg: string;
  /** Segment count, as a string like Aliyun sends it. */
  sms_size: string;
  biz_id: string;
  out_id: string;
}

/** One item of an international SmsReport push. */
export interface IntlReportItem {
  To: string;
  /** `"1"` delivered, `"2"` failed (`"6"` expired is not simulated). */
  Status: '1' | '2';
  MessageId: string;
  SmsSize: string;
  TaskId: string;
  SendDate: string;
  ReceiveDate: string;
  ErrorCode: string;
  ErrorDescription: string;
}

// Aliyun's err_msg is a short Chinese description of the carrier code; unknown codes echo the code.
const ERR_MSG: Record<string, string> = {
  DELIVERED: '用户接收成功',
  MOBILE_NOT_ON_SERVICE: '停机或空号',
  MOBILE_IN_BLACK: '手机号在黑名单',
  MOBILE_SEND_LIMIT: '单个号码日、月发送上限',
  CONTENT_KEYWORD: '内容关键字拦截',
  INVALID_NUMBER: '号码状态异常',
  IS_CLOSE: '用户关机',
  UNKNOWN: '未知异常',
};

/** The description Aliyun gives a carrier code in receipts. */
export function describeErrCode(code: string): string {
  return ERR_MSG[code] ?? code;
}

/** Mainland numbers are reported in their 11-digit national form, whatever prefix the sender used. */
function reportedPhone(message: StoredMessage): string {
  const key = message.toKey || message.to.replace(/\D/g, '');
  return key.length === 13 && key.startsWith('86') ? key.slice(2) : key;
}

/** The domestic receipt for a message whose status is decided. */
export function toSmsReportItem(message: StoredMessage): SmsReportItem {
  const errCode = message.errCode ?? (message.status === 'delivered' ? 'DELIVERED' : 'UNKNOWN');
  return {
    phone_number: reportedPhone(message),
    send_time: formatReportTime(message.sentAt),
    report_time: formatReportTime(message.receivedAt ?? message.sentAt),
    success: message.status === 'delivered',
    err_code: errCode,
    err_msg: describeErrCode(errCode),
    sms_size: String(message.segments),
    biz_id: message.bizId ?? '',
    out_id: message.outId ?? '',
  };
}

/** The international receipt for a message whose status is decided. */
export function toIntlReportItem(message: StoredMessage): IntlReportItem {
  const delivered = message.status === 'delivered';
  const errCode = message.errCode ?? (delivered ? 'DELIVERED' : 'UNKNOWN');
  return {
    To: message.toKey || message.to.replace(/\D/g, ''),
    Status: delivered ? '1' : '2',
    MessageId: message.messageId ?? message.id,
    SmsSize: String(message.segments),
    TaskId: message.taskId ?? '',
    SendDate: formatIntlReportTime(message.sentAt),
    ReceiveDate: formatIntlReportTime(message.receivedAt ?? message.sentAt),
    // The international push reports success as "success", not DELIVERED (spec 5.1).
    ErrorCode: delivered ? 'success' : errCode,
    ErrorDescription: delivered ? 'success' : describeErrCode(errCode),
  };
}
