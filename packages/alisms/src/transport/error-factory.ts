import { isServerFailureCode, isThrottlingCode } from '../core/error-codes.js';
import type { AlismsError } from '../core/errors.js';
import { AliyunApiError } from './errors/aliyun-api-error.js';
import { BODY_START_LENGTH, InvalidResponseError } from './errors/invalid-response-error.js';
import { ThrottlingError } from './errors/throttling-error.js';
import { redactBody, redactText } from './redact-body.js';

/** A parsed Aliyun JSON body. */
export type AliyunBody = Record<string, unknown>;

/** The business code of a body: `Code` (2017-05-25, gateway, Direct Mail) or `ResponseCode` (2018-05-01). */
export function bodyCode(body: AliyunBody): string | undefined {
  const code = body.Code ?? body.ResponseCode;
  return typeof code === 'string' ? code : undefined;
}

function stringField(body: AliyunBody, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = body[name];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/** Reads `Retry-After` (seconds or an HTTP date) or `x-acs-retry-after` (ms) as milliseconds. */
export function retryAfterMs(headers: Readonly<Record<string, string | string[] | undefined>>): number | undefined {
  const acs = headers['x-acs-retry-after'];
  if (typeof acs === 'string' && /^\d+$/.test(acs)) return Number(acs);
  const std = headers['retry-after'];
  if (typeof std !== 'string') return undefined;
  if (/^\d+(\.\d+)?$/.test(std)) return Math.round(Number(std) * 1000);
  const at = Date.parse(std);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export interface ResponseContext {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  text: string;
  /**
   * Values that must never appear in an error: query string, AccessKeyId, secret, token, signature.
   * A function, so that a success (the common case) never builds the list.
   */
  secrets: () => ReadonlyArray<string | undefined>;
}

/** Either the parsed body of a success, or the error it maps to (by Aliyun `Code` first, HTTP status second). */
export type ParsedResponse =
  | { ok: true; body: AliyunBody }
  | { ok: false; error: AlismsError; code: string | undefined };

/** Turns one HTTP answer into a body or a typed error. Never throws. */
export function parseResponse(ctx: ResponseContext): ParsedResponse {
  const parsed = parseJsonBody(ctx.text);
  const body = successBody(ctx.status, parsed);
  if (body !== undefined) return { ok: true, body };
  return { ok: false, ...responseError(ctx, parsed) };
}

/** The answer's JSON, or undefined when it is not JSON. The hot path parses it exactly once. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The body of a success (a JSON object, status < 400, `Code`/`ResponseCode` absent or `OK`); else undefined. */
export function successBody(status: number, parsed: unknown): AliyunBody | undefined {
  if (status >= 400 || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const code = bodyCode(parsed as AliyunBody);
  return code === undefined || code === 'OK' ? (parsed as AliyunBody) : undefined;
}

/**
 * The typed error of an answer that `successBody` refused, by Aliyun `Code` first, HTTP status
 * second. Only this path reads headers and builds the list of secrets to scrub.
 */
export function responseError(ctx: ResponseContext, parsed: unknown): { error: AlismsError; code: string | undefined } {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const start = redactText(ctx.text.slice(0, BODY_START_LENGTH), ctx.secrets());
    return { code: undefined, error: new InvalidResponseError(ctx.status, start, ctx.status >= 500) };
  }
  const body = parsed as AliyunBody;
  const code = bodyCode(body);
  return { code, error: apiError(ctx, body, code) };
}

function apiError(ctx: ResponseContext, body: AliyunBody, code: string | undefined): AliyunApiError {
  const safeBody = redactBody(body, ctx.secrets()) as AliyunBody;
  const finalCode = code ?? `HTTP${ctx.status}`;
  const aliyunMessage = stringField(safeBody, 'Message', 'ResponseDescription') ?? '';
  const requestId = stringField(body, 'RequestId');
  const options = {
    code: finalCode,
    requestId,
    httpStatus: ctx.status,
    body: safeBody,
    recommend: stringField(safeBody, 'Recommend'),
    retryable: isServerFailureCode(code) || ctx.status >= 500,
  };
  const where = requestId ? ` (RequestId ${requestId})` : '';
  const message = `${finalCode}: ${aliyunMessage || `HTTP ${ctx.status}`}${where}`;
  if (isThrottlingCode(code)) {
    const after = retryAfterMs(ctx.headers);
    return new ThrottlingError(
      message,
      aliyunMessage,
      after === undefined ? options : { ...options, retryAfterMs: after },
    );
  }
  return new AliyunApiError(message, aliyunMessage, options);
}
