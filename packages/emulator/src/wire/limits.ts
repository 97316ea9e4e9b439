import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Longest request line plus headers accepted, in bytes. Node's default is 16 KiB, but a SendSms to the
 * documented maximum of 1,000 numbers, as the official clients send it (`+86…` percent-encoded in the
 * query string), is about 19 KiB; 64 KiB leaves room for long parameter values and V3 headers.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

/** Most parameters one request may carry (query and form together); Aliyun's actions take a few dozen. */
export const MAX_PARAMS = 1000;

/** Longest string-to-sign echoed in a `SignatureDoesNotMatch` message (a 1,000-number send fits). */
export const MAX_ECHO_CHARS = 32 * 1024;

/** Cuts `text` to {@link MAX_ECHO_CHARS}, saying how much was left out. */
export function truncateEcho(text: string): string {
  if (text.length <= MAX_ECHO_CHARS) return text;
  return `${text.slice(0, MAX_ECHO_CHARS)}…[${text.length - MAX_ECHO_CHARS} more characters]`;
}

const REASONS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'RequestHeaderFieldsTooLarge',
    `The request line and headers exceed ${MAX_HEADER_BYTES} bytes.`,
  ],
};

/**
 * Answers a request node:http could not parse (headers too large, a malformed request) with an
 * Aliyun-shaped JSON error instead of Node's bare status line with an empty body.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, code, message] = REASONS[error.code ?? ''] ?? [400, 'BadRequest', 'The request is not valid HTTP.'];
    const body = JSON.stringify({ RequestId: '', HostId: '', Code: code, Message: message });
    socket.end(
      `HTTP/1.1 ${status} ${code}\r\ncontent-type: application/json;charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}

/** Counts `&`-separated pairs without splitting, so an oversized request is refused before it is parsed. */
export function countParams(text: string): number {
  if (!text) return 0;
  let n = 1;
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) n++;
  return n;
}
