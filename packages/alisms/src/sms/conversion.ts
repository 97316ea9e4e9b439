import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { required } from './params.js';
import { checkGlobalPhone } from './phone.js';

/** Input of {@link SmsClient.smsConversionIntl} (and, with `to`, {@link IntlSmsClient.smsConversion}): one message's conversion. */
export interface SmsConversionInput {
  /** The message: a BizId of SendSms or a MessageId of an international send. */
  messageId: string;
  /** Whether the recipient acted on it (used the code). @default true */
  delivered?: boolean;
  /** When the recipient converted. @default now */
  conversionTime?: Date | number;
}

/** Input of {@link IntlSmsClient.smsConversion}: one international message's conversion. */
export interface IntlSmsConversionInput extends SmsConversionInput {
  /** The recipient, country code first (`8521245567…`); optional. */
  to?: string;
}

/** Input of {@link SmsClient.conversionDataIntl} and {@link IntlSmsClient.conversionData}: the account's conversion rate for a time. */
export interface ConversionDataInput {
  /** Share of messages converted, 0 to 1 (e.g. 0.53). */
  conversionRate: number;
  /** The time the rate is for. @default now */
  reportTime?: Date | number;
}

function epochMs(value: Date | number | undefined, field: string, now: number): string {
  const ms = value === undefined ? now : value instanceof Date ? value.getTime() : value;
  if (!Number.isInteger(ms) || ms <= 0) throw new InvalidArgumentError(field, 'must be a Date or epoch milliseconds');
  return String(ms);
}

/** SmsConversionIntl parameters, validated. */
export function smsConversionParams(input: SmsConversionInput, now: number): Record<string, string> {
  return {
    MessageId: required(input.messageId, 'messageId'),
    Delivered: String(input.delivered ?? true),
    ConversionTime: epochMs(input.conversionTime, 'conversionTime', now),
  };
}

/** ConversionDataIntl parameters, validated. */
export function conversionDataParams(input: ConversionDataInput, now: number): Record<string, string> {
  const rate = input.conversionRate;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new InvalidArgumentError('conversionRate', `must be a number from 0 to 1, got ${String(rate)}`);
  return { ConversionRate: String(rate), ReportTime: epochMs(input.reportTime, 'reportTime', now) };
}

/** SmsConversion (2018-05-01) parameters, validated: SmsConversionIntl's plus an optional `To`. */
export function intlSmsConversionParams(input: IntlSmsConversionInput, now: number): Record<string, string> {
  const params = smsConversionParams(input, now);
  if (input.to !== undefined) params.To = checkGlobalPhone(input.to, 'to').replace(/^\+/, '');
  return params;
}
