import { z } from 'zod';

/** A BCP 47 tag as written in the configuration (`zh-CN`, `en`, `pt-BR`); matched case-insensitively. */
export const localeTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 language tag, e.g. en, zh-CN, pt-BR');

/** An ISO 3166-1 alpha-2 region as written in the configuration (`US`, `gb`); matched case-insensitively. */
export const countryCode = z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. US, GB, SG');

/** A purpose as the API accepts it, or `default` (the fallback of every purpose). */
const purposeKey = z.string().regex(/^[a-z0-9_.-]{1,32}$/, 'a purpose: lower-case letters, digits, "_", "." or "-"');

/** Entries per purpose, each with optional entries per locale that override it field by field. */
function perPurpose<T extends z.ZodRawShape>(shape: T) {
  const entry = z.strictObject(shape);
  return z.record(purposeKey, entry.extend({ locales: z.record(localeTag, entry).optional() }));
}

/** {@link perPurpose} with entries per destination country too, which come before the locale's. */
function perPurposeAndCountry<T extends z.ZodRawShape>(shape: T) {
  const entry = z.strictObject(shape);
  return z.record(
    purposeKey,
    entry.extend({
      locales: z.record(localeTag, entry).optional(),
      countries: z.record(countryCode, entry).optional(),
    }),
  );
}

/** Sign and template of China SMS (SendSms, 2017-05-25): each purpose usually has its own reviewed template. */
export const smsTemplateFields = {
  signName: z.string().min(1).optional(),
  templateCode: z.string().min(1).optional(),
  /** The template variable that receives the code. */
  codeParam: z.string().min(1).optional(),
};

/**
 * Templates of the verification messages, per purpose (`default` is every purpose's fallback) and per locale
 * (the send API's `locale`: exact tag → its language → the purpose's own entry → `default`'s). A field left out
 * falls back the same way, then to `sms.*` / `mail.*`.
 */
export const templatesSchema = z
  .strictObject({
    /** Mainland China numbers: SendSms with a sign and a reviewed template. */
    sms: perPurpose(smsTemplateFields).default({}),
    /**
     * Numbers outside mainland China: the international API (SendMessageToGlobe, 2018-05-01) with a text of
     * your own; `${code}` and `${minutes}` are filled in, `from` is the sender ID. `countries.<ISO code>` entries
     * (a sender ID registered for that country, a text in its language) come first, then the locale's.
     */
    intl: perPurposeAndCountry({
      text: z.string().min(1).optional(),
      from: z.string().min(1).max(15).optional(),
    }).default({}),
    /** E-mail: subject, plain text and optional HTML; `${code}`, `${minutes}` and `${purpose}` (escaped in HTML). */
    email: perPurpose({
      subject: z.string().min(1).optional(),
      text: z.string().min(1).optional(),
      html: z.string().min(1).optional(),
    }).default({}),
  })
  .prefault({});

/** `templates` as validated. */
export type TemplatesConfig = z.infer<typeof templatesSchema>;
