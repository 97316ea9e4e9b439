import { type DestinationStream, type Logger, pino } from 'pino';
import { redact } from '../core/index.js';

export type { Logger } from 'pino';

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

function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, secrets, depth + 1);
  return out;
}

/**
 * The service's structured JSON logger. Callers log masked numbers already; as a second line of
 * defence every string is passed through `redact()` (phone-like digit runs masked, listed secrets
 * removed) and fields named like codes or credentials are censored.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = [...(options.secrets ?? [])];
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'alisms' },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      formatters: {
        log: (object) => scrub(object, secrets, 0) as Record<string, unknown>,
      },
      hooks: {
        // The message string goes through the same scrubbing as the fields.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redact(a, secrets) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
