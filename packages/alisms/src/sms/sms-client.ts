import type { AliyunBody } from '../transport/error-factory.js';
import type { CallOptions, ClientOptions } from '../transport/options.js';
import { type RpcCall, RpcClient } from '../transport/rpc-client.js';
import {
  type ConversionDataInput,
  conversionDataParams,
  type SmsConversionInput,
  smsConversionParams,
} from './conversion.js';
import { toChinaDay } from './dates.js';
import { SMS_ENDPOINTS } from './endpoints.js';
import { newOutId } from './out-id.js';
import { intParam, required } from './params.js';
import { checkSmsPhone } from './phone.js';
import { parseSendDetails, parseSendStatistics } from './query-results.js';
import { outIdFor, sendBatchSmsParams, sendSmsParams } from './send-params.js';
import { str } from './shape.js';
import type {
  QuerySendDetailsInput,
  QuerySendDetailsResult,
  QuerySendStatisticsInput,
  QuerySendStatisticsResult,
  ResultBase,
  SendBatchSmsInput,
  SendSmsInput,
  SendSmsResult,
  SmsSendDetail,
} from './types.js';
import { SMS_API_VERSION } from './version.js';

function sendResult(body: AliyunBody, requestId: string, call: RpcCall): SendSmsResult {
  return {
    bizId: str(body.BizId) ?? '',
    outId: call.outId as string,
    message: str(body.Message) ?? '',
    requestId,
    raw: body,
  };
}

/**
 * China SMS (dysmsapi 2017-05-25): sending, delivery records, statistics and conversion feedback.
 * Methods are the Aliyun actions in camelCase; inputs are validated before any I/O
 * (`InvalidArgumentError`); a `Code` other than `OK` throws `AliyunApiError`. Sign and template
 * management is `SmsManagementClient`'s, so that a sender does not bundle it.
 *
 * @example
 * const sms = new SmsClient({ accessKeyId: 'LTAI…', accessKeySecret: '…' });
 * const { bizId } = await sms.sendSms({ phoneNumbers: '13800138000', signName: '阿里云短信测试',
 *   templateCode: 'SMS_154950909', templateParam: { code: '1234' } });
 */
export class SmsClient {
  private readonly rpc: RpcClient;

  constructor(options: ClientOptions = {}) {
    this.rpc = new RpcClient({ version: SMS_API_VERSION, endpoints: SMS_ENDPOINTS }, options);
  }

  /** Closes the keep-alive connections this client opened. */
  close(): void {
    this.rpc.close();
  }

  /** SendSms: one template to up to 1000 numbers. Never retried once written (see SendOutcomeUnknownError). */
  sendSms(input: SendSmsInput, options?: CallOptions): Promise<SendSmsResult> {
    // Not an async method (the hot path returns the client's promise as is), so a validation
    // error is turned into a rejection by hand: callers see the same as from an async method.
    try {
      const outId = outIdFor(input.outId, newOutId);
      const query = sendSmsParams(input, outId);
      return this.rpc.callShaped({ action: 'SendSms', query, idempotent: false, outId }, options, sendResult);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** SendBatchSms: up to 100 messages, each with its own number, signature and variables. */
  async sendBatchSms(input: SendBatchSmsInput, options?: CallOptions): Promise<SendSmsResult> {
    const outId = outIdFor(input.outId, newOutId);
    const { query, form } = sendBatchSmsParams(input, outId);
    const { body, requestId } = await this.rpc.call(
      { action: 'SendBatchSms', query, form, idempotent: false, outId },
      options,
    );
    return { bizId: str(body.BizId) ?? '', outId, message: str(body.Message) ?? '', requestId, raw: body };
  }

  /** QuerySendDetails: one page of delivery records of one number on one day. */
  async querySendDetails(input: QuerySendDetailsInput, options?: CallOptions): Promise<QuerySendDetailsResult> {
    const query: Record<string, string> = {
      PhoneNumber: checkSmsPhone(input.phoneNumber, 'phoneNumber'),
      SendDate: toChinaDay(input.sendDate, 'sendDate'),
      PageSize: intParam(input.pageSize ?? 50, 'pageSize', 1, 50) as string,
      CurrentPage: intParam(input.currentPage ?? 1, 'currentPage', 1, 1_000_000) as string,
    };
    if (input.bizId !== undefined) query.BizId = required(input.bizId, 'bizId');
    const { body, requestId } = await this.rpc.call({ action: 'QuerySendDetails', query, idempotent: true }, options);
    return { ...parseSendDetails(body), requestId, raw: body };
  }

  /**
   * Every delivery record of one number on one day, page after page.
   * @example for await (const d of sms.iterateSendDetails({ phoneNumber, sendDate: new Date() })) console.log(d.sendStatus);
   */
  async *iterateSendDetails(
    input: Omit<QuerySendDetailsInput, 'currentPage'>,
    options?: CallOptions,
  ): AsyncGenerator<SmsSendDetail, void, undefined> {
    let seen = 0;
    for (let page = 1; ; page++) {
      const result = await this.querySendDetails({ ...input, currentPage: page }, options);
      yield* result.details;
      seen += result.details.length;
      if (result.details.length === 0 || seen >= result.totalCount) return;
    }
  }

  /**
   * SmsConversionIntl: reports that a message's recipient converted (used the code), which feeds Aliyun's
   * delivery-rate statistics. Report it once the code is approved.
   * @example await sms.smsConversionIntl({ messageId: bizId })
   */
  async smsConversionIntl(input: SmsConversionInput, options?: CallOptions): Promise<ResultBase> {
    const query = smsConversionParams(input, Date.now());
    // A repeat reports the same fact again: safe to retry.
    const { body, requestId } = await this.rpc.call({ action: 'SmsConversionIntl', query, idempotent: true }, options);
    return { requestId, raw: body };
  }

  /** ConversionDataIntl: reports the account's conversion rate (0–1) for a time. */
  async conversionDataIntl(input: ConversionDataInput, options?: CallOptions): Promise<ResultBase> {
    const query = conversionDataParams(input, Date.now());
    const { body, requestId } = await this.rpc.call({ action: 'ConversionDataIntl', query, idempotent: true }, options);
    return { requestId, raw: body };
  }

  /** QuerySendStatistics: per-day counts between two days. */
  async querySendStatistics(
    input: QuerySendStatisticsInput,
    options?: CallOptions,
  ): Promise<QuerySendStatisticsResult> {
    const query: Record<string, string> = {
      IsGlobe: intParam(input.isGlobe, 'isGlobe', 1, 2) as string,
      StartDate: toChinaDay(input.startDate, 'startDate'),
      EndDate: toChinaDay(input.endDate, 'endDate'),
      PageIndex: intParam(input.pageIndex ?? 1, 'pageIndex', 1, 1_000_000) as string,
      PageSize: intParam(input.pageSize ?? 50, 'pageSize', 1, 50) as string,
    };
    const templateType = intParam(input.templateType, 'templateType', 0, 99);
    if (templateType !== undefined) query.TemplateType = templateType;
    if (input.signName !== undefined) query.SignName = required(input.signName, 'signName');
    const { body, requestId } = await this.rpc.call(
      { action: 'QuerySendStatistics', query, idempotent: true },
      options,
    );
    return { ...parseSendStatistics(body), requestId, raw: body };
  }
}
