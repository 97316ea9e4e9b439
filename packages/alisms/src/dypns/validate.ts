import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { checkOutId, defined, intParam, required, templateParamJson } from '../core/params.js';
import { maskPhone } from '../core/redact.js';
import type { CheckSmsVerifyCodeInput, SendSmsVerifyCodeInput } from './types.js';

/** Dypns serves mainland numbers only: 11 digits starting with 1, sent without the country code (that is `CountryCode`). */
const MAINLAND_LOCAL = /^1\d{10}$/;

function checkPhone(value: unknown): string {
  if (typeof value !== 'string') throw new InvalidArgumentError('phoneNumber', `must be a string, got ${typeof value}`);
  const phone = value.replace(/[\s-]/g, '').replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
  if (!MAINLAND_LOCAL.test(phone))
    throw new InvalidArgumentError(
      'phoneNumber',
      `"${maskPhone(value)}" is not a mainland mobile number: Dypns sends codes to 11-digit numbers starting with 1 only`,
    );
  return phone;
}

function checkCountryCode(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value !== '86' && value !== '+86')
    throw new InvalidArgumentError('countryCode', 'Dypns serves mainland numbers only: leave it out or pass "86"');
  return '86';
}

function checkScheme(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const scheme = required(value, 'schemeName');
  if ([...scheme].length > 20) throw new InvalidArgumentError('schemeName', 'must be at most 20 characters');
  return scheme;
}

/** SendSmsVerifyCode parameters (all in the query, as the official client sends them), validated. */
export function sendSmsVerifyCodeParams(input: SendSmsVerifyCodeInput): Record<string, string> {
  const validTime = intParam(input.validTime, 'validTime', 1, 86_400);
  // Without variables Aliyun would send the template with its placeholders empty: ask it to generate the code
  // and show the validity the caller chose (Aliyun's default 300 s = 5 minutes otherwise).
  const templateParam =
    input.templateParam === undefined
      ? JSON.stringify({ code: '##code##', min: String(Math.max(1, Math.round(Number(validTime ?? 300) / 60))) })
      : templateParamJson(input.templateParam, 'templateParam');
  return defined({
    PhoneNumber: checkPhone(input.phoneNumber),
    SignName: required(input.signName, 'signName'),
    TemplateCode: required(input.templateCode, 'templateCode'),
    TemplateParam: templateParam,
    CodeLength: intParam(input.codeLength, 'codeLength', 4, 8),
    CodeType: intParam(input.codeType, 'codeType', 1, 7),
    ValidTime: validTime,
    Interval: intParam(input.interval, 'interval', 0, 86_400),
    DuplicatePolicy: intParam(input.duplicatePolicy, 'duplicatePolicy', 1, 2),
    ReturnVerifyCode: input.returnVerifyCode === undefined ? undefined : String(Boolean(input.returnVerifyCode)),
    SchemeName: checkScheme(input.schemeName),
    CountryCode: checkCountryCode(input.countryCode),
    OutId: checkOutId(input.outId),
    SmsUpExtendCode:
      input.smsUpExtendCode === undefined ? undefined : required(input.smsUpExtendCode, 'smsUpExtendCode'),
    AutoRetry: intParam(input.autoRetry, 'autoRetry', 0, 1),
  });
}

/** CheckSmsVerifyCode parameters, validated. */
export function checkSmsVerifyCodeParams(input: CheckSmsVerifyCodeInput): Record<string, string> {
  const code = required(input.verifyCode, 'verifyCode').trim();
  if (code.length > 16) throw new InvalidArgumentError('verifyCode', 'is longer than any code Dypns generates');
  return defined({
    PhoneNumber: checkPhone(input.phoneNumber),
    VerifyCode: code,
    SchemeName: checkScheme(input.schemeName),
    CountryCode: checkCountryCode(input.countryCode),
    OutId: checkOutId(input.outId),
    CaseAuthPolicy: intParam(input.caseAuthPolicy, 'caseAuthPolicy', 1, 2),
  });
}
