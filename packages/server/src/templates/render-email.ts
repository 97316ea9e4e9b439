import { renderTemplate } from 'alisms';
import { escapeToBuffer, type StringBuffer } from 'hono/utils/html';

/** Values a verification e-mail may use: `${code}`, `${minutes}`, `${purpose}`. */
export type EmailValues = { code: string; minutes: string; purpose: string };

/** The variables e-mail and international SMS templates may use. */
export const MESSAGE_VARIABLES: readonly string[] = ['code', 'minutes', 'purpose'];

/** HTML-escapes with the server framework's own escaper (`&`, `<`, `>`, `"`, `'`). */
export function escapeHtml(value: string): string {
  const buffer: StringBuffer = [''];
  escapeToBuffer(value, buffer);
  return buffer[0] as string;
}

/**
 * Fills in an e-mail template: subject and text as they are, HTML with every value escaped (the values are
 * ours today, but a purpose or a future variable must never be able to inject markup).
 */
export function renderEmail(
  template: { subject: string; text: string; html: string | undefined },
  values: EmailValues,
): { subject: string; text: string; html: string | undefined } {
  const escaped = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(v)]));
  return {
    subject: renderTemplate(template.subject, values).text,
    text: renderTemplate(template.text, values).text,
    html: template.html === undefined ? undefined : renderTemplate(template.html, escaped).text,
  };
}
