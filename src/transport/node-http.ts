import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { AlismsError } from '../core/errors.js';
import { TimeoutError } from './errors/timeout-error.js';
import { TransportError } from './errors/transport-error.js';
import type { HttpResponse, HttpTransport } from './http-types.js';

export interface NodeHttpTransportOptions {
  /** Most sockets open at once per host; further calls queue in the agent. @default 64 */
  maxSockets?: number;
}

/** A keep-alive transport over `node:http` / `node:https`, plus `close()` to drop its idle sockets. */
export interface NodeHttpTransport {
  send: HttpTransport;
  /** Destroys every socket of the agents; in-flight calls fail. */
  close(): void;
}

/**
 * Keep-alive connections with separate connect and read timers. Not global fetch: node:http with a
 * keep-alive agent measured several times faster per request here.
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): NodeHttpTransport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  const send: HttpTransport = (r) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const https = r.protocol === 'https:';
      if (r.signal?.aborted) {
        reject(new TransportError('Aborted before sending', { code: 'ABORT_ERR', requestSent: false }));
        return;
      }
      // Set once the socket is connected: from then on, bytes of this request may reach the server.
      let requestSent = false;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        cleanup();
        reject(
          error instanceof AlismsError
            ? error
            : new TransportError(`${describe(error)} (${r.method} ${r.hostname}:${r.port})`, {
                code: (error as NodeJS.ErrnoException).code ?? 'ALISMS_TRANSPORT_ERROR',
                requestSent,
                cause: error,
              }),
        );
      };
      const onAbort = (): void => {
        req.destroy(new TransportError('Aborted by the caller', { code: 'ABORT_ERR', requestSent }));
      };
      const cleanup = (): void => {
        if (timer) clearTimeout(timer);
        r.signal?.removeEventListener('abort', onAbort);
      };
      // One timer per phase, armed when the socket is handed over: a reused keep-alive socket (the
      // common case) starts the read timer at once; a new one runs the connect timer until it connects.
      // Time spent queued for a free socket (maxSockets) is bounded by the other calls' timers.
      const connected = (): void => {
        requestSent = true;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => req.destroy(new TimeoutError('read', r.readTimeout)), r.readTimeout);
      };
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          settled = true;
          cleanup();
          const buf = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buf.toString('utf8') });
        });
      };
      const req = (https ? httpsRequest : httpRequest)(
        {
          agent: https ? httpsAgent : httpAgent,
          hostname: r.hostname,
          port: r.port,
          method: r.method,
          path: r.path,
          // A flat [name, value, …] list skips node's per-header setHeader bookkeeping.
          headers: flatHeaders(r.headers),
        },
        onResponse,
      );
      r.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('socket', (socket: Socket) => {
        if (!socket.connecting) return connected();
        timer = setTimeout(() => req.destroy(new TimeoutError('connect', r.connectTimeout)), r.connectTimeout);
        socket.once(https ? 'secureConnect' : 'connect', connected);
      });
      req.on('error', fail);
      // Backstop: the connection closed without an error event or a complete answer.
      req.on('close', () => fail(new Error('Connection closed before the answer was complete')));
      req.end(r.body);
    });
  return {
    send,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function flatHeaders(headers: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const name in headers) out.push(name, headers[name] as string);
  return out;
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'Connection refused; nothing was sent';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Host name could not be resolved; nothing was sent';
  if (code === 'ECONNRESET') return 'Connection reset';
  return error.message || 'Network error';
}
