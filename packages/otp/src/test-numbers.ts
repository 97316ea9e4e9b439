import { InvalidArgumentError } from 'alisms';
import type { Destination } from './destination-key.js';

/** One use of a test number, reported to `onTestNumber` (the number is E.164: mask it before logging). */
export interface OtpTestNumberUse {
  /** `send`: a code "sent" (nothing left the service); `check`: a code checked. */
  readonly action: 'send' | 'check';
  /** The test number, E.164. */
  readonly to: string;
  /** The purpose of the send or check. */
  readonly purpose: string;
  /** `send`: stored and counted; `check`: whether the code was approved. */
  readonly ok: boolean;
}

const FIXED_CODE = /^\d{4,10}$/;

/**
 * Test numbers (app-store review accounts, QA, load tests) by their E.164 form, each with its fixed code.
 * Every key is normalised with the service's own phone rules, so a number the service would refuse cannot be
 * configured, and any spelling of a test number in a request finds it.
 */
export function testNumberCodes(
  numbers: Readonly<Record<string, string>> | undefined,
  resolve: (to: string) => Destination,
): ReadonlyMap<string, string> {
  const codes = new Map<string, string>();
  for (const [number, code] of Object.entries(numbers ?? {})) {
    // The number is the operator's own test number, not a user's: naming it in the message helps find it.
    const destination = resolve(number);
    if (!destination.ok || destination.channel !== 'sms')
      throw new InvalidArgumentError(
        'testNumbers',
        `"${number}" is not a phone number the service accepts (${destination.ok ? 'not SMS' : destination.reason}); write it in E.164, e.g. +8613800000000, and allow its country`,
      );
    if (typeof code !== 'string' || !FIXED_CODE.test(code))
      throw new InvalidArgumentError('testNumbers', `the code of "${number}" must be 4 to 10 digits`);
    codes.set(destination.to, code);
  }
  return codes;
}
