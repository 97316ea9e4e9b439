import {
  isAlismsError,
  isAliyunApiError,
  isCredentialsNotFoundError,
  isCredentialsSourceError,
  isInvalidArgumentError,
  isInvalidResponseError,
  isSendOutcomeUnknownError,
  isThrottlingError,
  isTransportError,
  redact,
} from 'alisms';
import { type CliIo, EXIT, UsageError } from '../io.js';

/** What to do about the Aliyun codes people meet most; the rest fall back to Aliyun's Recommend link. */
const HINTS: ReadonlyArray<[RegExp, string]> = [
  [
    /^SignatureDoesNotMatch$|^IncompleteSignature$/,
    'the AccessKey secret does not match the ID, or something rewrote the request: compare `alisms sign` output with the server string to sign',
  ],
  [
    /^InvalidAccessKeyId/,
    'check ALIBABA_CLOUD_ACCESS_KEY_ID (or alisms.yaml), and that the key is enabled in the RAM console',
  ],
  [
    /^InvalidTimeStamp/,
    'this machine’s clock is off by more than 15 minutes: run `alisms doctor` and sync the clock (NTP)',
  ],
  [/^SignatureNonceUsed$/, 'a request was replayed; send it again (a new nonce is used each time)'],
  [/^InvalidSecurityToken/, 'the STS token expired or is malformed: fetch new temporary credentials'],
  [
    /^(Forbidden|isp\.RAM_PERMISSION_DENY)/,
    'the RAM user lacks permission: grant AliyunDysmsFullAccess (or a policy for this action)',
  ],
  [/^Throttling/, 'too many requests per second: slow down and retry later'],
  [
    /^isv\.BUSINESS_LIMIT_CONTROL$/,
    'per-number flow control (by default 1/min, 5/h, 10/day): wait before sending to this number again',
  ],
  [/^isv\.(DAY|MONTH)_LIMIT_CONTROL$/, 'the account’s send cap set in the console was reached'],
  [
    /^isv\.(SMS_SIGNATURE_ILLEGAL|SMS_SIGN_ILLEGAL|SIGN_NAME_ILLEGAL|SIGN_STATE_ILLEGAL)$/,
    'use a signature (--sign) that is approved on this account',
  ],
  [/^isv\.SMS_TEMPLATE_ILLEGAL$/, 'use a template code (--template) that is approved on this account'],
  [
    /^isv\.SMS_SIGNATURE_SCENE_ILLEGAL$/,
    'the signature type does not fit the template type (verification vs notification)',
  ],
  [
    /^isv\.(TEMPLATE_MISSING_PARAMETERS|INVALID_JSON_PARAM|TEMPLATE_PARAMS_ILLEGAL)$/,
    'give every variable of the template a string value: --param name=value',
  ],
  [/^isv\.MOBILE_NUMBER_ILLEGAL$/, 'check the phone number (mainland: 11 digits, optionally +86)'],
  [/^isv\.MOBILE_COUNT_OVER_LIMIT$/, 'too many numbers in one request (1000 for send, 100 for a batch)'],
  [/^isv\.(AMOUNT_NOT_ENOUGH|OUT_OF_SERVICE)$/, 'the account is out of balance or suspended: top up in the console'],
  [
    /^isv\.DENY_IP_RANGE$/,
    'this IP may not send mainland SMS: call from a mainland server or use the international API',
  ],
  [/^isp\.SYSTEM_ERROR$/, 'an error on Aliyun’s side: retry later'],
];

/** A loopback endpoint is the emulator (or something standing in for Aliyun on this machine). */
function isLocal(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const host = new URL(endpoint.includes('://') ? endpoint : `http://${endpoint}`).hostname;
    return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}

/** What a CLI user can do without credentials: environment variables, not client options. */
function noCredentialsAdvice(attempts: readonly { source: string; reason: string }[], endpoint?: string): string[] {
  const lines = ['no Aliyun credentials found; places tried, in order:'];
  // The `static` provider stands for client options, which a CLI user has no way to give.
  const shown = attempts.filter((a) => a.source !== 'static');
  for (const [i, a] of shown.entries()) lines.push(`${i + 1}. ${a.source}: ${a.reason}`);
  if (isLocal(endpoint))
    lines.push(
      `what to do: ${endpoint} is local; the alisms emulator accepts its test key:`,
      '  export ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret',
    );
  else
    lines.push(
      'what to do: export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (a RAM user key),',
      '  or write access_key_id / access_key_secret into alisms.yaml here, or run `aliyun configure`;',
      '  `alisms doctor` shows which credentials are found',
    );
  return lines;
}

function hintFor(code: string, recommend: string | undefined): string | undefined {
  for (const [pattern, hint] of HINTS) if (pattern.test(code)) return hint;
  return recommend ? `see ${recommend}` : undefined;
}

/**
 * Writes one clear message for `error` to stderr — what failed, the code and RequestId, and what to
 * do — and returns the exit code: 2 for a bad invocation or missing configuration, 1 for the rest.
 * Phone numbers are masked and `secrets` are blanked (messages of alisms errors are already clean).
 */
export function reportError(
  error: unknown,
  io: CliIo,
  action: string,
  secrets: readonly string[] = [],
  endpoint: string | undefined = io.env.ALISMS_ENDPOINT,
): number {
  const lines: string[] = [];
  let code: number = EXIT.apiError;
  if (error instanceof UsageError) {
    lines.push(error.message);
    code = EXIT.usage;
  } else if (isInvalidArgumentError(error)) {
    lines.push(`invalid ${error.message}`);
    code = EXIT.usage;
  } else if (isCredentialsNotFoundError(error)) {
    lines.push(...noCredentialsAdvice(error.attempts, endpoint));
    code = EXIT.usage;
  } else if (isCredentialsSourceError(error)) {
    lines.push(error.message);
    code = EXIT.usage;
  } else if (isSendOutcomeUnknownError(error)) {
    lines.push(error.message);
    // A send answered by something other than Aliyun (a gateway page) may still have gone through it.
    if (isInvalidResponseError(error.cause))
      lines.push(
        'the endpoint did not answer like Aliyun: check --endpoint (a proxy or gateway page answered instead)',
      );
    lines.push('what to do: do not resend blindly; check with `alisms query --phone <number>` first');
  } else if (isAliyunApiError(error)) {
    const kind = isThrottlingError(error) ? 'throttled' : 'failed';
    lines.push(`${action} ${kind}: ${error.code}: ${error.aliyunMessage || error.message}`);
    lines.push(`request id: ${error.requestId ?? 'none'}${error.httpStatus ? `, HTTP ${error.httpStatus}` : ''}`);
    const hint = hintFor(error.code, error.recommend);
    if (hint) lines.push(`what to do: ${hint}`);
  } else if (isInvalidResponseError(error)) {
    lines.push(`${action}: the endpoint did not answer like Aliyun: ${error.message}`);
    lines.push('what to do: check --endpoint (a proxy or gateway page answered instead)');
  } else if (isTransportError(error)) {
    lines.push(`${action}: could not reach the endpoint: ${error.message}`);
    lines.push('what to do: check --endpoint / $ALISMS_ENDPOINT and the network; `alisms doctor` tests reachability');
  } else if (isAlismsError(error)) {
    lines.push(`${action} failed: ${error.code}: ${error.message}`);
  } else {
    lines.push(`${action} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.stderr.write(
    `${lines
      .map((line, i) => (i === 0 ? `alisms: ${line}` : `  ${line}`))
      .map((l) => redact(l, secrets))
      .join('\n')}\n`,
  );
  return code;
}
