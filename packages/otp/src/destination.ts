import type { CountryCode, NumberType } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Phone rules for SMS destinations. */
export interface PhoneRules {
  /** Countries (ISO 3166-1 alpha-2) a code may be sent to. @default ['CN'] */
  readonly allowedCountries: readonly CountryCode[];
  /** Number types a code may be sent to; premium-rate, shared-cost, fixed-line… are refused. @default ['MOBILE', 'FIXED_LINE_OR_MOBILE'] */
  readonly allowedTypes: readonly NumberType[];
  /** Country assumed for numbers written without a country code. @default 'CN' */
  readonly defaultCountry: CountryCode;
}

/** The phone rules used when none are given: mainland China mobile numbers only. */
export const defaultPhoneRules: PhoneRules = Object.freeze({
  allowedCountries: Object.freeze(['CN'] as CountryCode[]),
  allowedTypes: Object.freeze(['MOBILE', 'FIXED_LINE_OR_MOBILE'] as NumberType[]),
  defaultCountry: 'CN',
});

/** What {@link normalizePhone} decides: the number in E.164 with its country and prefix, or why it is refused. */
export type PhoneVerdict =
  | { ok: true; e164: string; country: CountryCode; prefix: string }
  | { ok: false; reason: 'invalid_destination' | 'destination_not_allowed' };

/** Full-width digits and signs (`＋８６ １３８…`) become ASCII; spaces, dashes, dots and brackets go. */
function asciiDigits(input: string): string {
  return input.normalize('NFKC').replace(/[\s\-.()\u00a0\u3000]/g, '');
}

/**
 * Normalises a phone number to E.164 before anything else, so every spelling of one number
 * (`+86 138-0013-8000`, `8613800138000`, `008613800138000`, full-width digits) shares one key and one set of
 * limits; then applies the country allow-list and number-type rules. `prefix` is E.164 minus the last 4 digits.
 */
export function normalizePhone(input: string, rules: PhoneRules = defaultPhoneRules): PhoneVerdict {
  let text = asciiDigits(input);
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  if (!/^\+?\d{5,17}$/.test(text)) return { ok: false, reason: 'invalid_destination' };
  const parsed = parsePhoneNumberFromString(text, rules.defaultCountry);
  if (!parsed?.isValid() || !parsed.country) return { ok: false, reason: 'invalid_destination' };
  const type = parsed.getType();
  if (!rules.allowedCountries.includes(parsed.country) || !type || !rules.allowedTypes.includes(type))
    return { ok: false, reason: 'destination_not_allowed' };
  const e164 = parsed.number;
  return { ok: true, e164, country: parsed.country, prefix: e164.slice(0, -4) };
}

const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Lower-cases an e-mail address and removes spaces (and full-width forms); `undefined` when it is not one. */
export function normalizeEmail(input: string): string | undefined {
  const text = input.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return text.length <= 254 && EMAIL.test(text) ? text : undefined;
}
