import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

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
  /**
   * Stops accepting, ends idle keep-alive connections and waits for requests in flight; past `deadlineMs`
   * it cuts the connections still open. @default no deadline
   */
  close(deadlineMs?: number): Promise<void>;
}

function notReady(): Response {
  return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'starting' } }), {
    status: 503,
    headers: { 'content-type': 'application/json' },
  });
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
    if (mounted?.handles(req.method ?? 'GET', pathname)) {
      void Promise.resolve(mounted.handle(req, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
      return;
    }
    void listener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
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
    close(deadlineMs = Number.POSITIVE_INFINITY) {
      return new Promise<void>((resolve) => {
        const cut = Number.isFinite(deadlineMs)
          ? setTimeout(() => server.closeAllConnections(), deadlineMs)
          : undefined;
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
