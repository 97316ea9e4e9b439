import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { compactPhone, parsePhoneNumber } from '../core/phone-number.js';
import { maskPhone } from '../core/redact.js';

/** Whether `value` is a mainland China mobile number in a form Aliyun accepts. */
export function isMainlandPhone(value: string): boolean {
  return parsePhoneNumber(compactPhone(value))?.mainland === true;
}

/**
 * A number SendSms accepts (see `parsePhoneNumber`, the one definition shared with `@alisms/bulk` and
 * the emulator): mainland with the optional prefixes, or country code + number. Separators are
 * removed; the prefix is kept as given.
 */
export function checkSmsPhone(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(field, `must be a string, got ${typeof value}`);
  const phone = compactPhone(value);
  if (parsePhoneNumber(phone) === undefined)
    throw new InvalidArgumentError(
      field,
      `"${maskPhone(value)}" is not a phone number: use 11 digits starting with 1 (optionally +86/0086/86) or a country code + number`,
    );
  return phone;
}

/**
 * A number for the 2018-05-01 API, which takes country code + number, digits only: `+`/`00` removed and
 * `86` put before a mainland number given without it (`13800138000` is mainland wherever it is sent).
 */
export function checkGlobalPhone(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(field, `must be a string, got ${typeof value}`);
  const parsed = parsePhoneNumber(compactPhone(value));
  if (parsed === undefined)
    throw new InvalidArgumentError(field, `"${maskPhone(value)}" is not a country code + number (7 to 15 digits)`);
  return parsed.e164;
}

/** Array or comma-separated string → trimmed, non-empty items. */
export function toList(value: unknown, field: string): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v.trim() : v)) as string[];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  throw new InvalidArgumentError(field, 'must be an array of strings or a comma-separated string');
}

/** Validates a list of numbers (1 to `max`). */
export function checkPhoneList(value: unknown, field: string, max: number): string[] {
  // The common call sends to one number given as a string: no split, map and filter arrays.
  if (typeof value === 'string' && !value.includes(',')) {
    const phone = value.trim();
    if (phone !== '') return [checkListedPhone(phone, field, 0)];
  }
  const list = toList(value, field);
  if (list.length === 0) throw new InvalidArgumentError(field, 'needs at least one phone number');
  if (list.length > max)
    throw new InvalidArgumentError(field, `at most ${max} numbers per call, got ${list.length}; split the list`);
  return list.map((p, i) => checkListedPhone(p, field, i));
}

/** `checkSmsPhone` for item `index` of a list; the field name is only built for an error. */
function checkListedPhone(value: unknown, field: string, index: number): string {
  if (typeof value === 'string') {
    // The common case, a bare mainland number, without building the parsed form.
    if (/^1[3-9]\d{9}$/.test(value)) return value;
  }
  return checkSmsPhone(value, `${field}[${index}]`);
}
