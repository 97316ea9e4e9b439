/**
 * Aliyun's percent-encoding (RFC 3986 unreserved set kept, everything else `%XY` in upper case):
 * a space is `%20` (never `+`), `*` is `%2A`, `~` stays `~`.
 */
export function percentEncode(value: string): string {
  // encodeURIComponent already leaves exactly A-Z a-z 0-9 - _ . ! ~ * ' ( ) unescaped;
  // Aliyun wants ! ' ( ) * escaped too.
  return encodeURIComponent(value).replace(/[!'()*]/g, escapeReserved);
}

function escapeReserved(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}
