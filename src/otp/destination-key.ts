import { normalizeEmail, normalizePhone, type PhoneRules, type PhoneVerdict } from './destination.js';
import type { OtpChannel } from './types.js';

export type Destination =
  | { ok: true; channel: OtpChannel; to: string; prefix: string | undefined }
  | { ok: false; reason: 'invalid_destination' | 'destination_not_allowed' };

/** Normalises `to` for `channel` (or for whichever channel it looks like when `channel` is undefined). */
export function resolveDestination(to: string, channel: OtpChannel | undefined, phone: PhoneRules): Destination {
  const kind = channel ?? (to.includes('@') || to.includes('＠') ? 'email' : 'sms');
  if (kind === 'email') {
    const email = normalizeEmail(to);
    return email
      ? { ok: true, channel: 'email', to: email, prefix: undefined }
      : { ok: false, reason: 'invalid_destination' };
  }
  const verdict: PhoneVerdict = normalizePhone(to, phone);
  return verdict.ok ? { ok: true, channel: 'sms', to: verdict.e164, prefix: verdict.prefix } : verdict;
}
