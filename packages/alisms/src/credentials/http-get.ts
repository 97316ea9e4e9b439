import { nodeBuiltin } from '../core/node-builtin.js';

/** One small HTTP exchange for the metadata and URI providers. */
export interface SmallRequest {
  url: URL;
  method?: 'GET' | 'PUT';
  headers?: Record<string, string>;
  /** ms to establish the TCP connection. */
  connectTimeoutMs: number;
  /** ms of silence allowed once connected. */
  readTimeoutMs: number;
}

export interface SmallResponse {
  status: number;
  body: string;
}

/** Metadata and credential answers are a few hundred bytes; refuse to buffer a runaway body. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Sends one request on a fresh connection (no shared keep-alive agent, so nothing lingers) and
 * buffers the answer. Rejects with a plain `Error` naming the failure (timeout, refused, too large);
 * callers wrap it in a `CredentialsSourceError` that names the source.
 */
export function smallRequest(req: SmallRequest): Promise<SmallResponse> {
  const send = nodeBuiltin(req.url.protocol === 'https:' ? 'node:https' : 'node:http').request;
  return new Promise((resolve, reject) => {
    let connectTimer: NodeJS.Timeout | undefined;
    const outgoing = send(req.url, { method: req.method ?? 'GET', headers: req.headers ?? {}, agent: false });
    const fail = (message: string) => outgoing.destroy(new Error(message));
    outgoing.on('socket', (socket) => {
      const startReadTimer = () => {
        socket.setTimeout(req.readTimeoutMs, () => fail(`read timed out after ${req.readTimeoutMs} ms`));
      };
      if (!socket.connecting) return startReadTimer();
      connectTimer = setTimeout(() => fail(`connect timed out after ${req.connectTimeoutMs} ms`), req.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(connectTimer);
        startReadTimer();
      });
    });
    outgoing.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(error);
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) return fail(`response body larger than ${MAX_BODY_BYTES} bytes`);
        chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('end', () => {
        clearTimeout(connectTimer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.end();
  });
}
