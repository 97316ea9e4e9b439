/**
 * One place that decides what secrets and personal data look like in output.
 * Used by errors, logs, `toString`/`inspect` of credentials and the CLI.
 */

/** `LTAI-example-1234` → `LTAI****1234`; short values are fully hidden. */
export function maskSecret(value: string): string {
  if (value.length <= 8) return '****';
  return `${value.slice(0, 4)}****${value.slice(-4)}`;
}

/** `13800138000` → `138****8000`; `+8613800138000` → `+86138****8000`. Keeps enough to recognise a number. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  const keepEnd = 4;
  const keepStart = Math.min(3, digits.length - keepEnd - 4);
  const prefix = value.startsWith('+') ? '+' : '';
  const lead = digits.length > 11 ? digits.slice(0, digits.length - 11) : '';
  const local = digits.slice(lead.length);
  if (local.length === 11) return `${prefix}${lead}${local.slice(0, 3)}****${local.slice(-keepEnd)}`;
  return `${prefix}${digits.slice(0, Math.max(keepStart, 1))}****${digits.slice(-keepEnd)}`;
}

/** `alice@example.com` → `a***@example.com`. */
export function maskEmail(value: string): string {
  const at = value.indexOf('@');
  if (at <= 0) return '****';
  return `${value[0]}***${value.slice(at)}`;
}

/** Masks a phone number or an e-mail address, whichever `value` is. */
export function maskAddress(value: string): string {
  return value.includes('@') ? maskEmail(value) : maskPhone(value);
}

/**
 * 11–15 digits, optionally after `+`/`00`, with at most one separator between digits: a space, a dash, a
 * no-break space, `%20` or `+` (URL forms of a space) — `138 0013 8000` and `+86 138-0013-8000` too.
 */
const PHONE_RUN = /(?<![\d])(?:\+|00)?\d(?:(?:[ \-\u00a0+]|%20)?\d){10,14}(?![\d])/g;

/** The spellings of `secret` that may reach output: as is, percent-encoded in upper and lower case. */
function spellings(secret: string): string[] {
  let encoded: string;
  try {
    encoded = encodeURIComponent(secret);
  } catch {
    return [secret]; // an unpaired surrogate has no percent-encoding
  }
  if (encoded === secret) return [secret];
  const lower = encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  return [secret, encoded, lower];
}

/**
 * Removes every listed secret from `text` and masks phone-number-like digit runs.
 * Empty and very short secrets are ignored (they would blank out ordinary text).
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const spelling of spellings(secret)) out = out.split(spelling).join('[REDACTED]');
  }
  return out.replace(PHONE_RUN, (m) => maskPhone(m));
}
