import type { IncomingMessage } from 'node:http';

/** Largest body accepted (Direct Mail HTML bodies can reach several MB). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Reads the whole body (Content-Length or chunked alike); rejects past {@link MAX_BODY_BYTES}. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    req.on('error', reject);
    // A client that hangs up mid-body never sends 'end': settle instead of waiting forever.
    req.on('close', () => {
      if (!ended) reject(new Error('the client closed the connection before the body was complete'));
    });
  });
}
