import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import type { AliyunBody } from '../transport/error-factory.js';
import type { CallOptions, ClientOptions } from '../transport/options.js';
import { RpcClient } from '../transport/rpc-client.js';
import {
  type ConversionDataInput,
  conversionDataParams,
  type IntlSmsConversionInput,
  intlSmsConversionParams,
} from './conversion.js';
import { parseRfcDate } from './dates.js';
import { INTL_SMS_ENDPOINTS } from './endpoints.js';
import type {
  BatchSendMessageToGlobeInput,
  BatchSendMessageToGlobeResult,
  GlobeSendResult,
  NumberDetail,
  QueryMessageResult,
  SendMessageToGlobeInput,
  SendMessageWithTemplateInput,
} from './intl-types.js';
import { newOutId } from './out-id.js';
import { checkOutId, defined, intParam, required, templateParamJson } from './params.js';
import { checkGlobalPhone, checkSmsPhone, isMainlandPhone, toList } from './phone.js';
import { num, str } from './shape.js';
import type { ResultBase } from './types.js';

/** The dysmsapi version `IntlSmsClient` calls (international SMS). */
export const INTL_SMS_API_VERSION = '2018-05-01';
/** Most numbers in one BatchSendMessageToGlobe call (Aliyun's limit). */
export const MAX_GLOBE_BATCH_NUMBERS = 1000;

/**
 * International SMS (dysmsapi 2018-05-01, "Go Globe"). Business errors arrive as HTTP 200 with
 * `ResponseCode` other than `OK` and throw `AliyunApiError`.
 *
 * @example
 * const intl = new IntlSmsClient({ regionId: 'ap-southeast-1' });
 * await intl.sendMessageToGlobe({ to: '+85212345678', message: 'Your code is 1234', from: 'Alisms' });
 */
export class IntlSmsClient {
  private readonly rpc: RpcClient;

  constructor(options: ClientOptions = {}) {
    this.rpc = new RpcClient({ version: INTL_SMS_API_VERSION, endpoints: INTL_SMS_ENDPOINTS }, options);
  }

  /** Closes the keep-alive connections this client opened. */
  close(): void {
    this.rpc.close();
  }

  /** SendMessageToGlobe: one text to one number outside the Chinese mainland. */
  async sendMessageToGlobe(input: SendMessageToGlobeInput, options?: CallOptions): Promise<GlobeSendResult> {
    const to = checkGlobalPhone(input.to, 'to');
    if (isMainlandPhone(to))
      throw new InvalidArgumentError('to', 'mainland China numbers are not allowed here; use sendMessageWithTemplate');
    const taskId = checkOutId(input.taskId, 'taskId') ?? newOutId();
    const query = defined({
      To: to,
      Message: required(input.message, 'message'),
      From: senderId(input.from),
      Type: messageType(input.type),
      TaskId: taskId,
      ValidityPeriod: intParam(input.validityPeriod, 'validityPeriod', 1, 7 * 86_400),
      ChannelId: input.channelId,
    });
    const { body, requestId } = await this.rpc.call(
      { action: 'SendMessageToGlobe', query, idempotent: false, outId: taskId },
      options,
    );
    return { ...sendResult(body), taskId, requestId, raw: body };
  }

  /** BatchSendMessageToGlobe: up to 1000 numbers, one text for all or one per number. */
  async batchSendMessageToGlobe(
    input: BatchSendMessageToGlobeInput,
    options?: CallOptions,
  ): Promise<BatchSendMessageToGlobeResult> {
    const to = toList(input.to, 'to').map((p, i) => checkGlobalPhone(p, `to[${i}]`));
    if (to.length === 0) throw new InvalidArgumentError('to', 'needs at least one number');
    if (to.length > MAX_GLOBE_BATCH_NUMBERS)
      throw new InvalidArgumentError('to', `at most ${MAX_GLOBE_BATCH_NUMBERS} numbers per call, got ${to.length}`);
    const messages = typeof input.message === 'string' ? to.map(() => input.message as string) : [...input.message];
    if (messages.length !== to.length)
      throw new InvalidArgumentError('message', `has ${messages.length} texts for ${to.length} numbers; align them`);
    for (const [i, m] of messages.entries()) required(m, `message[${i}]`);
    const taskId = checkOutId(input.taskId, 'taskId') ?? newOutId();
    const query = defined({
      To: JSON.stringify(to),
      Message: JSON.stringify(messages),
      From: senderId(input.from),
      Type: messageType(input.type),
      TaskId: taskId,
      ValidityPeriod: intParam(input.validityPeriod, 'validityPeriod', 1, 7 * 86_400),
      ChannelId: input.channelId,
    });
    const { body, requestId } = await this.rpc.call(
      { action: 'BatchSendMessageToGlobe', query, idempotent: false, outId: taskId },
      options,
    );
    return {
      messageIds: jsonList(body.MessageIdList),
      failedList: jsonList(body.FailedList),
      successCount: num(body.SuccessCount) ?? 0,
      from: str(body.From),
      taskId,
      responseDescription: str(body.ResponseDescription) ?? '',
      requestId,
      raw: body,
    };
  }

  /** SendMessageWithTemplate: an approved template to a mainland China number through the international API. */
  async sendMessageWithTemplate(input: SendMessageWithTemplateInput, options?: CallOptions): Promise<GlobeSendResult> {
    const phone = checkSmsPhone(input.to, 'to');
    if (!isMainlandPhone(phone)) throw new InvalidArgumentError('to', 'must be a mainland China number');
    const query = defined({
      To: `86${phone.slice(-11)}`,
      From: required(input.from, 'from'),
      TemplateCode: required(input.templateCode, 'templateCode'),
      TemplateParam: templateParamJson(input.templateParam, 'templateParam'),
      SmsUpExtendCode: input.smsUpExtendCode,
      ValidityPeriod: intParam(input.validityPeriod, 'validityPeriod', 1, 7 * 86_400),
      ChannelId: input.channelId,
    });
    const { body, requestId } = await this.rpc.call(
      { action: 'SendMessageWithTemplate', query, idempotent: false },
      options,
    );
    return { ...sendResult(body), taskId: undefined, requestId, raw: body };
  }

  /**
   * SmsConversion: reports whether an international message's recipient converted (used the code), which feeds
   * Aliyun's OTP conversion rate. Report it once the code is approved.
   * @example await intl.smsConversion({ messageId, to: '+85212345678' })
   */
  async smsConversion(input: IntlSmsConversionInput, options?: CallOptions): Promise<ResultBase> {
    const query = intlSmsConversionParams(input, Date.now());
    // A repeat reports the same fact again: safe to retry.
    const { body, requestId } = await this.rpc.call({ action: 'SmsConversion', query, idempotent: true }, options);
    return { requestId, raw: body };
  }

  /** ConversionData: reports the account's OTP conversion rate (0–1) for a time. */
  async conversionData(input: ConversionDataInput, options?: CallOptions): Promise<ResultBase> {
    const query = conversionDataParams(input, Date.now());
    const { body, requestId } = await this.rpc.call({ action: 'ConversionData', query, idempotent: true }, options);
    return { requestId, raw: body };
  }

  /** QueryMessage: the status of one message by its MessageId. */
  async queryMessage(input: { messageId: string }, options?: CallOptions): Promise<QueryMessageResult> {
    const query = { MessageId: required(input.messageId, 'messageId') };
    const { body, requestId } = await this.rpc.call({ action: 'QueryMessage', query, idempotent: true }, options);
    return {
      messageId: str(body.MessageId) ?? query.MessageId,
      to: str(body.To),
      message: str(body.Message),
      status: num(body.Status) ?? 0,
      errorCode: str(body.ErrorCode),
      errorDescription: str(body.ErrorDescription),
      sendDate: parseRfcDate(body.SendDate),
      receiveDate: parseRfcDate(body.ReceiveDate),
      numberDetail: numberDetail(body.NumberDetail),
      requestId,
      raw: body,
    };
  }
}

function sendResult(body: AliyunBody): Omit<GlobeSendResult, 'taskId' | 'requestId' | 'raw'> {
  return {
    messageId: str(body.MessageId) ?? '',
    segments: num(body.Segments) ?? 0,
    to: str(body.To),
    from: str(body.From),
    numberDetail: numberDetail(body.NumberDetail),
    responseDescription: str(body.ResponseDescription) ?? '',
  };
}

function numberDetail(value: unknown): NumberDetail | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  return { country: str(v.Country), region: str(v.Region), carrier: str(v.Carrier) };
}

/** `MessageIdList` / `FailedList` arrive as JSON array strings (or arrays). */
function jsonList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

function senderId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^(?:[A-Za-z0-9 ]{1,11}|\d{1,15})$/.test(value))
    throw new InvalidArgumentError('from', 'a sender ID is letters/digits (≤ 11 chars) or digits only (≤ 15)');
  return value;
}

function messageType(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value !== 'OTP' && value !== 'NOTIFY' && value !== 'MKT')
    throw new InvalidArgumentError('type', `use OTP, NOTIFY or MKT, got ${value}`);
  return value;
}
