import { templateVariables } from 'alisms';
import { ConfigError } from '../config/config-error.js';
import type { TemplatesConfig } from '../config/templates-schema.js';
import { candidates, namedCombinations, type PerPurpose, pick } from './lookup.js';
import { MESSAGE_VARIABLES } from './render-email.js';

/** Sign and template of one China SMS (SendSms). */
export interface SmsTemplate {
  /** The approved signature (`SignName`). */
  signName: string;
  /** The reviewed template (`TemplateCode`, e.g. `SMS_154950909`). */
  templateCode: string;
  /** The template variable that receives the code. */
  codeParam: string;
}

/** Text and sender ID of one international SMS (SendMessageToGlobe). */
export interface IntlTemplate {
  /** The message, `${code}` and `${minutes}` filled in. */
  text: string;
  /** Sender ID; Aliyun's default when undefined. */
  from: string | undefined;
}

/** Subject and bodies of one verification e-mail. */
export interface EmailTemplate {
  /** Subject line (not escaped: it is not HTML). */
  subject: string;
  /** Plain-text body. */
  text: string;
  /** HTML body, its values escaped; none when undefined. */
  html: string | undefined;
}

/** The templates of one service, resolved per purpose and locale (see `candidates` for the fallback order). */
export interface TemplateBook {
  /** China SMS; undefined when no sign or template is configured anywhere (SMS codes are then refused). */
  sms(purpose: string, locale: string | undefined): SmsTemplate | undefined;
  /** International SMS to a number of `country` (ISO 3166-1 alpha-2); undefined when none is configured. */
  intl(purpose: string, locale: string | undefined, country?: string | undefined): IntlTemplate | undefined;
  /** E-mail; always defined (the built-in text and `mail.subject` are the last fallback). */
  email(purpose: string, locale: string | undefined): EmailTemplate;
}

/** What the templates fall back to: the `sms.*` and `mail.*` settings. */
export interface TemplateDefaults {
  /** `sms.signName`. */
  signName: string | undefined;
  /** `sms.templateCode`. */
  templateCode: string | undefined;
  /** `sms.codeParam`. */
  codeParam: string;
  /** `mail.subject`. */
  subject: string;
}

/** The e-mail text when none is configured. */
export const DEFAULT_EMAIL_TEXT =
  'Your verification code is ${code}. It is valid for ${minutes} minutes. If you did not ask for it, ignore this message.';

function at(where: string, purpose: string, locale: string | undefined, country?: string | undefined): string {
  if (country !== undefined) return `${where}.${purpose}.countries.${country}`;
  return `${where}.${purpose}${locale === undefined ? '' : `.locales.${locale}`}`;
}

/** Problems of one message template: it must carry the code and use only known variables. */
function textProblems(path: string, text: string, needsCode: boolean): string[] {
  const names = templateVariables(text);
  const problems = names
    .filter((n) => !MESSAGE_VARIABLES.includes(n))
    .map((n) => `${path}: unknown variable \${${n}} (use ${MESSAGE_VARIABLES.map((v) => `\${${v}}`).join(', ')})`);
  if (needsCode && !names.includes('code')) problems.push(`${path}: must contain \${code}`);
  return problems;
}

/**
 * Resolves every named purpose and locale once, so a missing sign, template or text is a start-up error naming
 * the key to set, never a failed send at 3 a.m. `where` prefixes the paths (`templates`, `services.shop.templates`).
 */
export function createTemplateBook(
  templates: TemplatesConfig,
  defaults: TemplateDefaults,
  options: { where?: string } = {},
): TemplateBook {
  const where = options.where ?? 'templates';
  const sms = templates.sms as PerPurpose<TemplatesConfig['sms'][string]>;
  const intl = templates.intl as PerPurpose<TemplatesConfig['intl'][string]>;
  const email = templates.email as PerPurpose<TemplatesConfig['email'][string]>;
  const book: TemplateBook = {
    sms(purpose, locale) {
      const entries = candidates(sms, purpose, locale);
      const signName = pick(entries, 'signName', defaults.signName);
      const templateCode = pick(entries, 'templateCode', defaults.templateCode);
      if (!signName || !templateCode) return undefined;
      return { signName, templateCode, codeParam: pick(entries, 'codeParam', defaults.codeParam) ?? 'code' };
    },
    intl(purpose, locale, country) {
      const entries = candidates(intl, purpose, locale, country);
      const text = pick(entries, 'text');
      return text === undefined ? undefined : { text, from: pick(entries, 'from') };
    },
    email(purpose, locale) {
      const entries = candidates(email, purpose, locale);
      return {
        subject: pick(entries, 'subject', defaults.subject) ?? defaults.subject,
        text: pick(entries, 'text', DEFAULT_EMAIL_TEXT) ?? DEFAULT_EMAIL_TEXT,
        html: pick(entries, 'html'),
      };
    },
  };

  const problems: string[] = [];
  for (const { purpose, locale } of namedCombinations(sms)) {
    const entries = candidates(sms, purpose, locale);
    for (const [field, fallback] of [
      ['signName', 'sms.signName'],
      ['templateCode', 'sms.templateCode'],
    ] as const)
      if (!pick(entries, field, defaults[field]))
        problems.push(
          `${at(`${where}.sms`, purpose, locale)}: no ${field} (set it there, in ${where}.sms.default or ${fallback})`,
        );
  }
  for (const { purpose, locale, country } of namedCombinations(intl)) {
    const found = book.intl(purpose, locale, country);
    const path = at(`${where}.intl`, purpose, locale, country);
    if (!found) problems.push(`${path}: no text (set it there or in ${where}.intl.default)`);
    else problems.push(...textProblems(path, found.text, true));
  }
  for (const { purpose, locale } of [{ purpose: 'default', locale: undefined }, ...namedCombinations(email)]) {
    const found = book.email(purpose, locale);
    const path = at(`${where}.email`, purpose, locale);
    problems.push(...textProblems(`${path}.subject`, found.subject, false));
    problems.push(...textProblems(`${path}.text`, found.text, true));
    if (found.html !== undefined) problems.push(...textProblems(`${path}.html`, found.html, true));
  }
  if (problems.length) throw new ConfigError(where, [...new Set(problems)]);
  return book;
}
