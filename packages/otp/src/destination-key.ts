import { normalizeEmail, normalizePhone, type PhoneRules, type PhoneVerdict } from './destination.js';
import { defaultEmailLimitKeyRules, type EmailLimitKeyRules, emailLimitKey } from './email-limit-key.js';
import type { OtpChannel } from './types.js';

/**
 * A resolved destination. `to` is where the code goes and what it is stored under; `limitKey` is what the
 * per-destination limits count (every spelling of one mailbox shares it); `country` is a number's ISO 3166-1
 * alpha-2 region (undefined for e-mail).
 */
export type Destination =
  | {
      ok: true;
      channel: OtpChannel;
      to: string;
      limitKey: string;
      prefix: string | undefined;
      country: string | undefined;
    }
  | { ok: false; reason: 'invalid_destination' | 'destination_not_allowed' };

/** The channel `to` looks like: e-mail when it has an at sign (full width too), SMS otherwise. */
function channelOf(to: string): OtpChannel {
  return to.includes('@') || to.includes('＠') ? 'email' : 'sms';
}

/** Normalises `to` for `channel` (or for whichever channel it looks like when `channel` is undefined). */
export function resolveDestination(
  to: string,
  channel: OtpChannel | undefined,
  phone: PhoneRules,
  email: EmailLimitKeyRules = defaultEmailLimitKeyRules,
): Destination {
  const kind = channel ?? channelOf(to);
  if (kind === 'email') {
    const address = normalizeEmail(to);
    return address
      ? {
          ok: true,
          channel: 'email',
          to: address,
          limitKey: emailLimitKey(address, email),
          prefix: undefined,
          country: undefined,
        }
      : { ok: false, reason: 'invalid_destination' };
  }
  const verdict: PhoneVerdict = normalizePhone(to, phone);
  return verdict.ok
    ? {
        ok: true,
        channel: 'sms',
        to: verdict.e164,
        limitKey: verdict.e164,
        prefix: verdict.prefix,
        country: verdict.country,
      }
    : verdict;
}

/**
 * {@link resolveDestination} with a small memory of recent answers (least recently used out first). A send and
 * the check that follows it usually spell the number alike, and parsing with full metadata is the costliest
 * step of either; the answer depends only on the input and the rules, fixed per service.
 */
export function cachedResolver(
  phone: PhoneRules,
  email: EmailLimitKeyRules = defaultEmailLimitKeyRules,
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
      answer = Object.freeze(resolveDestination(to, kind, phone, email));
      if (recent.size >= size) recent.delete(recent.keys().next().value as string);
    }
    recent.set(key, answer);
    return answer;
  };
}
