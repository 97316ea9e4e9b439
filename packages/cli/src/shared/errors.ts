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
export function reportError(error: unknown, io: CliIo, action: string, secrets: readonly string[] = []): number {
  const lines: string[] = [];
  let code: number = EXIT.apiError;
  if (error instanceof UsageError) {
    lines.push(error.message);
    code = EXIT.usage;
  } else if (isInvalidArgumentError(error)) {
    lines.push(`invalid ${error.message}`);
    code = EXIT.usage;
  } else if (isCredentialsNotFoundError(error) || isCredentialsSourceError(error)) {
    lines.push(error.message);
    code = EXIT.usage;
  } else if (isSendOutcomeUnknownError(error)) {
    lines.push(error.message);
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
