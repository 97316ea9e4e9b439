import type { DypnsClient } from 'alisms';
import type { OtpCodeProvider, OtpSendContext, OtpSender } from './ports.js';

/** The DypnsClient methods the adapters call (a fake with these two methods works in tests). */
export type DypnsCalls = Pick<DypnsClient, 'sendSmsVerifyCode' | 'checkSmsVerifyCode'>;

/** Options of {@link dypnsSmsSender} and {@link dypnsCodeProvider}. */
export interface DypnsOtpOptions {
  /** A system sign (e.g. `速通互联验证码`) or your own sign enabled for Dypns. */
  signName: string;
  /** A system template, e.g. `100001` (sign-in), `100003` (reset password). */
  templateCode: string;
  /**
   * Dypns scheme per purpose (`{ login: 'app-login' }`), else `schemeName`. Dypns scopes codes by scheme, not by
   * alisms's purpose: give purposes their own scheme so a code sent for one purpose cannot pass for another.
   */
  schemes?: Readonly<Record<string, string>> | undefined;
  /** Scheme for purposes not in `schemes`. @default Dypns's default scheme */
  schemeName?: string | undefined;
}

function schemeFor(options: DypnsOtpOptions, purpose: string): { schemeName?: string } {
  const scheme = options.schemes?.[purpose] ?? options.schemeName;
  return scheme === undefined ? {} : { schemeName: scheme };
}

/**
 * `delivery: dypns`: sends alisms's own code through Dypns (system sign and template, no template review,
 * billed on delivery). alisms still generates, hashes and checks the code; Dypns only delivers it.
 * Use it as the `sendSms` of an {@link OtpSender}.
 *
 * @example
 * const sender = { sendSms: dypnsSmsSender(new DypnsClient(), { signName: '速通互联验证码', templateCode: '100001' }), sendEmail };
 */
export function dypnsSmsSender(client: DypnsCalls, options: DypnsOtpOptions): OtpSender['sendSms'] {
  return (to: string, code: string, ctx: OtpSendContext) =>
    client.sendSmsVerifyCode({
      phoneNumber: to,
      signName: options.signName,
      templateCode: options.templateCode,
      // A literal value: Dypns delivers this code rather than generating one.
      templateParam: { code, min: String(Math.max(1, ctx.ttlMinutes)) },
      validTime: Math.max(60, ctx.ttlMinutes * 60),
      outId: ctx.sendId,
      ...schemeFor(options, ctx.purpose),
    });
}

/**
 * `verify: dypns`: Dypns generates, sends and checks the SMS code; alisms's captcha, limits, attempt counting
 * and lockout stay in front (pass it as `codeProvider` to `createOtp`). Codes are digits of the configured
 * length (Dypns allows 4–8).
 *
 * @example
 * const otp = createOtp({ secret, store, sender, codeProvider: dypnsCodeProvider(new DypnsClient(), { signName: '速通互联验证码', templateCode: '100001' }) });
 */
export function dypnsCodeProvider(client: DypnsCalls, options: DypnsOtpOptions): OtpCodeProvider {
  return {
    sendCode: (to, ctx) =>
      client.sendSmsVerifyCode({
        phoneNumber: to,
        signName: options.signName,
        templateCode: options.templateCode,
        templateParam: { code: '##code##', min: String(Math.max(1, ctx.ttlMinutes)) },
        codeLength: ctx.digits,
        codeType: 1,
        validTime: ctx.ttlSeconds,
        // alisms's own limits decide when a resend may go; Dypns's default 60 s interval would refuse some.
        interval: 0,
        duplicatePolicy: 1,
        outId: ctx.sendId,
        ...schemeFor(options, ctx.purpose),
      }),
    checkCode: async (to, code, ctx) => {
      const result = await client.checkSmsVerifyCode({
        phoneNumber: to,
        verifyCode: code,
        ...schemeFor(options, ctx.purpose),
      });
      return result.passed;
    },
  };
}
