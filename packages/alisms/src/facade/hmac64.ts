import { type HmacAlgorithm, hmac } from '../sign/hmac.js';

/** Digest names `hmac64` accepts: the ones Python's `hashlib` and Node's `crypto` spell the same way. */
export type { HmacAlgorithm };

/**
 * Base64 HMAC of a UTF-8 string, as the Python package's `utils.hmacb64(obj_str, secret, alg='sha1')`.
 * The key is used exactly as given: RPC v1 signing appends `&` to the AccessKey secret before calling this.
 * It is the SDK's one HMAC (`sign/hmac.ts`) with a base64 digest.
 *
 * @example
 * hmac64('GET&%2F&...', `${accessKeySecret}&`) // → 'zJDF+Lrzhj/ThnlvIToysFRq6t4=' for the official SendSms example
 */
export function hmac64(str: string, secret: string, alg: HmacAlgorithm = 'sha1'): string {
  return hmac(alg, secret, str, 'base64');
}

/** The name the Python code actually uses (its docs say `hmac64`); both are exported so either port compiles. */
export const hmacb64 = hmac64;
