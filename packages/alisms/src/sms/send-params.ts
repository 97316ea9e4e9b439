import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { checkOutId, required, templateParamJson } from './params.js';
import { checkPhoneList, checkSmsPhone } from './phone.js';
import type { SendBatchSmsInput, SendSmsInput } from './types.js';

/** Most numbers per SendSms and per SendBatchSms (Aliyun's limits). */
export const MAX_SEND_SMS_NUMBERS = 1000;
/** Most messages in one SendBatchSms call (Aliyun's limit). */
export const MAX_BATCH_SMS_NUMBERS = 100;

/** SendSms parameters (all in the query), validated. */
export function sendSmsParams(input: SendSmsInput, outId: string): Record<string, string> {
  const phones = checkPhoneList(input.phoneNumbers, 'phoneNumbers', MAX_SEND_SMS_NUMBERS);
  // Built in place rather than through defined({...}): one object per send instead of two.
  const params: Record<string, string> = {
    PhoneNumbers: phones.length === 1 ? (phones[0] as string) : phones.join(','),
    SignName: required(input.signName, 'signName'),
    TemplateCode: required(input.templateCode, 'templateCode'),
  };
  const templateParam = templateParamJson(input.templateParam, 'templateParam');
  if (templateParam !== undefined) params.TemplateParam = templateParam;
  const smsUpExtendCode = extendCode(input.smsUpExtendCode, 'smsUpExtendCode');
  if (smsUpExtendCode !== undefined) params.SmsUpExtendCode = smsUpExtendCode;
  params.OutId = outId;
  return params;
}

/** SendBatchSms: `TemplateCode` and `OutId` in the query, the index-aligned JSON arrays in the form body. */
export function sendBatchSmsParams(
  input: SendBatchSmsInput,
  outId: string,
): { query: Record<string, string>; form: Record<string, string> } {
  const messages = input.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    throw new InvalidArgumentError('messages', 'needs at least one { phoneNumber, signName, templateParam }');
  if (messages.length > MAX_BATCH_SMS_NUMBERS)
    throw new InvalidArgumentError(
      'messages',
      `at most ${MAX_BATCH_SMS_NUMBERS} per SendBatchSms, got ${messages.length}; split the batch`,
    );
  const phones: string[] = [];
  const signs: string[] = [];
  const params: unknown[] = [];
  const codes: string[] = [];
  let anyParam = false;
  let anyCode = false;
  messages.forEach((m, i) => {
    phones.push(checkSmsPhone(m.phoneNumber, `messages[${i}].phoneNumber`));
    signs.push(required(m.signName, `messages[${i}].signName`));
    const json = templateParamJson(m.templateParam, `messages[${i}].templateParam`);
    anyParam ||= json !== undefined;
    params.push(json === undefined ? {} : JSON.parse(json));
    const code = extendCode(m.smsUpExtendCode, `messages[${i}].smsUpExtendCode`);
    anyCode ||= code !== undefined;
    codes.push(code ?? '');
  });
  const form: Record<string, string> = {
    PhoneNumberJson: JSON.stringify(phones),
    SignNameJson: JSON.stringify(signs),
  };
  // Aliyun wants the arrays aligned: when one message has variables, every message gets an entry.
  if (anyParam) form.TemplateParamJson = JSON.stringify(params);
  if (anyCode) form.SmsUpExtendCodeJson = JSON.stringify(codes);
  return { query: { TemplateCode: required(input.templateCode, 'templateCode'), OutId: outId }, form };
}

/** The OutId to send: the caller's (checked) or a generated one. */
export function outIdFor(given: string | undefined, generate: () => string): string {
  return checkOutId(given) ?? generate();
}

function extendCode(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value))
    throw new InvalidArgumentError(field, 'must be a string of digits');
  return value;
}
