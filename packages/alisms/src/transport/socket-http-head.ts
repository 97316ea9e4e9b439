import { TransportError } from './errors/transport-error.js';
import type { HttpRequest } from './http-types.js';

const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
/** A header name is a token (RFC 9110 §5.1): no space, colon or control character that could forge another header. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What node:http also refuses in a request target: spaces and control characters would split the request line. */
const INVALID_PATH_CHAR = /[^\x21-\xff]/;

/** The request head and body as written: refuses header values that would split the head. */
export function requestHead(r: HttpRequest): string {
  if (INVALID_PATH_CHAR.test(r.path))
    throw new TransportError('Invalid character in the request path', {
      code: 'ERR_UNESCAPED_CHARACTERS',
      requestSent: false,
    });
  let head = `${r.method} ${r.path} HTTP/1.1\r\n`;
  const headers = r.headers;
  let hasLength = false;
  for (const name in headers) {
    if (name.length === 14 && name.toLowerCase() === 'content-length') hasLength = true;
    const value = headers[name] as string;
    if (INVALID_HEADER_CHAR.test(value) || !HEADER_NAME.test(name))
      throw new TransportError(`Invalid character in header ${JSON.stringify(name)}`, {
        code: 'ERR_INVALID_CHAR',
        requestSent: false,
      });
    head += `${name}: ${value}\r\n`;
  }
  // The signers always give a length; a hand-built request may not.
  if (!hasLength) head += `content-length: ${r.body === undefined ? 0 : Buffer.byteLength(r.body)}\r\n`;
  return `${head}connection: keep-alive\r\n\r\n`;
}

/**
 * Idle time to allow from a `Keep-Alive: timeout=N` header (N in seconds): one second less, as a
 * margin for the server's timer and the network; half of it when N is under 2 s.
 */
export function keepAliveMs(hint: string | string[]): number | undefined {
  const match = /(?:^|[\s,])timeout=(\d+)/i.exec(String(hint));
  if (!match) return undefined;
  const ms = Number(match[1]) * 1000;
  return ms >= 2000 ? ms - 1000 : ms / 2;
}
