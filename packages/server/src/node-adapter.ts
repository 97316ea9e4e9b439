import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';

/** A Web-standard handler such as `createApp(...).fetch`; `env.incoming` carries the Node request. */
export type FetchHandler = (
  request: Request,
  env: { incoming: IncomingMessage; outgoing: ServerResponse },
) => Response | Promise<Response>;

/** A node:http style handler: what Express middleware and Fastify's `request.raw` / `reply.raw` speak. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * A path prefix removed from `req.url` before the handler sees it, for hosts that do not strip their
   * mount path themselves (Fastify). Express's `app.use('/otp', …)` strips it already: leave this unset.
   * @default none
   */
  basePath?: string;
}

const BODY_ALREADY_READ = JSON.stringify({
  error: {
    code: 'body_already_read',
    message:
      'The request body was read before the alisms handler ran; mount it before any body parser (express.json(), a Fastify content-type parser)',
  },
});

// A body parser that ran first has drained the stream: the handler would see an empty body and answer
// "invalid JSON", which hides the real mistake. A Buffer left as `rawBody` or `body` is the raw bytes
// (express.raw(), Fastify's buffer parser) and is passed through as is — never parsed twice.
function prepareBody(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  const host = req as IncomingMessage & { rawBody?: unknown; body?: unknown };
  if (host.rawBody instanceof Buffer) return true;
  if (host.body instanceof Buffer) {
    host.rawBody = host.body;
    return true;
  }
  return !req.readableEnded;
}

/**
 * Turns a Web-standard `Request → Response` handler into a node:http handler, for mounting the service
 * inside Express or Fastify. The request body is streamed to the handler untouched (mount it before any
 * JSON body parser); status, headers and body of the `Response` are written to `res` as they are.
 * The Node request is passed on as `env.incoming`, so the client address comes from its socket.
 *
 * @example
 * // Express: the mount path is stripped by Express
 * expressApp.use('/otp', toNodeHandler(api.fetch));
 * // Fastify: hijack the reply and remove the prefix here
 * const otp = toNodeHandler(api.fetch, { basePath: '/otp' });
 */
export function toNodeHandler(fetch: FetchHandler, options: NodeHandlerOptions = {}): NodeHandler {
  const basePath = options.basePath?.replace(/\/+$/, '') ?? '';
  // Leaves the process's global Request/Response alone: a library must not swap them under its host.
  const listener = getRequestListener((request, env) => fetch(request, env as Parameters<FetchHandler>[1]), {
    overrideGlobalObjects: false,
  });
  return async (req, res) => {
    if (!prepareBody(req)) {
      res.writeHead(500, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(BODY_ALREADY_READ),
      });
      res.end(BODY_ALREADY_READ);
      return;
    }
    const url = req.url ?? '/';
    if (basePath !== '' && (url === basePath || url.startsWith(`${basePath}/`) || url.startsWith(`${basePath}?`))) {
      const rest = url.slice(basePath.length);
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
    }
    await listener(req, res);
  };
}
