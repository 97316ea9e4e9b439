import { normalizeEmail, normalizePhone, type PhoneRules, type PhoneVerdict } from './destination.js';
import type { OtpChannel } from './types.js';

export type Destination =
  | { ok: true; channel: OtpChannel; to: string; prefix: string | undefined }
  | { ok: false; reason: 'invalid_destination' | 'destination_not_allowed' };

/** The channel `to` looks like: e-mail when it has an at sign (full width too), SMS otherwise. */
function channelOf(to: string): OtpChannel {
  return to.includes('@') || to.includes('＠') ? 'email' : 'sms';
}

/** Normalises `to` for `channel` (or for whichever channel it looks like when `channel` is undefined). */
export function resolveDestination(to: string, channel: OtpChannel | undefined, phone: PhoneRules): Destination {
  const kind = channel ?? channelOf(to);
  if (kind === 'email') {
    const email = normalizeEmail(to);
    return email
      ? { ok: true, channel: 'email', to: email, prefix: undefined }
      : { ok: false, reason: 'invalid_destination' };
  }
  const verdict: PhoneVerdict = normalizePhone(to, phone);
  return verdict.ok ? { ok: true, channel: 'sms', to: verdict.e164, prefix: verdict.prefix } : verdict;
}

/**
 * {@link resolveDestination} with a small memory of recent answers (least recently used out first). A send and
 * the check that follows it usually spell the number alike, and parsing with full metadata is the costliest
 * step of either; the answer depends only on the input and the rules, fixed per service.
 */
export function cachedResolver(
  phone: PhoneRules,
  size = 1024,
): (to: string, channel: OtpChannel | undefined) => Destination {
  const recent = new Map<string, Destination>();
  return (to, channel) => {
    // Keyed by the channel used, so a check (no channel) finds what the send (channel given) stored.
    const kind = channel ?? channelOf(to);
    const key = `${kind}\0${to}`;
    let answer = recent.get(key);
    if (answer) recent.delete(key);
    else {
      answer = Object.freeze(resolveDestination(to, kind, phone));
      if (recent.size >= size) recent.delete(recent.keys().next().value as string);
    }
    recent.set(key, answer);
    return answer;
  };
}
