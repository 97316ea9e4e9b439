import type { ProductApi } from './context.js';
import { checkSmsVerifyCode, sendSmsVerifyCode } from './dypns/verify-code.js';
import { batchSendMessageToGlobe, queryMessage, sendMessageToGlobe, sendMessageWithTemplate } from './intl/globe.js';
import { batchSendMail, singleSendMail } from './mail/mail.js';
import {
  descAccountSummary,
  queryMailAddressByParam,
  senderStatisticsByTagNameAndBatchID,
  senderStatisticsDetailByParam,
} from './mail/watch.js';
import { conversionData, conversionDataIntl, smsConversion, smsConversionIntl } from './sms/conversion.js';
import { querySendDetails, querySendStatistics } from './sms/query.js';
import { sendBatchSms, sendSms } from './sms/send.js';
import { addSmsSign, deleteSmsSign, modifySmsSign, querySmsSign, querySmsSignList } from './sms/signs.js';
import { createSmsSign, getSmsSign, updateSmsSign } from './sms/signs-current.js';
import {
  addSmsTemplate,
  deleteSmsTemplate,
  modifySmsTemplate,
  querySmsTemplate,
  querySmsTemplateList,
} from './sms/templates.js';
import { createSmsTemplate, getSmsTemplate, getSmsTemplateList, updateSmsTemplate } from './sms/templates-current.js';

/** Every product API the emulator speaks; the dispatcher picks one by Version, then the action by name. */
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
        AddSmsSign: addSmsSign,
        QuerySmsSign: querySmsSign,
        QuerySmsSignList: querySmsSignList,
        ModifySmsSign: modifySmsSign,
        DeleteSmsSign: deleteSmsSign,
        AddSmsTemplate: addSmsTemplate,
        QuerySmsTemplate: querySmsTemplate,
        QuerySmsTemplateList: querySmsTemplateList,
        ModifySmsTemplate: modifySmsTemplate,
        DeleteSmsTemplate: deleteSmsTemplate,
        CreateSmsSign: createSmsSign,
        GetSmsSign: getSmsSign,
        UpdateSmsSign: updateSmsSign,
        CreateSmsTemplate: createSmsTemplate,
        GetSmsTemplate: getSmsTemplate,
        UpdateSmsTemplate: updateSmsTemplate,
        GetSmsTemplateList: getSmsTemplateList,
        SmsConversionIntl: smsConversionIntl,
        ConversionDataIntl: conversionDataIntl,
      },
    },
    {
      // Listed after dysmsapi: same version, so actions both name (QuerySendDetails) stay dysmsapi's.
      product: 'dypns',
      version: '2017-05-25',
      host: 'dypnsapi.aliyuncs.com',
      errors: 'code-success',
      actions: { SendSmsVerifyCode: sendSmsVerifyCode, CheckSmsVerifyCode: checkSmsVerifyCode },
    },
    {
      product: 'intl',
      version: '2018-05-01',
      host: 'dysmsapi.ap-southeast-1.aliyuncs.com',
      errors: 'response-code',
      actions: {
        SendMessageToGlobe: sendMessageToGlobe,
        BatchSendMessageToGlobe: batchSendMessageToGlobe,
        SendMessageWithTemplate: sendMessageWithTemplate,
        QueryMessage: queryMessage,
        SmsConversion: smsConversion,
        ConversionData: conversionData,
      },
    },
    {
      product: 'mail',
      version: '2015-11-23',
      host: 'dm.aliyuncs.com',
      // Direct Mail has no HTTP 200 business errors: its handlers throw gateway-style 4xx errors.
      errors: 'code',
      actions: {
        SingleSendMail: singleSendMail,
        BatchSendMail: batchSendMail,
        SenderStatisticsDetailByParam: senderStatisticsDetailByParam,
        SenderStatisticsByTagNameAndBatchID: senderStatisticsByTagNameAndBatchID,
        DescAccountSummary: descAccountSummary,
        QueryMailAddressByParam: queryMailAddressByParam,
      },
    },
  ];
}
