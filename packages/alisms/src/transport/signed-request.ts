import { VERSION } from '../core/version.js';
import type { Credentials } from '../credentials/types.js';
import type { ParamMap } from '../sign/canonical-query.js';
import { formatTimestamp } from '../sign/timestamp.js';
import { hashPayload, V3_ALGORITHM, v3Signature, v3StringToSign } from '../sign/v3.js';
import type { Endpoint } from './endpoint.js';
import { fastCanonicalQuery as canonicalQuery } from './fast-canonical.js';

/** `alisms/<version> node/<version>`, computed once. */
export const USER_AGENT = `alisms/${VERSION} node/${process.version}`;

export const FORM = 'application/x-www-form-urlencoded';

// Timestamps have one-second resolution: format each second once, not once per request.
let lastSecond = -1;
let lastStamp = '';
export function timestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastStamp = formatTimestamp(ms);
    lastSecond = second;
  }
  return lastStamp;
}

/** What both signers need for one attempt. `nonce` and `now` are fresh for every attempt. */
export interface SignInput {
  endpoint: Endpoint;
  action: string;
  version: string;
  /** Parameters for the URL query. */
  query: ParamMap;
  /** Parameters for the form body (none: empty body). */
  form: ParamMap | undefined;
  credentials: Credentials;
  now: number;
  nonce: string;
}

export interface SignedRequest {
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Kept so errors can be scrubbed of it. */
  signature: string;
}

/**
 * ACS3-HMAC-SHA256. The set of signed headers is fixed, so the canonical headers are written in
 * their sorted order directly instead of collecting and sorting names per request.
 */
export function signV3Request(input: SignInput): SignedRequest {
  const { endpoint, credentials } = input;
  const query = canonicalQuery(input.query);
  const body = input.form ? canonicalQuery(input.form) : undefined;
  const payloadHash = hashPayload(body);
  const date = timestamp(input.now);
  const token = credentials.securityToken;
  let canonicalHeaders = body === undefined ? '' : `content-type:${FORM}\n`;
  canonicalHeaders += `host:${endpoint.host}\n`;
  if (token) canonicalHeaders += `x-acs-accesskey-id:${credentials.accessKeyId}\n`;
  canonicalHeaders += `x-acs-action:${input.action}\nx-acs-content-sha256:${payloadHash}\nx-acs-date:${date}\n`;
  if (token) canonicalHeaders += `x-acs-security-token:${token}\n`;
  canonicalHeaders += `x-acs-signature-nonce:${input.nonce}\nx-acs-version:${input.version}\n`;
  const signedHeaders =
    (body === undefined ? '' : 'content-type;') +
    (token
      ? 'host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version'
      : 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version');
  const canonicalRequest = `POST\n/\n${query}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  const signature = v3Signature(v3StringToSign(canonicalRequest), credentials.accessKeySecret);
  const headers: Record<string, string> = {
    host: endpoint.host,
    'x-acs-action': input.action,
    'x-acs-version': input.version,
    'x-acs-date': date,
    'x-acs-signature-nonce': input.nonce,
    'x-acs-content-sha256': payloadHash,
    authorization: `${V3_ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
    'user-agent': USER_AGENT,
    accept: 'application/json',
    'content-length': body === undefined ? '0' : String(Buffer.byteLength(body)),
  };
  if (body !== undefined) headers['content-type'] = FORM;
  if (token) {
    headers['x-acs-accesskey-id'] = credentials.accessKeyId;
    headers['x-acs-security-token'] = token;
  }
  return { path: query ? `/?${query}` : '/', headers, body, signature };
}
