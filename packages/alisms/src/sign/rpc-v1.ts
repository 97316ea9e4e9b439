import { canonicalQuery, type ParamMap } from './canonical-query.js';
import { hmac } from './hmac.js';
import { percentEncode } from './percent-encode.js';
import { timingSafeEqualString } from './safe-compare.js';

/**
 * RPC v1 (HMAC-SHA1, `SignatureVersion=1.0`) string-to-sign over every parameter except
 * `Signature`: `METHOD&%2F&percentEncode(canonicalQuery)`.
 */
export function rpcV1StringToSign(method: string, params: ParamMap): string {
  return `${method.toUpperCase()}&%2F&${percentEncode(canonicalQuery(params, 'Signature'))}`;
}

/** Base64 HMAC-SHA1 with key `secret + "&"` (the trailing `&` is part of the scheme). */
export function rpcV1Signature(stringToSign: string, accessKeySecret: string): string {
  return hmac('sha1', `${accessKeySecret}&`, stringToSign, 'base64');
}

/** What {@link signRpcV1} signs: the HTTP method, every parameter but `Signature`, and the AccessKey secret. */
export interface RpcV1SignInput {
  method: string;
  params: ParamMap;
  accessKeySecret: string;
}

/**
 * Signs decoded parameters; returns the base64 `Signature` value.
 *
 * @example
 * ```ts
 * import { signRpcV1 } from 'alisms';
 * const Signature = signRpcV1({ method: 'GET', params: { Action: 'SendSms', AccessKeyId: 'LTAI…' }, accessKeySecret });
 * ```
 */
export function signRpcV1(input: RpcV1SignInput): string {
  return rpcV1Signature(rpcV1StringToSign(input.method, input.params), input.accessKeySecret);
}

/** The answer of {@link verifyRpcV1}: whether the signature matches, and the string that was signed. */
export interface RpcV1Verification {
  ok: boolean;
  /** The server's string-to-sign, which Aliyun echoes in `SignatureDoesNotMatch`. */
  stringToSign: string;
}

/** Recomputes the signature over the request's own method and parameters and compares in constant time. */
export function verifyRpcV1(input: RpcV1SignInput & { signature: string }): RpcV1Verification {
  const stringToSign = rpcV1StringToSign(input.method, input.params);
  const expected = rpcV1Signature(stringToSign, input.accessKeySecret);
  return { ok: timingSafeEqualString(expected, input.signature), stringToSign };
}
