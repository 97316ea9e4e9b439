import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { AlismsError } from 'alisms';

/** A node:http handler mounted beside the API on the same port (the emulator in `--emulator` mode). */
export interface MountedHandler {
  handles(method: string, pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

/** A listening service; `setFetch` / `setMounted` swap what answers (the composition root needs the URL first). */
export interface ListeningServer {
  readonly url: string;
  readonly server: Server;
  setFetch(fetch: (request: Request, env: unknown) => Response | Promise<Response>): void;
  setMounted(handler: MountedHandler | undefined): void;
  /** Stops accepting, ends idle keep-alive connections and waits for the rest. */
  close(): Promise<void>;
}

function notReady(): Response {
  return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'starting' } }), {
    status: 503,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * The service could not listen: the port is taken (`EADDRINUSE`) or needs privileges (`EACCES`). The
 * message names the address and how to choose another port.
 */
export class PortUnavailableError extends AlismsError {
  override name = 'PortUnavailableError';
  readonly port: number;
  readonly host: string;

  constructor(where: { host: string; port: number }, cause: NodeJS.ErrnoException) {
    const why =
      cause.code === 'EACCES'
        ? `needs privileges to listen on ${where.host}:${where.port}`
        : `${where.host}:${where.port} is already in use (another alisms serve or emulator?)`;
    super(
      `cannot listen: ${why}. Stop the other process, or choose another port: --port ${where.port === 8080 ? 8081 : where.port + 1} ` +
        '(or server.port in the config file, or ALISMS_PORT); --port 0 picks a free one.',
      { code: cause.code === 'EACCES' ? 'ALISMS_PORT_FORBIDDEN' : 'ALISMS_PORT_IN_USE', cause },
    );
    this.port = where.port;
    this.host = where.host;
  }
}

/**
 * Listens on `host:port` (port 0 picks a free one) and answers with the mounted handler when it claims
 * the request, otherwise with the Web-standard fetch handler (Hono's `app.fetch`).
 */
export async function listen(options: { host: string; port: number }): Promise<ListeningServer> {
  let fetch: (request: Request, env: unknown) => Response | Promise<Response> = notReady;
  let mounted: MountedHandler | undefined;
  let listener = getRequestListener((request, env) => fetch(request, env));
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    // A bare `GET /` is the service's index page; Aliyun RPC calls to `/` always carry a query or a body.
    const index = req.method === 'GET' && req.url === '/';
    if (!index && mounted?.handles(req.method ?? 'GET', pathname)) {
      void Promise.resolve(mounted.handle(req, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
      return;
    }
    void listener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortUnavailableError(options, error) : error);
    server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // A wildcard bind is reached (and printed) through loopback; the SDK in --emulator mode uses this URL.
  const bound = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const host = bound.includes(':') ? `[${bound}]` : bound;
  return {
    url: `http://${host}:${address.port}`,
    server,
    setFetch(next) {
      fetch = next;
      listener = getRequestListener((request, env) => fetch(request, env));
    },
    setMounted(handler) {
      mounted = handler;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
