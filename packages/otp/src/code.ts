import { createHmac, createSecretKey, type KeyObject, randomInt, timingSafeEqual } from 'node:crypto';

/** The server secret as HMAC key: a string, a Buffer, or (prepared once by {@link hmacKey}) a KeyObject. */
export type HmacKey = string | Buffer | KeyObject;

/** The secret as a KeyObject, made once per service so no HMAC re-encodes it. */
export function hmacKey(secret: string | Buffer): KeyObject {
  return createSecretKey(typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret);
}

/**
 * A fresh numeric code of `digits` digits (4–10) from the CSPRNG, leading zeros kept. One unbiased
 * `crypto.randomInt` over the whole range (10^10 < 2^48, its limit) rather than one call per digit.
 */
export function generateCode(digits: number): string {
  return String(randomInt(10 ** digits)).padStart(digits, '0');
}

/**
 * The only form in which a code is stored: HMAC-SHA256 with the server secret over purpose, destination
 * and code, so a stored value is useless for any other destination or purpose and reveals nothing without
 * the secret (a 6-digit code alone would be brute-forced from a plain hash in microseconds).
 */
export function hashCode(secret: HmacKey, to: string, purpose: string, code: string): string {
  return createHmac('sha256', secret).update(`code\0${purpose}\0${to}\0${code}`, 'utf8').digest('hex');
}

/** Opaque, stable id for a destination (or destination+purpose) in keys: Redis never sees a phone number. */
export function subjectId(secret: HmacKey, kind: string, value: string): string {
  return createHmac('sha256', secret).update(`${kind}\0${value}`, 'utf8').digest('base64url').slice(0, 27);
}

/** Constant-time comparison of two hex HMACs. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * {@link subjectId} with a memory of recent answers (least recently used out first): the IP group and prefix
 * of a send recur across sends, and a check looks up the subject its send derived. Codes are never memorised:
 * {@link hashCode} has no cache.
 */
export function cachedSubjectId(secret: HmacKey, size = 4096): (kind: string, value: string) => string {
  const recent = new Map<string, string>();
  return (kind, value) => {
    const key = `${kind}\0${value}`;
    let id = recent.get(key);
    if (id !== undefined) recent.delete(key);
    else {
      id = subjectId(secret, kind, value);
      if (recent.size >= size) recent.delete(recent.keys().next().value as string);
    }
    recent.set(key, id);
    return id;
  };
}
