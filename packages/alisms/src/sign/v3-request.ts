import { canonicalQuery } from './canonical-query.js';
import { FORM, type SignedRequest, type SignInput, sdkUserAgent, timestamp, utf8Length } from './signed-request.js';
import { hashPayload, V3_ALGORITHM, v3Signature, v3StringToSign } from './v3.js';

/**
 * The signed request of ACS3-HMAC-SHA256 (V3). The set of signed headers is fixed, so the canonical headers are written in
 * their sorted order directly instead of collecting and sorting names per request.
 */
export function signV3Request(input: SignInput): SignedRequest {
  const { host, credentials } = input;
  const query = canonicalQuery(input.query);
  const body = input.form ? canonicalQuery(input.form) : undefined;
  const payloadHash = hashPayload(body);
  const date = timestamp(input.now);
  const token = credentials.securityToken;
  let canonicalHeaders = body === undefined ? '' : `content-type:${FORM}\n`;
  canonicalHeaders += `host:${host}\n`;
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
    host,
    'x-acs-action': input.action,
    'x-acs-version': input.version,
    'x-acs-date': date,
    'x-acs-signature-nonce': input.nonce,
    'x-acs-content-sha256': payloadHash,
    authorization: `${V3_ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
    'user-agent': sdkUserAgent(),
    accept: 'application/json',
    'content-length': body === undefined ? '0' : String(utf8Length(body)),
  };
  if (body !== undefined) headers['content-type'] = FORM;
  if (token) {
    headers['x-acs-accesskey-id'] = credentials.accessKeyId;
    headers['x-acs-security-token'] = token;
  }
  return { path: query ? `/?${query}` : '/', headers, body, signature };
}
