import { canonicalQuery, compareNames, type ParamMap } from './canonical-query.js';
import { hmac, sha256Hex } from './hmac.js';
import { timingSafeEqualString } from './safe-compare.js';

/** The signature algorithm name of Aliyun's V3 signing (`ACS3-HMAC-SHA256`). */
export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
/** sha256 of the empty body, precomputed because most RPC calls send none. */
export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Header names and values as sent; names in any case. */
export type HeaderMap = Readonly<Record<string, string | undefined>>;

/** One request as V3 sees it. `body` is the raw payload bytes (or UTF-8 text). */
export interface V3Request {
  method: string;
  /** Canonical URI; `/` for every RPC-style API. */
  path?: string;
  query: ParamMap;
  headers: HeaderMap;
  body?: string | Uint8Array;
}

/** Lowercase hex sha256 of the payload. */
export function hashPayload(body: string | Uint8Array | undefined): string {
  if (body === undefined || body.length === 0) return EMPTY_PAYLOAD_SHA256;
  return sha256Hex(body);
}

/** Whether V3 signs a header of this (lowercase) name. */
export function isSignableHeader(lowerName: string): boolean {
  return lowerName === 'host' || lowerName === 'content-type' || lowerName.startsWith('x-acs-');
}

/** Lowercased names of the headers to sign: every signable header present, sorted. */
export function signableHeaderNames(headers: HeaderMap): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (isSignableHeader(lower) && !names.includes(lower)) names.push(lower);
  }
  return names.sort(compareNames);
}

function lowerCaseHeaders(headers: HeaderMap): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out.set(name.toLowerCase(), value);
  }
  return out;
}

/** The canonical request of V3; `signedHeaders` are lowercase and sorted. */
export function v3CanonicalRequest(request: V3Request, signedHeaders: readonly string[]): string {
  const lower = lowerCaseHeaders(request.headers);
  let canonicalHeaders = '';
  for (const name of signedHeaders) canonicalHeaders += `${name}:${(lower.get(name) ?? '').trim()}\n`;
  const payloadHash = lower.get('x-acs-content-sha256') ?? hashPayload(request.body);
  return [
    request.method.toUpperCase(),
    request.path ?? '/',
    canonicalQuery(request.query),
    canonicalHeaders,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/** `ACS3-HMAC-SHA256\n` + hex sha256 of the canonical request. */
export function v3StringToSign(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** Hex HMAC-SHA256 keyed with the raw secret (no trailing `&`, unlike v1). */
export function v3Signature(stringToSign: string, accessKeySecret: string): string {
  return hmac('sha256', accessKeySecret, stringToSign, 'hex');
}

/** What {@link signV3} returns: the `Authorization` header value and the intermediate strings (for debugging a mismatch). */
export interface V3Signed {
  authorization: string;
  signature: string;
  signedHeaders: string[];
  canonicalRequest: string;
  stringToSign: string;
}

/**
 * Signs a request whose `headers` already carry host, x-acs-action, x-acs-version, x-acs-date,
 * x-acs-signature-nonce and x-acs-content-sha256 (and the STS headers when used).
 *
 * @example
 * ```ts
 * import { formatTimestamp, hashPayload, newNonce, signV3 } from 'alisms';
 * const request = { method: 'POST', query: { PhoneNumbers: '13800138000' }, headers: {
 *   host: 'dysmsapi.aliyuncs.com', 'x-acs-action': 'SendSms', 'x-acs-version': '2017-05-25',
 *   'x-acs-date': formatTimestamp(new Date()), 'x-acs-signature-nonce': newNonce(),
 *   'x-acs-content-sha256': hashPayload(undefined) } };
 * const { authorization } = signV3(request, accessKeyId, accessKeySecret); // the Authorization header
 * ```
 */
export function signV3(request: V3Request, accessKeyId: string, accessKeySecret: string): V3Signed {
  const signedHeaders = signableHeaderNames(request.headers);
  const canonicalRequest = v3CanonicalRequest(request, signedHeaders);
  const stringToSign = v3StringToSign(canonicalRequest);
  const signature = v3Signature(stringToSign, accessKeySecret);
  const authorization = `${V3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
  return { authorization, signature, signedHeaders, canonicalRequest, stringToSign };
}

/** The parts of a V3 `Authorization` header, as {@link parseV3Authorization} reads them. */
export interface V3Authorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/;

/** Parses an `Authorization` header; `undefined` when it is not a well-formed ACS3-HMAC-SHA256 one. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const match = AUTHORIZATION.exec(header.trim());
  if (!match) return undefined;
  return {
    accessKeyId: match[1] as string,
    signedHeaders: (match[2] as string).split(';'),
    signature: match[3] as string,
  };
}

/** The answer of {@link verifyV3}: whether the signature matches, and the server-side canonical request and string-to-sign. */
export interface V3Verification {
  ok: boolean;
  canonicalRequest: string;
  stringToSign: string;
}

/** Rebuilds the canonical request from the headers the client said it signed, and compares in constant time. */
export function verifyV3(request: V3Request, authorization: V3Authorization, accessKeySecret: string): V3Verification {
  const canonicalRequest = v3CanonicalRequest(request, authorization.signedHeaders);
  const stringToSign = v3StringToSign(canonicalRequest);
  const expected = v3Signature(stringToSign, accessKeySecret);
  return { ok: timingSafeEqualString(expected, authorization.signature), canonicalRequest, stringToSign };
}
