import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { maskEmail } from '../core/redact.js';

/** Most addresses in one SingleSendMail `toAddress` (Aliyun's limit). */
export const MAX_MAIL_RECIPIENTS = 100;
/** Longest mail subject Aliyun accepts, in characters. */
export const MAX_SUBJECT_LENGTH = 100;
/** A FromAlias must be shorter than this. */
export const FROM_ALIAS_LIMIT = 15;

// Deliberately simple: one @, no spaces, a dot in the domain. Aliyun does the real check.
const ADDRESS = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const TAG_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export function checkAddress(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ADDRESS.test(value.trim()))
    throw new InvalidArgumentError(
      field,
      `${typeof value === 'string' ? `"${maskEmail(value)}"` : 'value'} is not an e-mail address`,
    );
  return value.trim();
}

export function checkRecipients(value: unknown, field: string): string[] {
  const list = Array.isArray(value)
    ? (value as unknown[])
    : typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '')
      : undefined;
  if (!list) throw new InvalidArgumentError(field, 'must be an array of addresses or a comma-separated string');
  if (list.length === 0) throw new InvalidArgumentError(field, 'needs at least one address');
  if (list.length > MAX_MAIL_RECIPIENTS)
    throw new InvalidArgumentError(field, `at most ${MAX_MAIL_RECIPIENTS} addresses per call, got ${list.length}`);
  return list.map((a, i) => checkAddress(a, `${field}[${i}]`));
}

export function required(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidArgumentError(field, 'is required');
  return value;
}

export function maxLength(value: string | undefined, field: string, limit: number): string | undefined {
  if (value !== undefined && [...value].length > limit)
    throw new InvalidArgumentError(field, `at most ${limit} characters, got ${[...value].length}`);
  return value;
}

export function checkTagName(value: string | undefined): string | undefined {
  if (value !== undefined && !TAG_NAME.test(value))
    throw new InvalidArgumentError('tagName', 'use 1 to 128 characters of A-Z a-z 0-9 _ -');
  return value;
}

export function addressType(value: unknown): string {
  if (value === undefined) return '1';
  if (value !== 0 && value !== 1)
    throw new InvalidArgumentError('addressType', 'must be 0 (random) or 1 (sender address)');
  return String(value);
}

/** Drops undefined values. */
export function defined(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in params) {
    const v = params[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
