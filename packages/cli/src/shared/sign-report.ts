import {
  canonicalQuery,
  hashPayload,
  percentEncode,
  rpcV1Signature,
  rpcV1StringToSign,
  signV3,
  timingSafeEqualString,
} from 'alisms';

/** What `alisms sign` needs to rebuild both signatures of one request. */
export interface SignInput {
  /** Every request parameter as decoded strings (the API's own and, optionally, the v1 system ones). */
  params: Record<string, string>;
  method: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
  action: string;
  version: string;
  /** `yyyy-MM-ddTHH:mm:ssZ`; used as v1 `Timestamp` and V3 `x-acs-date` unless the params carry their own. */
  timestamp: string;
  nonce: string;
  /** The V3 `host` header exactly as sent, with `:port` when not default. */
  host: string;
  /** The raw V3 request body (form-encoded), empty for query-only calls. */
  body: string;
  /** Extra headers the client also signed, e.g. `x-acs-credentials-provider`. */
  headers: Record<string, string>;
}

export interface V1Report {
  method: string;
  params: Record<string, string>;
  canonicalQuery: string;
  stringToSign: string;
  signature: string;
  /** Whether a `Signature` given among the params equals ours (undefined when none was given). */
  givenSignatureMatches: boolean | undefined;
}

export interface V3Report {
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

/** Parameters that belong to RPC v1's envelope: V3 moves them into headers (or drops them). */
const V1_SYSTEM = new Set([
  'AccessKeyId',
  'Action',
  'Format',
  'SecurityToken',
  'Signature',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Version',
]);

/** RPC v1: the API params plus the system params (filled where the caller gave none), signed over all but `Signature`. */
export function v1Report(input: SignInput): V1Report {
  const params: Record<string, string> = {
    AccessKeyId: input.accessKeyId,
    Action: input.action,
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: input.nonce,
    SignatureVersion: '1.0',
    Timestamp: input.timestamp,
    Version: input.version,
    ...(input.securityToken ? { SecurityToken: input.securityToken } : {}),
    ...input.params,
  };
  const given = params.Signature;
  delete params.Signature;
  const stringToSign = rpcV1StringToSign(input.method, params);
  const signature = rpcV1Signature(stringToSign, input.accessKeySecret);
  return {
    method: input.method.toUpperCase(),
    params,
    canonicalQuery: canonicalQuery(params),
    stringToSign,
    signature,
    givenSignatureMatches: given === undefined ? undefined : timingSafeEqualString(given, signature),
  };
}

/** V3: the API params in the query, action/version/date/nonce in headers, the body hashed. */
export function v3Report(input: SignInput): V3Report {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.params)) if (!V1_SYSTEM.has(name)) query[name] = value;
  const headers: Record<string, string> = {
    host: input.host,
    'x-acs-action': input.params.Action ?? input.action,
    'x-acs-version': input.params.Version ?? input.version,
    'x-acs-date': input.params.Timestamp ?? input.timestamp,
    'x-acs-signature-nonce': input.params.SignatureNonce ?? input.nonce,
    'x-acs-content-sha256': hashPayload(input.body),
    ...(input.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...(input.securityToken
      ? { 'x-acs-security-token': input.securityToken, 'x-acs-accesskey-id': input.accessKeyId }
      : {}),
  };
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
  const signed = signV3(
    { method: input.method, path: '/', query, headers, body: input.body },
    input.accessKeyId,
    input.accessKeySecret,
  );
  return {
    method: input.method.toUpperCase(),
    query,
    headers,
    canonicalRequest: signed.canonicalRequest,
    stringToSign: signed.stringToSign,
    signature: signed.signature,
    authorization: signed.authorization,
  };
}

/** The v1 signature as it appears in a URL (`+` `/` `=` encoded). */
export function signatureInUrl(signature: string): string {
  return percentEncode(signature);
}
