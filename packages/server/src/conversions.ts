import { normalizePhone, type PhoneRules } from '@alisms/otp';
import { type Clock, redact, systemClock } from 'alisms';
import type { Logger } from './logger.js';

/**
 * Reports to Aliyun that a verification code was used (`otp.reportConversion`): the sender remembers which
 * message carried the code, and an approved check reports that message as converted. Aliyun uses the feedback
 * for its delivery-rate statistics, so it must never cost the user anything: the report is fire-and-forget,
 * a failure is logged and counted, and the check has answered before the report leaves.
 */
export interface ConversionReporter {
  /** Remembers the message (SendSms BizId) that carried the code sent to `to` (E.164) for `purpose`. */
  remember(to: string, purpose: string, messageId: string): void;
  /** The code for `to` and `purpose` was approved: report its message, if one is remembered. Never throws or waits. */
  approved(to: string, purpose: string): void;
  /** Resolves when every report started so far has settled (for shutdown and tests). */
  idle(): Promise<void>;
}

/** Options of {@link createConversionReporter}. */
export interface ConversionReporterOptions {
  /** Sends one report, e.g. `(id, at) => sms.smsConversionIntl({ messageId: id, conversionTime: at })`. */
  report: (messageId: string, conversionTime: number) => Promise<unknown>;
  /** How the check's `to` is normalised to the E.164 the sender saw (the service's phone rules). */
  phone: PhoneRules;
  /** Counts `ok` and `failed` reports. */
  count?: (outcome: 'ok' | 'failed') => void;
  logger?: Pick<Logger, 'warn'>;
  clock?: Clock;
  /** How long a sent code can still be approved (the code TTL). */
  ttlMs: number;
  /** Most messages remembered; the oldest are forgotten first. @default 100000 */
  maxEntries?: number;
}

/** Creates a {@link ConversionReporter}; its memory is per process and bounded. */
export function createConversionReporter(options: ConversionReporterOptions): ConversionReporter {
  const clock = options.clock ?? systemClock;
  const maxEntries = options.maxEntries ?? 100_000;
  // Insertion-ordered: the first key is the oldest, so trimming and expiry both start there.
  const sent = new Map<string, { messageId: string; expiresAt: number }>();
  const pending = new Set<Promise<void>>();
  const key = (to: string, purpose: string) => `${purpose}\n${to}`;
  return {
    remember(to, purpose, messageId) {
      const k = key(to, purpose);
      sent.delete(k);
      sent.set(k, { messageId, expiresAt: clock.now() + options.ttlMs });
      for (const [oldest, entry] of sent) {
        if (sent.size <= maxEntries && entry.expiresAt > clock.now()) break;
        sent.delete(oldest);
      }
    },
    approved(to, purpose) {
      const verdict = normalizePhone(to, options.phone);
      if (!verdict.ok) return;
      const k = key(verdict.e164, purpose);
      const entry = sent.get(k);
      sent.delete(k);
      if (!entry || entry.expiresAt <= clock.now()) return;
      let report: Promise<unknown>;
      try {
        report = options.report(entry.messageId, clock.now());
      } catch (error) {
        report = Promise.reject(error);
      }
      const settled = report.then(
        () => options.count?.('ok'),
        (error: unknown) => {
          options.count?.('failed');
          const code = (error as { code?: unknown } | null)?.code;
          options.logger?.warn(
            { providerCode: typeof code === 'string' ? code : 'UNKNOWN', detail: redact(String(error)) },
            'conversion report failed (the check was not affected)',
          );
        },
      );
      pending.add(settled);
      void settled.finally(() => pending.delete(settled));
    },
    async idle() {
      await Promise.all([...pending]);
    },
  };
}
