/**
 * alisms — the SDK: clients for China SMS (`SmsClient`), international SMS (`IntlSmsClient`) and
 * Direct Mail (`MailClient`), the `AliyunSMS` facade, the credential chain, the V3 and RPC v1
 * signers and typed errors. Node built-ins only: no third-party module is loaded from here (the
 * build checks it), and it works with both `import` and `require('alisms')`.
 *
 * This file is the public surface, named one by one: what is not listed here (the RPC client,
 * response parsing, retry constants, endpoint parsing, …) is internal and may change in any release.
 * `etc/alisms.api.md` is the report of this surface; CI fails when the two disagree.
 *
 * @example
 * ```ts
 * import { SmsClient, isAliyunApiError } from 'alisms';
 *
 * const sms = new SmsClient(); // credentials from ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, ~/.aliyun, ECS…
 * try {
 *   const { bizId } = await sms.sendSms({
 *     phoneNumbers: '13800138000',
 *     signName: 'Acme',
 *     templateCode: 'SMS_123456789',
 *     templateParam: { code: '123456' },
 *   });
 * } catch (error) {
 *   if (isAliyunApiError(error)) console.error(error.code, error.requestId);
 *   else throw error;
 * }
 * ```
 * @packageDocumentation
 */

// core
export { type BackoffOptions, backoffDelay } from './core/backoff.js';
export {
  CHINA_OFFSET_MS,
  formatChinaDateTime,
  formatChinaDay,
  formatChinaRfc822,
  parseChinaDate,
  parseChinaDay,
} from './core/china-time.js';
export { type Clock, ManualClock, systemClock } from './core/clock.js';
export { type Duration, type DurationUnit, toMs } from './core/duration.js';
export {
  ALIYUN_CODE_CLASSES,
  type AliyunCodeClass,
  type AliyunErrorCode,
  classifyAliyunCode,
  isKnownAliyunCode,
  isServerFailureCode,
  isThrottlingCode,
  type KnownAliyunCode,
} from './core/error-codes.js';
export { ALIYUN_ERROR_CODES, type AliyunCodeInfo, aliyunCodeHint, aliyunCodeInfo } from './core/error-hints.js';
export { AlismsError, type AlismsErrorOptions, isAlismsError } from './core/errors.js';
export { InvalidArgumentError, isInvalidArgumentError } from './core/invalid-argument-error.js';
export { compactPhone, type PhoneNumber, parsePhoneNumber } from './core/phone-number.js';
export { maskAddress, maskEmail, maskPhone, maskSecret, redact } from './core/redact.js';
export { type RenderedTemplate, renderTemplate, templateVariables } from './core/render-template.js';
export { countSmsSegments, type SmsSegments } from './core/segments.js';
export { VERSION } from './core/version.js';

// credentials
export {
  type AlismsConfigFile,
  alismsConfigPath,
  fromAlismsConfig,
  readAlismsConfigFile,
} from './credentials/alisms-config.js';
export { fromAliyunCli } from './credentials/aliyun-cli.js';
export { type ChainOptions, chain, chainWith } from './credentials/chain.js';
export {
  type CredentialsAttempt,
  CredentialsNotFoundError,
  isCredentialsNotFoundError,
} from './credentials/credentials-not-found-error.js';
export { CredentialsProviderSkip, isCredentialsProviderSkip } from './credentials/credentials-provider-skip.js';
export { CredentialsSourceError, isCredentialsSourceError } from './credentials/credentials-source-error.js';
export { type CredentialsUriOptions, fromCredentialsUri } from './credentials/credentials-uri.js';
export { type DefaultCredentialChainOptions, defaultCredentialChain } from './credentials/default-chain.js';
export { describeCredentialSource } from './credentials/describe.js';
export type { DmiReader } from './credentials/ecs-detect.js';
export { type EcsMetadataOptions, fromEcsMetadata } from './credentials/ecs-metadata.js';
export { fromEnv } from './credentials/env.js';
export { fromIniFile } from './credentials/ini-file.js';
export {
  DEFAULT_REFRESH_BEFORE_MS,
  type MemoizedCredentialProvider,
  type MemoizeOptions,
  memoize,
} from './credentials/memoize.js';
export {
  type CredentialsDescription,
  type CredentialsInit,
  createCredentials,
  describeCredentials,
  ResolvedCredentials,
} from './credentials/resolved-credentials.js';
export { type StaticCredentialsInput, staticCredentials } from './credentials/static.js';
export type { CredentialProvider, Credentials, Env, LocationOptions } from './credentials/types.js';

// dypns
export { DYPNS_API_VERSION, DypnsClient } from './dypns/dypns-client.js';
export { DYPNS_ENDPOINTS } from './dypns/endpoints.js';
export type {
  CheckSmsVerifyCodeInput,
  CheckSmsVerifyCodeResult,
  DypnsCodeType,
  SendSmsVerifyCodeInput,
  SendSmsVerifyCodeResult,
} from './dypns/types.js';

// facade
export {
  AliyunSMS,
  type AliyunSMSOptions,
  type FacadeTemplateParams,
  type SendSmsExtra,
  type SmsClientOptions,
} from './facade/aliyun-sms.js';
export { type HmacAlgorithm, hmac64, hmacb64 } from './facade/hmac64.js';
export { type ConfigMapping, type ConfigScalar, parseConfig } from './facade/parse-config.js';

// mail
export { MAIL_API_VERSION, MAIL_ENDPOINTS, MailClient } from './mail/mail-client.js';
export { MAX_BCC_ADDRESSES, MAX_MAIL_ATTACHMENTS, MAX_MAIL_HEADERS } from './mail/send-params.js';
export type {
  BatchSendMailInput,
  MailAttachmentInput,
  MailSendOptions,
  MailTemplateInput,
  SendMailResult,
  SingleSendMailInput,
  UnSubscribeFilterLevel,
  UnSubscribeLinkType,
} from './mail/types.js';
export { FROM_ALIAS_LIMIT, MAX_MAIL_RECIPIENTS, MAX_SUBJECT_LENGTH } from './mail/validate.js';
export type {
  MailAccountSummary,
  MailDailyStat,
  MailDeliveryDetail,
  MailDeliveryStatus,
  MailSenderAddress,
  QueryMailAddressInput,
  QueryMailAddressResult,
  SenderStatisticsByTagInput,
  SenderStatisticsByTagResult,
  SenderStatisticsDetailInput,
  SenderStatisticsDetailResult,
} from './mail/watch-types.js';

// sign
export { canonicalQuery, type ParamMap } from './sign/canonical-query.js';
export { percentEncode } from './sign/percent-encode.js';
export {
  type RpcV1SignInput,
  type RpcV1Verification,
  rpcV1Signature,
  rpcV1StringToSign,
  signRpcV1,
  verifyRpcV1,
} from './sign/rpc-v1.js';
export { timingSafeEqualString } from './sign/safe-compare.js';
export { type SignedRequest, type SignInput, type SigningKeys, sdkUserAgent } from './sign/signed-request.js';
export { formatTimestamp, newNonce, parseTimestamp } from './sign/timestamp.js';
export { signV1Request } from './sign/v1-request.js';
export {
  EMPTY_PAYLOAD_SHA256,
  type HeaderMap,
  hashPayload,
  isSignableHeader,
  parseV3Authorization,
  signableHeaderNames,
  signV3,
  V3_ALGORITHM,
  type V3Authorization,
  type V3Request,
  type V3Signed,
  type V3Verification,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
  verifyV3,
} from './sign/v3.js';
export { signV3Request } from './sign/v3-request.js';
export type { ConversionDataInput, IntlSmsConversionInput, SmsConversionInput } from './sms/conversion.js';
// sms
export { INTL_SMS_ENDPOINTS, SMS_ENDPOINTS } from './sms/endpoints.js';
export { INTL_SMS_API_VERSION, IntlSmsClient, MAX_GLOBE_BATCH_NUMBERS } from './sms/intl-sms-client.js';
export type {
  BatchSendMessageToGlobeInput,
  BatchSendMessageToGlobeResult,
  GlobeMessageType,
  GlobeSendResult,
  NumberDetail,
  QueryMessageResult,
  SendMessageToGlobeInput,
  SendMessageWithTemplateInput,
} from './sms/intl-types.js';
export { SmsManagement } from './sms/management.js';
export { SmsManagementClient } from './sms/management-client.js';
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
} from './sms/management-types.js';
export type { TemplateParams } from './sms/params.js';
export { isMainlandPhone } from './sms/phone.js';
export { MAX_BATCH_SMS_NUMBERS, MAX_SEND_SMS_NUMBERS } from './sms/send-params.js';
export { reviewState, SmsSignTemplateManagement } from './sms/sign-template-management.js';
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
} from './sms/sign-template-types.js';
export { SmsClient } from './sms/sms-client.js';
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
} from './sms/types.js';
export { SMS_API_VERSION } from './sms/version.js';

// transport
export { DIAGNOSTICS_CHANNELS } from './transport/diagnostics.js';
export type { RequestEndMessage, RequestErrorMessage, RequestStartMessage } from './transport/diagnostics-types.js';
export { type Endpoint, type EndpointInput, type EndpointRules, resolveEndpoint } from './transport/endpoint.js';
export { AliyunApiError, isAliyunApiError } from './transport/errors/aliyun-api-error.js';
export { InvalidResponseError, isInvalidResponseError } from './transport/errors/invalid-response-error.js';
export { isSendOutcomeUnknownError, SendOutcomeUnknownError } from './transport/errors/send-outcome-unknown-error.js';
export { isThrottlingError, ThrottlingError } from './transport/errors/throttling-error.js';
export { isTimeoutError, TimeoutError, type TimeoutPhase } from './transport/errors/timeout-error.js';
export { isTransportError, TransportError, type TransportErrorOptions } from './transport/errors/transport-error.js';
export { createFetchTransport, type FetchTransportOptions } from './transport/fetch-transport.js';
export type { HttpRequest, HttpResponse, HttpTransport } from './transport/http-types.js';
export {
  createNodeHttpTransport,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  type NodeHttpTransport,
  type NodeHttpTransportOptions,
} from './transport/node-http.js';
export type { CallOptions, ClientOptions } from './transport/options.js';
export { bypassesProxy } from './transport/proxy-config.js';
export { type AttemptOutcome, type RetryContext, retryDelay, shouldRetry } from './transport/retry-policy.js';
