import type { TemplateParams } from '../core/params.js';

/** Character sets of a generated code (`CodeType`). */
export type DypnsCodeType =
  /** digits */
  | 1
  /** upper-case letters */
  | 2
  /** lower-case letters */
  | 3
  /** mixed-case letters */
  | 4
  /** digits + upper-case letters */
  | 5
  /** digits + lower-case letters */
  | 6
  /** digits + mixed-case letters */
  | 7;

/** Input of {@link DypnsClient.sendSmsVerifyCode}. */
export interface SendSmsVerifyCodeInput {
  /** A mainland mobile number, 11 digits starting with 1 (`+86`/`0086`/`86` prefixes are removed). */
  phoneNumber: string;
  /** A system sign (listed in the console, e.g. `速通互联验证码`) or one of your own approved for Dypns. */
  signName: string;
  /** A system template (`100001` sign-in, `100002` bind number, `100003` reset password, `100005` confirm identity). */
  templateCode: string;
  /**
   * Template variables. The value `##code##` asks Aliyun to generate the code; a literal value delivers your own.
   * @default { code: '##code##', min: validity in minutes }
   */
  templateParam?: TemplateParams | string;
  /** Length of a generated code, 4–8. @default 4 (Aliyun's default) */
  codeLength?: number;
  /** Characters of a generated code. @default 1 (digits) */
  codeType?: DypnsCodeType;
  /** Seconds the code stays valid. @default 300 */
  validTime?: number;
  /** Seconds before the same number may get another code. @default 60 */
  interval?: number;
  /** 1: a new code replaces the old one; 2: every unexpired code stays valid. @default 1 */
  duplicatePolicy?: 1 | 2;
  /** Return the generated code in the answer (to store or log it yourself). @default false */
  returnVerifyCode?: boolean;
  /** Codes are scoped by scheme: a check must name the same one (≤ 20 characters). */
  schemeName?: string;
  /** @default '86' (the API serves mainland numbers) */
  countryCode?: string;
  /** Your id of the send, echoed back (fewer than 256 characters). */
  outId?: string;
  /** Extension code for replies. */
  smsUpExtendCode?: string;
  /** Let Aliyun retry delivery on another channel. */
  autoRetry?: number;
}

/** Result of {@link DypnsClient.sendSmsVerifyCode}. */
export interface SendSmsVerifyCodeResult {
  /** Aliyun's id of the send (for QuerySendDetails and receipts). */
  bizId: string;
  outId: string | undefined;
  /** The generated code; only when `returnVerifyCode` was true. Never log it. */
  verifyCode: string | undefined;
  requestId: string;
  /** The wire body as Aliyun sent it. */
  raw: Readonly<Record<string, unknown>>;
}

/** Input of {@link DypnsClient.checkSmsVerifyCode}. */
export interface CheckSmsVerifyCodeInput {
  /** The number the code was sent to (same forms as for sending). */
  phoneNumber: string;
  /** What the user typed. */
  verifyCode: string;
  /** The scheme the code was sent under, if any. */
  schemeName?: string;
  /** @default '86' */
  countryCode?: string;
  outId?: string;
  /** 1: letters compared case-insensitively; 2: case-sensitively. @default 1 */
  caseAuthPolicy?: 1 | 2;
}

/** Result of {@link DypnsClient.checkSmsVerifyCode}. */
export interface CheckSmsVerifyCodeResult {
  /** `PASS`, or `UNKNOWN` for a wrong, expired, used or never-sent code (Aliyun does not say which). */
  verifyResult: 'PASS' | 'UNKNOWN';
  /** `verifyResult === 'PASS'`. */
  passed: boolean;
  outId: string | undefined;
  requestId: string;
  raw: Readonly<Record<string, unknown>>;
}
