import { sha256Hex } from './hmac.js';

/**
 * Constant-time string equality: both sides are hashed first, so the comparison runs over equal
 * lengths and length leaks nothing either; the digests are compared without an early exit.
 */
export function timingSafeEqualString(a: string, b: string): boolean {
  const ha = sha256Hex(a);
  const hb = sha256Hex(b);
  let diff = a.length === b.length ? 0 : 1;
  for (let i = 0; i < ha.length; i++) diff |= ha.charCodeAt(i) ^ hb.charCodeAt(i);
  return diff === 0;
}
