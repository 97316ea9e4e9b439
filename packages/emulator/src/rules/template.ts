import { renderTemplate as renderPlaceholders, templateVariables } from 'alisms';
import { BusinessError } from '../wire/errors.js';

/** Names of the `${var}` placeholders of a template, in order of first use (the SDK's definition). */
export { templateVariables };

/** Parses `TemplateParam`: a JSON object whose values are all strings (Aliyun rejects `{"code":1234}`). */
export function parseTemplateParam(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new BusinessError('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  }
  return checkParamObject(value);
}

export function checkParamObject(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BusinessError('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  for (const field of Object.values(value))
    if (typeof field !== 'string') throw new BusinessError('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  return value as Record<string, string>;
}

const VERIFICATION_VALUE = /^[A-Za-z0-9]{4,6}$/;

/**
 * Renders a template; every placeholder needs a value, and a verification-code template's values
 * must be 4-6 letters or digits (Aliyun's rule for code variables).
 */
export function renderTemplate(
  content: string,
  params: Record<string, string> | undefined,
  verification: boolean,
): string {
  for (const name of templateVariables(content)) {
    const value = params?.[name];
    if (value === undefined || value === '')
      throw new BusinessError('isv.TEMPLATE_MISSING_PARAMETERS', `模版缺少变量:${name}`);
    if (verification && !VERIFICATION_VALUE.test(value))
      throw new BusinessError(
        'isv.TEMPLATE_PARAMS_ILLEGAL',
        `模版变量不符合规范:${name}，验证码变量须为4-6位字母或数字`,
      );
  }
  return renderPlaceholders(content, params).text;
}

/** The verification code of a message: the `code` param, else the first run of 4-8 digits. */
export function extractCode(params: Record<string, string> | undefined, content: string): string | undefined {
  if (params?.code) return params.code;
  return /(?<!\d)\d{4,8}(?!\d)/.exec(content)?.[0];
}
