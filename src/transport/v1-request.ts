import { rpcV1Signature } from '../sign/rpc-v1.js';
import { encodeValue, fastCanonicalQuery, sortedEncodedPairs } from './fast-canonical.js';
import { FORM, type SignedRequest, type SignInput, timestamp, USER_AGENT } from './signed-request.js';

/**
 * RPC v1 (HMAC-SHA1). Common and query parameters go in the URL, form parameters in the body (a
 * long mail body does not fit a URL); the signature covers both, as the gateway merges them.
 *
 * The hot path (no form body) builds the canonical string once and reuses it as the URL query:
 * the common parameters are merged into the sorted business parameters without building a map.
 */
export function signV1Request(input: SignInput): SignedRequest {
  const { credentials } = input;
  // Common parameters in byte order of their names; all names and most values are unreserved.
  const common: Array<[string, string]> = [
    ['AccessKeyId', encodeValue(credentials.accessKeyId)],
    ['Action', encodeValue(input.action)],
    ['Format', 'JSON'],
  ];
  if (credentials.securityToken) common.push(['SecurityToken', encodeValue(credentials.securityToken)]);
  common.push(
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureNonce', encodeValue(input.nonce)],
    ['SignatureVersion', '1.0'],
    ['Timestamp', encodeValue(timestamp(input.now))],
    ['Version', encodeValue(input.version)],
  );
  const business = input.form ? { ...input.form, ...input.query } : input.query;
  const canonical = mergeCanonical(sortedEncodedPairs(business), common);
  // The canonical string holds only unreserved characters, '%', '=' and '&', so encodeURIComponent
  // equals Aliyun's percent-encoding here (none of ! ' ( ) * can occur).
  const signature = rpcV1Signature(`POST&%2F&${encodeURIComponent(canonical)}`, credentials.accessKeySecret);
  const body = input.form ? fastCanonicalQuery(input.form) : undefined;
  const query = body === undefined ? canonical : mergeCanonical(sortedEncodedPairs(input.query), common);
  const headers: Record<string, string> = {
    host: input.endpoint.host,
    'user-agent': USER_AGENT,
    accept: 'application/json',
    'content-length': body === undefined ? '0' : String(Buffer.byteLength(body)),
  };
  if (body !== undefined) headers['content-type'] = FORM;
  return { path: `/?${query}&Signature=${encodeURIComponent(signature)}`, headers, body, signature };
}

/** Merges two lists of `[name, encodedValue]` sorted by name into `name=value&…`. */
function mergeCanonical(a: ReadonlyArray<[string, string]>, b: ReadonlyArray<[string, string]>): string {
  let out = '';
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    let next: [string, string];
    if (x === undefined) next = y as [string, string];
    else if (y === undefined || x[0] < y[0]) next = x;
    else next = y;
    if (next === x) i++;
    else j++;
    if (out) out += '&';
    out += `${next[0]}=${next[1]}`;
  }
  return out;
}
