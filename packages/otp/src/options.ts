import { type Clock, type Duration, InvalidArgumentError, systemClock, toMs } from 'alisms';
import type { CodeStore, LockoutPolicy } from './code-store.js';
import { defaultPhoneRules, type PhoneRules } from './destination.js';
import { defaultEmailLimitKeyRules, type EmailLimitKeyRules } from './email-limit-key.js';
import type { IssueCode } from './issue.js';
import type { LimitStore } from './limiter/index.js';
import { defaultLimits, defaultWrongCheckLimits, type OtpLimit } from './limits.js';
import type { CaptchaVerifier, OtpCodeProvider, OtpSender } from './ports.js';
import type { OtpTestNumberUse } from './test-numbers.js';
import type { OtpAlert, OtpLifecycleEvent } from './types.js';

const NAMESPACE = /^[a-z0-9_-]{1,32}$/;

/** Where limits and codes live: `createRedisOtpStore(…)` or `createMemoryOtpStore()`. */
export interface OtpStore {
  readonly limits: LimitStore;
  readonly codes: CodeStore;
  /** The send path: lock check, every limit (all or nothing) and the new code, in one atomic step. */
  readonly issue: IssueCode;
}

/** Options of `createOtp`. */
export interface OtpOptions {
  /** Server secret for the code HMACs and key ids (>= 32 characters; keep it out of the code). Env: `ALISMS_OTP_SECRET` in the service. */
  secret: string | Buffer;
  /** Limit and code store. */
  store: OtpStore;
  /** Delivers codes (SMS and e-mail). */
  sender: OtpSender;
  /**
   * A provider that generates and checks SMS codes itself (`verify: dypns`, see `dypnsCodeProvider`). When set,
   * SMS codes are the provider's: `sender.sendSms` is not used and only the attempt count is stored.
   * E-mail codes stay alisms's. @default none: alisms generates, hashes and checks every code
   */
  codeProvider?: OtpCodeProvider | undefined;
  /** Captcha gate checked before anything else; when set, `captchaToken` is required. @default none */
  captcha?: CaptchaVerifier | undefined;
  /** Source of time. @default systemClock */
  clock?: Clock;
  /** Code length, 4–10 digits. @default 6 */
  digits?: number;
  /** How long a code is valid. @default '5 min' */
  ttl?: Duration;
  /** Wrong attempts before a code dies. @default 3 */
  attempts?: number;
  /**
   * Failed checks per destination+purpose that lock its checks, the window they are counted in, and the lock.
   * A lock never refuses a send, and a new code lifts it, so wrong checks cannot lock the owner out.
   * @default { failures: 20, window: '24 h', lock: '1 h' }
   */
  lockout?: { failures?: number; window?: Duration; lock?: Duration };
  /** Send limits, all checked and counted in one atomic step. @default defaultLimits() */
  limits?: readonly OtpLimit[];
  /**
   * Limits on checks per client IP group (`ip` scope only; build with `wrongChecksPerIp`). Applied when a check
   * carries `ip`; a refused check answers `rate_limited` without looking at the code. `[]` turns them off.
   * @default defaultWrongCheckLimits() — 50 per IP per hour
   */
  wrongCheckLimits?: readonly OtpLimit[];
  /** Country allow-list and number types for SMS. @default mainland China, mobile numbers */
  phone?: Partial<PhoneRules>;
  /** Which e-mail spellings share one set of per-destination limits. @default `+tag` ignored; dots ignored for Gmail */
  emailLimitKey?: Partial<EmailLimitKeyRules>;
  /** Called once when a global limit (the daily fuse) has just been used up. Errors it throws are ignored. */
  onFuse?: (info: { limit: string; count: number; resetAt: number }) => void | Promise<void>;
  /**
   * Called once per trip when a protective limit closes: `fuse.tripped` (a global limit used up) or
   * `prefix.capped` (a number range hit its cap: likely SMS pumping). Errors it throws are ignored.
   */
  onAlert?: (alert: OtpAlert) => void | Promise<void>;
  /**
   * Test numbers with fixed codes (app-store review accounts, QA, load tests), E.164 → code (4–10 digits):
   * `{ '+8613800000000': '246810' }`. A send to one stores its fixed code and sends nothing; every limit still
   * applies, and checks work as for any code (attempts, lockout). Never configure them against a production
   * provider without meaning to: anyone who knows the number and code can sign in as it. @default none
   */
  testNumbers?: Readonly<Record<string, string>>;
  /** Called once per send to or check of a test number (to log and count it). Errors it throws are ignored. */
  onTestNumber?: (use: OtpTestNumberUse) => void;
  /**
   * Keeps several services apart on one store (one deployment, several applications): codes and every limit
   * count per namespace, so a code sent by one never checks in another. `[a-z0-9_-]{1,32}`. @default none
   * (the keys of a service without a namespace are unchanged)
   */
  namespace?: string;
  /**
   * With a `namespace`: whether the global limits (the daily fuse) count across every namespace (`shared`: one
   * fuse for the deployment) or per namespace (`namespace`). @default 'shared'
   */
  globalScope?: 'shared' | 'namespace';
  /**
   * Called after each send that went out and each check decided by the store (see {@link OtpLifecycleEvent}),
   * before the result is returned. Not awaited and errors are ignored: make it cheap (enqueue, do not send).
   */
  onLifecycle?: (event: OtpLifecycleEvent) => void;
}

export interface ResolvedOptions {
  secret: string | Buffer;
  store: OtpStore;
  sender: OtpSender;
  codeProvider: OtpCodeProvider | undefined;
  captcha: CaptchaVerifier | undefined;
  clock: Clock;
  digits: number;
  ttlMs: number;
  attempts: number;
  lockout: LockoutPolicy;
  limits: readonly OtpLimit[];
  wrongCheckLimits: readonly OtpLimit[];
  phone: PhoneRules;
  emailLimitKey: EmailLimitKeyRules;
  onFuse: OtpOptions['onFuse'];
  onAlert: OtpOptions['onAlert'];
  testNumbers: OtpOptions['testNumbers'];
  onTestNumber: OtpOptions['onTestNumber'];
  namespace: string | undefined;
  globalScope: 'shared' | 'namespace';
  onLifecycle: OtpOptions['onLifecycle'];
}

function integer(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InvalidArgumentError(field, `must be an integer from ${min} to ${max}, got ${value}`);
  return value;
}

export function resolveOptions(options: OtpOptions): ResolvedOptions {
  if (!options.secret || options.secret.length < 32)
    throw new InvalidArgumentError('secret', 'needs at least 32 characters (e.g. `openssl rand -base64 32`)');
  const ttlMs = toMs(options.ttl ?? '5 min');
  if (ttlMs < 1000) throw new InvalidArgumentError('ttl', 'must be at least 1 s');
  if (options.namespace !== undefined && !NAMESPACE.test(options.namespace))
    throw new InvalidArgumentError('namespace', `must match ${NAMESPACE}`);
  const lockout = options.lockout ?? {};
  const wrongCheckLimits = options.wrongCheckLimits ?? defaultWrongCheckLimits();
  if (wrongCheckLimits.some((l) => l.scope !== 'ip'))
    throw new InvalidArgumentError('wrongCheckLimits', 'only per-IP limits apply to checks (use wrongChecksPerIp)');
  return {
    secret: options.secret,
    store: options.store,
    sender: options.sender,
    codeProvider: options.codeProvider,
    captcha: options.captcha,
    clock: options.clock ?? systemClock,
    digits: integer('digits', options.digits ?? 6, 4, 10),
    ttlMs,
    attempts: integer('attempts', options.attempts ?? 3, 1, 100),
    lockout: {
      failures: integer('lockout.failures', lockout.failures ?? 20, 1, 1_000_000),
      windowMs: toMs(lockout.window ?? '24 h'),
      lockMs: toMs(lockout.lock ?? '1 h'),
    },
    limits: options.limits ?? defaultLimits(),
    wrongCheckLimits,
    phone: { ...defaultPhoneRules, ...options.phone },
    emailLimitKey: { ...defaultEmailLimitKeyRules, ...options.emailLimitKey },
    onFuse: options.onFuse,
    onAlert: options.onAlert,
    testNumbers: options.testNumbers,
    onTestNumber: options.onTestNumber,
    namespace: options.namespace,
    globalScope: options.globalScope ?? 'shared',
    onLifecycle: options.onLifecycle,
  };
}
