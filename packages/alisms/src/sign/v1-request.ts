import { canonicalQuery, encodeValue, mergedCanonicalQuery } from './canonical-query.js';
import { rpcV1Signature } from './rpc-v1.js';
import { FORM, type SignedRequest, type SignInput, sdkUserAgent, timestamp, utf8Length } from './signed-request.js';

/**
 * The signed request of RPC v1 (HMAC-SHA1). Common and query parameters go in the URL, form parameters in the body (a
 * long mail body does not fit a URL); the signature covers both, as the gateway merges them.
 *
 * The hot path (no form body) builds the canonical string once and reuses it as the URL query:
 * the common parameters are merged into the sorted business parameters without building a map.
 */
export function signV1Request(input: SignInput): SignedRequest {
  const { credentials } = input;
  const token = credentials.securityToken;
  // Values of COMMON_NAMES, in that order; all names and most values are unreserved.
  const common = [
    encodeValue(credentials.accessKeyId),
    encodeValue(input.action),
    'JSON',
    token ? encodeValue(token) : undefined,
    'HMAC-SHA1',
    encodeValue(input.nonce),
    '1.0',
    encodedTimestamp(input.now),
    encodeValue(input.version),
  ];
  const business = input.form ? { ...input.form, ...input.query } : input.query;
  const canonical = mergedCanonicalQuery(business, COMMON_NAMES, common);
  // The canonical string holds only unreserved characters, '%', '=' and '&', so encodeURIComponent
  // equals Aliyun's percent-encoding here (none of ! ' ( ) * can occur).
  const signature = rpcV1Signature(`POST&%2F&${encodeURIComponent(canonical)}`, credentials.accessKeySecret);
  const body = input.form ? canonicalQuery(input.form) : undefined;
  const query = body === undefined ? canonical : mergedCanonicalQuery(input.query, COMMON_NAMES, common);
  const headers: Record<string, string> = {
    host: input.host,
    'user-agent': sdkUserAgent(),
    accept: 'application/json',
    'content-length': body === undefined ? '0' : String(utf8Length(body)),
  };
  if (body !== undefined) headers['content-type'] = FORM;
  return { path: `/?${query}&Signature=${encodeURIComponent(signature)}`, headers, body, signature };
}

/** The common parameters' names in byte order (SecurityToken is left out when there is no token). */
const COMMON_NAMES = [
  'AccessKeyId',
  'Action',
  'Format',
  'SecurityToken',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Version',
] as const;

// The timestamp changes once a second: encode it once a second.
let lastStamp = '';
let lastEncoded = '';
function encodedTimestamp(ms: number): string {
  const stamp = timestamp(ms);
  if (stamp !== lastStamp) {
    lastEncoded = encodeValue(stamp);
    lastStamp = stamp;
  }
  return lastEncoded;
}
