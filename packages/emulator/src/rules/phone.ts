/**
 * Phone numbers as Aliyun accepts them: mainland `13800138000` with an optional `+86`, `0086` or `86`
 * prefix, or country code + number for other regions (`85291234567`, `+85291234567`, `0085291234567`).
 */
const MAINLAND = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
const INTERNATIONAL = /^(?:\+|00)?([1-9]\d{6,14})$/;

export interface ParsedNumber {
  /** E.164 digits without `+`: `8613800138000`. */
  key: string;
  mainland: boolean;
}

/** Parses one number; `undefined` when Aliyun would reject it as malformed. */
export function parsePhoneNumber(raw: string): ParsedNumber | undefined {
  const value = raw.trim();
  const mainland = MAINLAND.exec(value);
  if (mainland) return { key: `86${mainland[1]}`, mainland: true };
  const intl = INTERNATIONAL.exec(value);
  if (!intl) return undefined;
  const digits = intl[1] as string;
  // 86 followed by something that is not a mobile number is not a valid mainland number either, and
  // a leading 1 is North America (1 + 10 digits), or else a mistyped mainland number.
  if (digits.startsWith('86') || (digits.startsWith('1') && digits.length !== 11)) return undefined;
  return { key: digits, mainland: false };
}

/**
 * The matching key of a recipient: E.164 digits for phones (whatever prefix form was used), lower-case
 * for e-mail addresses. Unparseable input falls back to its digits so a lookup still finds what was stored.
 */
export function recipientKey(to: string): string {
  const value = to.trim();
  if (value.includes('@')) return value.toLowerCase();
  return parsePhoneNumber(value)?.key ?? value.replace(/\D/g, '');
}
