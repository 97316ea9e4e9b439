export type { ConversionDataInput, SmsConversionInput } from './conversion.js';
export { parseChinaDateTime, toChinaDay } from './dates.js';
export { INTL_SMS_ENDPOINTS, SMS_ENDPOINTS } from './endpoints.js';
export { INTL_SMS_API_VERSION, IntlSmsClient, MAX_GLOBE_BATCH_NUMBERS } from './intl-sms-client.js';
export type {
  BatchSendMessageToGlobeInput,
  BatchSendMessageToGlobeResult,
  GlobeMessageType,
  GlobeSendResult,
  NumberDetail,
  QueryMessageResult,
  SendMessageToGlobeInput,
  SendMessageWithTemplateInput,
} from './intl-types.js';
export { SmsManagement } from './management.js';
export type {
  PageInput,
  PageResult,
  QuerySmsSignListResult,
  QuerySmsSignResult,
  QuerySmsTemplateListResult,
  QuerySmsTemplateResult,
  SignFile,
  SmsSignInput,
  SmsSignResult,
  SmsSignSummary,
  SmsTemplateInput,
  SmsTemplateResult,
  SmsTemplateSummary,
} from './management-types.js';
export type { TemplateParams } from './params.js';
export { isMainlandPhone } from './phone.js';
export { type RenderedTemplate, renderTemplate } from './render-template.js';
export { countSmsSegments, type SmsSegments } from './segments.js';
export { MAX_BATCH_SMS_NUMBERS, MAX_SEND_SMS_NUMBERS } from './send-params.js';
export { reviewState, SmsSignTemplateManagement } from './sign-template-management.js';
export type {
  CreateSmsSignInput,
  CreateSmsTemplateInput,
  GetSmsSignResult,
  GetSmsTemplateListInput,
  GetSmsTemplateListResult,
  GetSmsTemplateResult,
  ReviewState,
  SmsSignSubmission,
  SmsTemplateListItem,
  SmsTemplateSubmission,
} from './sign-template-types.js';
export { SMS_API_VERSION, SmsClient } from './sms-client.js';
export type {
  BatchMessage,
  QuerySendDetailsInput,
  QuerySendDetailsResult,
  QuerySendStatisticsInput,
  QuerySendStatisticsResult,
  ResultBase,
  SendBatchSmsInput,
  SendSmsInput,
  SendSmsResult,
  SendStatisticsDay,
  SmsSendDetail,
} from './types.js';
