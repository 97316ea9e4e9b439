import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A fresh numeric code of `digits` digits from the CSPRNG (`crypto.randomInt`), leading zeros kept. */
export function generateCode(digits: number): string {
  let code = '';
  for (let i = 0; i < digits; i++) code += String(randomInt(10));
  return code;
}

/**
 * The only form in which a code is stored: HMAC-SHA256 with the server secret over purpose, destination
 * and code, so a stored value is useless for any other destination or purpose and reveals nothing without
 * the secret (a 6-digit code alone would be brute-forced from a plain hash in microseconds).
 */
export function hashCode(secret: string | Buffer, to: string, purpose: string, code: string): string {
  return createHmac('sha256', secret).update(`code\0${purpose}\0${to}\0${code}`, 'utf8').digest('hex');
}

/** Opaque, stable id for a destination (or destination+purpose) in keys: Redis never sees a phone number. */
export function subjectId(secret: string | Buffer, kind: string, value: string): string {
  return createHmac('sha256', secret).update(`${kind}\0${value}`, 'utf8').digest('base64url').slice(0, 27);
}

/** Constant-time comparison of two hex HMACs. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
