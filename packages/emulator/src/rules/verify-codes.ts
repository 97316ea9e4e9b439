import { randomInt } from 'node:crypto';

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** Dypnsapi's `CodeType` 1–7 → the characters a generated code is drawn from. */
export const CODE_ALPHABETS: Readonly<Record<number, string>> = {
  1: DIGITS,
  2: UPPER,
  3: LOWER,
  4: UPPER + LOWER,
  5: DIGITS + UPPER,
  6: DIGITS + LOWER,
  7: DIGITS + UPPER + LOWER,
};

/** A code Dypns generated (or was given) and still accepts until `expiresAt`. */
export interface VerifyCodeEntry {
  code: string;
  expiresAt: number;
  bizId: string;
  outId?: string | undefined;
}

interface Slot {
  codes: VerifyCodeEntry[];
  lastSentAt: number;
}

/**
 * The codes Dypnsapi keeps per scheme + number: generation, the send interval, the duplicate policy and
 * one-time checks. Held by one emulator (no module state); expired entries are dropped as they are met.
 */
export class VerifyCodes {
  private readonly slots = new Map<string, Slot>();

  /** The key codes are scoped by: a check must name the same scheme and country code as the send. */
  static key(phone: string, scheme: string | undefined, countryCode: string | undefined): string {
    return `${scheme ?? ''}\0${countryCode ?? '86'}\0${phone}`;
  }

  /** A random code of `length` characters of `CodeType` `type` (crypto-random: apps may test their checks on it). */
  generate(length: number, type: number): string {
    const alphabet = CODE_ALPHABETS[type] ?? DIGITS;
    let code = '';
    for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
    return code;
  }

  /** Milliseconds until the number may get another code (0: now). */
  waitMs(key: string, intervalMs: number, now: number): number {
    const slot = this.slots.get(key);
    return slot ? Math.max(0, slot.lastSentAt + intervalMs - now) : 0;
  }

  /** Records a sent code. Policy 1 (the default) makes the earlier codes invalid; 2 keeps every unexpired one. */
  add(key: string, entry: VerifyCodeEntry, duplicatePolicy: number, now: number): void {
    const earlier = duplicatePolicy === 2 ? (this.slots.get(key)?.codes ?? []).filter((c) => c.expiresAt > now) : [];
    this.slots.set(key, { codes: [...earlier, entry], lastSentAt: now });
  }

  /**
   * Checks and consumes a code: a code passes once. `caseSensitive` follows `CaseAuthPolicy` 2. Wrong,
   * expired, used and never-sent codes all read as undefined, as Aliyun's `UNKNOWN` does.
   */
  check(key: string, code: string, caseSensitive: boolean, now: number): VerifyCodeEntry | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    slot.codes = slot.codes.filter((c) => c.expiresAt > now);
    const same = (c: VerifyCodeEntry) =>
      caseSensitive ? c.code === code : c.code.toLowerCase() === code.toLowerCase();
    const index = slot.codes.findIndex(same);
    if (index < 0) return undefined;
    const [entry] = slot.codes.splice(index, 1);
    return entry;
  }
}
