import { parsePhoneNumber as parseAliyunPhone } from 'alisms';

export interface ParsedNumber {
  /** E.164 digits without `+`: `8613800138000`. */
  key: string;
  mainland: boolean;
}

/**
 * Parses one number as Aliyun accepts it (mainland `13800138000` with an optional `+86`, `0086`, `86`
 * or `+` prefix, or country code + number: `85291234567`, `+85291234567`, `0085291234567`); `undefined`
 * when Aliyun would reject it as malformed. The rules are the SDK's `parsePhoneNumber`, so the emulator
 * refuses exactly the numbers the SDK and bulk refuse.
 */
export function parsePhoneNumber(raw: string): ParsedNumber | undefined {
  const parsed = parseAliyunPhone(raw.trim());
  return parsed === undefined ? undefined : { key: parsed.e164, mainland: parsed.mainland };
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
