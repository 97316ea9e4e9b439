import type { ParamMap } from '../sign/canonical-query.js';
import { percentEncode } from '../sign/percent-encode.js';

// Values made only of RFC 3986 unreserved characters encode to themselves: skip the encoder for
// them (numbers, codes, UUIDs). Parameter names come from a small fixed set: encode each once.
const UNRESERVED = /^[A-Za-z0-9._~-]*$/;
const encodedNames = new Map<string, string>();

function encodeName(name: string): string {
  let encoded = encodedNames.get(name);
  if (encoded === undefined) {
    encoded = percentEncode(name);
    if (encodedNames.size < 1024) encodedNames.set(name, encoded);
  }
  return encoded;
}

/** Aliyun's percent-encoding of one value, skipping the encoder for unreserved-only values. */
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
 * The same string as `canonicalQuery` from the signers (sorted `name=value` pairs, RFC 3986
 * percent-encoding, joined with `&`), built with fewer encoder calls; a test keeps the two equal.
 */
export function fastCanonicalQuery(params: ParamMap): string {
  const names = sortedNames(params);
  let out = '';
  for (const name of names) {
    const value = params[name] as string;
    if (out) out += '&';
    out += `${encodeName(name)}=${encodeValue(value)}`;
  }
  return out;
}

/**
 * `fastCanonicalQuery` of `params` merged with a fixed list of parameters whose names are sorted
 * and unreserved and whose values are already encoded (undefined: left out), without building a
 * map of the union.
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
      out += `${encodeName(name)}=${encodeValue(params[name] as string)}`;
    } else {
      const value = fixedValues[j++];
      if (value === undefined) continue;
      if (out) out += '&';
      out += `${fixed}=${value}`;
    }
  }
  return out;
}
