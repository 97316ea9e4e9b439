// The facade may import only core, sms and mail, so the few lines of RPC v1 canonicalisation that
// `generateSignature` needs live here; the tests hold them to the same official vectors as `src/sign`.

/** RFC 3986 encoding as Aliyun wants it: space `%20`, `*` `%2A`, `~` kept, `!'()` escaped. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `METHOD&encode(url)&encode(sorted name=value pairs)`, leaving out any `Signature` parameter. */
export function rpcStringToSign(
  params: Readonly<Record<string, string | number>>,
  method: string,
  url: string,
): string {
  const names = Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const query = names.map((name) => `${encode(name)}=${encode(String(params[name]))}`).join('&');
  return `${method.toUpperCase()}&${encode(url)}&${encode(query)}`;
}
