import type { LimitCheck } from './limiter/index.js';
import type { OtpLimit } from './limits.js';

/** What one send is counted under: the normalised destination, its prefix (SMS) and the client's IP group. */
export interface SendSubjects {
  readonly to: string;
  readonly prefix: string | undefined;
  readonly ipGroup: string;
  /** Subject of the global limits. @default 'all' */
  readonly global?: string;
}

/**
 * The limit checks of one send. Each scope's subject id (an HMAC) is derived once per send, however many
 * limits share the scope (the defaults have three per destination).
 */
export function limitChecks(
  limits: readonly OtpLimit[],
  subjectId: (kind: string, value: string) => string,
  subjects: SendSubjects,
): LimitCheck[] {
  const ids = new Map<string, string>();
  const id = (kind: string, value: string) => {
    const known = ids.get(kind);
    if (known !== undefined) return known;
    const subject = subjectId(kind, value);
    ids.set(kind, subject);
    return subject;
  };
  const checks: LimitCheck[] = [];
  for (const { scope, policy } of limits) {
    if (scope === 'destination') checks.push({ policy, subject: id('to', subjects.to) });
    else if (scope === 'ip') checks.push({ policy, subject: id('ip', subjects.ipGroup) });
    else if (scope === 'prefix' && subjects.prefix) checks.push({ policy, subject: id('prefix', subjects.prefix) });
    else if (scope === 'global') checks.push({ policy, subject: subjects.global ?? 'all' });
  }
  return checks;
}
