import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time string equality; hashing first makes lengths equal so length leaks nothing either. */
export function timingSafeEqualString(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
