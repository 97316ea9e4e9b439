import type { ProductApi } from './context.js';
import { querySendDetails, querySendStatistics } from './sms/query.js';
import { sendBatchSms, sendSms } from './sms/send.js';

/** Every product API the emulator speaks, keyed by Version in the dispatcher. */
export function productApis(): ProductApi[] {
  return [
    {
      product: 'sms',
      version: '2017-05-25',
      host: 'dysmsapi.aliyuncs.com',
      errors: 'code',
      actions: {
        SendSms: sendSms,
        SendBatchSms: sendBatchSms,
        QuerySendDetails: querySendDetails,
        QuerySendStatistics: querySendStatistics,
      },
    },
  ];
}
