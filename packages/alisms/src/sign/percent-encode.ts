/**
 * Aliyun's percent-encoding (RFC 3986 unreserved set kept, everything else `%XY` in upper case):
 * a space is `%20` (never `+`), `*` is `%2A`, `~` stays `~`.
 */
export function percentEncode(value: string): string {
  // encodeURIComponent already leaves exactly A-Z a-z 0-9 - _ . ! ~ * ' ( ) unescaped;
  // Aliyun wants ! ' ( ) * escaped too.
  const encoded = encodeURIComponent(value);
  // Most values hold none of the five: test the (shorter) input instead of running a replace.
  return RESERVED_TEST.test(value) ? encoded.replace(RESERVED, escapeReserved) : encoded;
}

const RESERVED = /[!'()*]/g;
const RESERVED_TEST = /[!'()*]/;

function escapeReserved(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}
