import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { maskPhone } from '../core/redact.js';

const SEPARATORS = /[\s-]/g;
/** 11 digits starting with 1, optionally after `+86`, `0086`, `86` or `+`. */
const MAINLAND = /^(?:\+86|0086|86|\+)?1\d{10}$/;
/** Country code + number, 7 to 15 digits (E.164), optionally after `+` or `00`. */
const INTERNATIONAL = /^(?:\+|00)?[1-9]\d{6,14}$/;

/** Whether `value` is a mainland China mobile number in a form Aliyun accepts. */
export function isMainlandPhone(value: string): boolean {
  return MAINLAND.test(value.replace(SEPARATORS, ''));
}

/**
 * A number SendSms accepts: mainland (with the optional prefixes) or international (country code +
 * number). Spaces and dashes are removed; the prefix is kept as given.
 */
export function checkSmsPhone(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(field, `must be a string, got ${typeof value}`);
  const phone = value.replace(SEPARATORS, '');
  // A bare number starting with 1 is mainland (or NANP, country code 1): either way 11 digits.
  const badLeadingOne = /^1\d*$/.test(phone) && phone.length !== 11;
  if (badLeadingOne || (!MAINLAND.test(phone) && !INTERNATIONAL.test(phone)))
    throw new InvalidArgumentError(
      field,
      `"${maskPhone(value)}" is not a phone number: use 11 digits starting with 1 (optionally +86/0086/86) or a country code + number`,
    );
  return phone;
}

/** An international number for the 2018-05-01 API: digits only, country code first (`+`/`00` removed). */
export function checkGlobalPhone(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(field, `must be a string, got ${typeof value}`);
  const phone = value.replace(SEPARATORS, '');
  if (!INTERNATIONAL.test(phone))
    throw new InvalidArgumentError(field, `"${maskPhone(value)}" is not a country code + number (7 to 15 digits)`);
  return phone.startsWith('+') ? phone.slice(1) : phone.startsWith('00') ? phone.slice(2) : phone;
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
    const phone = value.replace(SEPARATORS, '');
    if (/^1\d{10}$/.test(phone)) return phone;
  }
  return checkSmsPhone(value, `${field}[${index}]`);
}
