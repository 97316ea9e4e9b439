import { redact } from '../core/redact.js';

// Aliyun echoes its string-to-sign in SignatureDoesNotMatch / IncompleteSignature messages; that
// string holds the AccessKeyId, the token and the full query string, so everything after it goes.
const STRING_TO_SIGN = /(string to sign is|stringtosign)\s*:?.*$/is;

/** Removes the echoed string-to-sign, listed secrets and phone numbers from one text. */
export function redactText(text: string, secrets: ReadonlyArray<string | undefined>): string {
  return redact(text.replace(STRING_TO_SIGN, '$1: [omitted]'), secrets);
}

/** A deep copy of a parsed body with every string passed through {@link redactText}. */
export function redactBody(value: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactBody(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactBody(v, secrets);
    return out;
  }
  return value;
}
