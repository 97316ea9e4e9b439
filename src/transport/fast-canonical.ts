import { compareNames, type ParamMap } from '../sign/canonical-query.js';
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

/** `[encodedName, encodedValue]` pairs sorted by name (byte order); names of the common set are unreserved. */
export function sortedEncodedPairs(params: ParamMap): Array<[string, string]> {
  const names = Object.keys(params).sort(compareNames);
  const out: Array<[string, string]> = [];
  for (const name of names) out.push([encodeName(name), encodeValue(params[name] as string)]);
  return out;
}

/**
 * The same string as `canonicalQuery` from the signers (sorted `name=value` pairs, RFC 3986
 * percent-encoding, joined with `&`), built with fewer encoder calls; a test keeps the two equal.
 */
export function fastCanonicalQuery(params: ParamMap): string {
  const names = Object.keys(params).sort(compareNames);
  let out = '';
  for (const name of names) {
    const value = params[name] as string;
    if (out) out += '&';
    out += `${encodeName(name)}=${encodeValue(value)}`;
  }
  return out;
}
