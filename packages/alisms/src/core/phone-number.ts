/**
 * The one definition of a phone number that Aliyun's SMS APIs take. The SDK's clients, `@alisms/bulk`
 * and the emulator all parse numbers here, so a number one of them accepts is accepted by all.
 *
 * Forms (help.aliyun.com/document_detail/419273, `PhoneNumbers`): a mainland China mobile number is 11
 * digits starting with 13–19, optionally after `+86`, `0086`, `86` or a bare `+`; any other number is
 * country code + number (7 to 15 digits, E.164), optionally after `+` or `00`.
 */

/** 11 digits starting with 13–19, after an optional `+86`, `0086`, `86` or `+`. */
const MAINLAND = /^(?:\+86|0086|86|\+)?(1[3-9]\d{9})$/;
/** Country code + number: 7 to 15 digits not starting with 0, after an optional `+` or `00`. */
const INTERNATIONAL = /^(?:\+|00)?([1-9]\d{6,14})$/;
/** What people put between digit groups; removed by {@link compactPhone}. */
const SEPARATORS = /[\s\-().]/g;

/** A number that Aliyun takes, in the forms each use needs. */
export interface PhoneNumber {
  /** Whether it is a mainland China mobile number (mainland rules for length and flow control apply). */
  readonly mainland: boolean;
  /** Country code + number, digits only (E.164 without `+`): `8613800138000`, `85291234567`. One per person. */
  readonly e164: string;
  /** As SendSms takes it, digits only: 11 digits for mainland (`13800138000`), else `e164`. */
  readonly national: string;
}

/** `value` without the spaces, dashes, dots and parentheses people write between digit groups. */
export function compactPhone(value: string): string {
  return value.replace(SEPARATORS, '');
}

/**
 * Parses one phone number as Aliyun reads it, or returns undefined when Aliyun would refuse it as
 * malformed (`isv.MOBILE_NUMBER_ILLEGAL`). Pass a compact value (see {@link compactPhone}): separators
 * are the caller's choice to accept.
 *
 * A number after `86` must be a mainland mobile number, and a number starting with `1` (North America,
 * or a mistyped mainland number) must have 11 digits.
 *
 * @example
 * import { parsePhoneNumber } from 'alisms';
 * parsePhoneNumber('+86 138 0013 8000'.replaceAll(' ', '')); // { mainland: true, e164: '8613800138000', national: '13800138000' }
 * parsePhoneNumber('85291234567'); // { mainland: false, e164: '85291234567', national: '85291234567' }
 * parsePhoneNumber('861380013800'); // undefined
 */
export function parsePhoneNumber(value: string): PhoneNumber | undefined {
  const mainland = MAINLAND.exec(value);
  if (mainland) {
    const national = mainland[1] as string;
    return { mainland: true, e164: `86${national}`, national };
  }
  const intl = INTERNATIONAL.exec(value);
  if (!intl) return undefined;
  const digits = intl[1] as string;
  if (digits.startsWith('86') || (digits.startsWith('1') && digits.length !== 11)) return undefined;
  return { mainland: false, e164: digits, national: digits };
}
