/**
 * Template text helpers for validation. Placeholders are the SDK's (`templateVariables` and
 * `renderTemplate` in `alisms`); billed segments come from the SDK's `countSmsSegments`.
 */
import { renderTemplate, templateVariables } from 'alisms';

export { templateVariables };

/** Renders `【sign】` + the template with `params` filled in, as the recipient sees it. */
export function renderMessage(sign: string, text: string, params: Record<string, string>): string {
  return `【${sign}】${renderTemplate(text, params).text}`;
}

/** Aliyun rejects messages longer than this (sign included). */
export const MAX_MESSAGE_CHARS = 500;
