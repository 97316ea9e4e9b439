import { canonicalQuery } from '../sign/canonical-query.js';
import { percentEncode } from '../sign/percent-encode.js';

/**
 * `METHOD&encode(url)&encode(sorted name=value pairs)`, leaving out any `Signature` parameter: the
 * Python package's string-to-sign, over the SDK's one canonical query builder.
 */
export function rpcStringToSign(
  params: Readonly<Record<string, string | number>>,
  method: string,
  url: string,
): string {
  const strings: Record<string, string> = {};
  for (const name of Object.keys(params)) strings[name] = String(params[name]);
  return `${method.toUpperCase()}&${percentEncode(url)}&${percentEncode(canonicalQuery(strings, 'Signature'))}`;
}
