import { percentEncode } from './percent-encode.js';

/** Request parameters as decoded strings, keyed by their case-sensitive names. */
export type ParamMap = Readonly<Record<string, string>>;

/** Byte-order comparison of parameter names (Aliyun sorts by ASCII, not by locale). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Values made only of RFC 3986 unreserved characters encode to themselves (numbers, codes, UUIDs,
// parameter names): the test is cheaper than the encoder.
const UNRESERVED = /^[A-Za-z0-9._~-]*$/;

/** Aliyun's percent-encoding of one name or value, skipping the encoder for unreserved-only text. */
export function encodeValue(value: string): string {
  return UNRESERVED.test(value) ? value : percentEncode(value);
}

/**
 * Parameter names in byte order. An insertion sort: a request has a handful of names, and unlike
 * Array.prototype.sort it allocates no work array on every call.
 */
export function sortedNames(params: ParamMap): string[] {
  const names = Object.keys(params);
  for (let i = 1; i < names.length; i++) {
    const name = names[i] as string;
    let j = i - 1;
    while (j >= 0 && (names[j] as string) > name) {
      names[j + 1] = names[j] as string;
      j--;
    }
    names[j + 1] = name;
  }
  return names;
}

/**
 * The one canonical query of both signature versions: `name=value` pairs sorted by name (byte
 * order) and joined with `&`, both sides percent-encoded. RPC v1 signs it over query + body, V3
 * over the query only; `exclude` leaves one name out (v1 verifies with `Signature` present).
 *
 * @example
 * canonicalQuery({ b: '2 3', a: '*' }) // → 'a=%2A&b=2%203'
 */
export function canonicalQuery(params: ParamMap, exclude?: string): string {
  let out = '';
  for (const name of sortedNames(params)) {
    if (name === exclude) continue;
    if (out) out += '&';
    out += `${encodeValue(name)}=${encodeValue(params[name] ?? '')}`;
  }
  return out;
}

/**
 * `canonicalQuery` of `params` merged with a fixed list of parameters whose names are sorted and
 * unreserved and whose values are already encoded (undefined: left out), without building a map of
 * the union. The v1 signer merges its common parameters (AccessKeyId, Action, …) this way.
 */
export function mergedCanonicalQuery(
  params: ParamMap,
  fixedNames: readonly string[],
  fixedValues: ReadonlyArray<string | undefined>,
): string {
  const names = sortedNames(params);
  let out = '';
  let i = 0;
  let j = 0;
  while (i < names.length || j < fixedNames.length) {
    const name = names[i];
    const fixed = fixedNames[j];
    if (name !== undefined && (fixed === undefined || name < fixed)) {
      i++;
      if (out) out += '&';
      out += `${encodeValue(name)}=${encodeValue(params[name] as string)}`;
    } else {
      const value = fixedValues[j++];
      if (value === undefined) continue;
      if (out) out += '&';
      out += `${fixed}=${value}`;
    }
  }
  return out;
}
