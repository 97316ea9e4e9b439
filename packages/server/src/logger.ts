import { redact } from 'alisms';
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

/** The service's logger: pino's, with its levels and child loggers, as {@link createLogger} makes it. */
export type Logger = PinoLogger;

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** @default 'info' (env `ALISMS_LOG_LEVEL`) */
  level?: string;
  /** Where JSON lines go; stdout when absent. Tests pass a stream to read the log back. */
  destination?: DestinationStream;
  /** Extra secrets to cut out of every line (API keys, AccessKey secrets). */
  secrets?: readonly string[];
}

// Field names that may carry a code, a token or a key wherever they appear in a log object.
const REDACTED_PATHS = [
  'code',
  '*.code',
  'captchaToken',
  '*.captchaToken',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'apiKey',
  '*.apiKey',
  'accessKeySecret',
  '*.accessKeySecret',
];

/**
 * `redact(text, secrets)` with a fast path: one precompiled test for anything it would change (a listed
 * secret, plain or URL-encoded, or a run of 11+ digits that could be a phone number). Most strings of a
 * request line (method, route, masked address) have none, and skip the per-secret split/join.
 */
function redactor(secrets: readonly string[]): (text: string) => string {
  // redact() ignores secrets shorter than 4 characters; so does the test.
  const needles = [...new Set(secrets.filter((s) => s.length >= 4).flatMap((s) => [s, encodeURIComponent(s)]))];
  const escaped = needles.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const suspicious = new RegExp([...escaped, '\\d{11}'].join('|'));
  return (text) => (suspicious.test(text) ? redact(text, secrets) : text);
}

function scrub(value: unknown, clean: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return clean(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, clean, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k in value)
    if (Object.hasOwn(value, k)) out[k] = scrub((value as Record<string, unknown>)[k], clean, depth + 1);
  return out;
}

/**
 * The service's structured JSON logger. Callers log masked numbers already; as a second line of
 * defence every string is passed through `redact()` (phone-like digit runs masked, listed secrets
 * removed) and fields named like codes or credentials are censored.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const clean = redactor(options.secrets ?? []);
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'alisms' },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      formatters: {
        log: (object) => scrub(object, clean, 0) as Record<string, unknown>,
      },
      hooks: {
        // The message string goes through the same scrubbing as the fields.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? clean(a) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
