import {
  aliyunCodeHint,
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

/** How the CLI says the Aliyun parameters that the SDK's hints name in parentheses: its flags. */
const FLAGS: Readonly<Record<string, string>> = {
  SignName: ' (--sign)',
  TemplateCode: ' (--template)',
  TemplateParam: ': --param name=value',
};

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

/** What to do about `code`: the SDK's one table of Aliyun codes, in CLI terms; else Aliyun's Recommend link. */
function hintFor(code: string, recommend: string | undefined): string | undefined {
  const hint = aliyunCodeHint(code);
  if (hint !== undefined)
    return hint.replace(/ \((SignName|TemplateCode|TemplateParam)\)/g, (m, name) => FLAGS[name] ?? m);
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
