import { percentEncode } from './percent-encode.js';

/** Request parameters as decoded strings, keyed by their case-sensitive names. */
export type ParamMap = Readonly<Record<string, string>>;

/** Byte-order comparison of parameter names (Aliyun sorts by ASCII, not by locale). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `name=value` pairs sorted by name and joined with `&`, both sides percent-encoded.
 * Shared by RPC v1 (over query+body) and V3 (over the query only).
 */
export function canonicalQuery(params: ParamMap, exclude?: string): string {
  const names = Object.keys(params).sort(compareNames);
  let out = '';
  for (const name of names) {
    if (name === exclude) continue;
    if (out) out += '&';
    out += `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`;
  }
  return out;
}
