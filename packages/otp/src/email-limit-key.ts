/**
 * How e-mail spellings are folded into one limit key, so `victim+1@gmail.com` and `v.ictim@gmail.com` share
 * the limits of `victim@gmail.com`. The code is still delivered to, and checked for, the address as written.
 */
export interface EmailLimitKeyRules {
  /** Drop a `+tag` from the local part (most providers deliver `user+tag@` to `user@`). @default true */
  readonly ignorePlusTag: boolean;
  /** Domains whose mailboxes ignore dots in the local part. @default ['gmail.com', 'googlemail.com'] */
  readonly ignoreDotsDomains: readonly string[];
}

/** The default e-mail limit-key rules: `+tag` is ignored everywhere, dots only for providers known to ignore them (Gmail). */
export const defaultEmailLimitKeyRules: EmailLimitKeyRules = Object.freeze({
  ignorePlusTag: true,
  ignoreDotsDomains: Object.freeze(['gmail.com', 'googlemail.com']),
});

/** Domains that are one mailbox namespace under two names. */
const ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/**
 * The limit key of a normalised (lower-case) address.
 * @example emailLimitKey('v.ictim+1@gmail.com', defaultEmailLimitKeyRules) // 'victim@gmail.com'
 */
export function emailLimitKey(address: string, rules: EmailLimitKeyRules = defaultEmailLimitKeyRules): string {
  const at = address.lastIndexOf('@');
  let local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (rules.ignorePlusTag) {
    const plus = local.indexOf('+');
    // "+tag" alone is a real local part, not a tag.
    if (plus > 0) local = local.slice(0, plus);
  }
  if (rules.ignoreDotsDomains.includes(domain)) local = local.replace(/\./g, '');
  return `${local}@${ALIASES[domain] ?? domain}`;
}
