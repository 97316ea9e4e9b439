import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { JSON_CONTENT_TYPE } from '../wire/respond.js';

/** Every path the guard covers: the inbox page and the inspection API, present and future. */
export function isInspectionPath(pathname: string): boolean {
  return pathname === '/_emulator' || pathname.startsWith('/_emulator/');
}

/** The host name of a `Host` header: `[::1]:8787` → `::1`, `Localhost.:80` → `localhost`. */
function hostName(host: string): string {
  const text = host.trim().toLowerCase();
  const name = text.startsWith('[') ? text.slice(1, text.indexOf(']')) : text.replace(/:\d*$/, '');
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function isLoopback(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '::ffff:127.0.0.1';
}

function refuse(res: ServerResponse, status: number, error: string): false {
  const text = JSON.stringify({ error });
  res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) }).end(text);
  return false;
}

/**
 * The one middleware in front of every `/_emulator` route. The inbox and the API show every code, so:
 * - DNS rebinding: a foreign page whose name resolves to 127.0.0.1 sends its own `Host`. Only a loopback
 *   name or address, or a host listed in `allowedHosts`, is answered (403 otherwise), as Mailpit and Vite do.
 * - CSRF: a page can POST `text/plain` or a form cross-site without a preflight. Requests that change state
 *   must be `application/json` (415 otherwise); a browser sends JSON cross-site only after a CORS preflight,
 *   which the emulator never grants. DELETE and PUT always need that preflight.
 * Returns true when the request may go on; otherwise it has been answered.
 */
export function guardInspection(req: IncomingMessage, res: ServerResponse, allowedHosts: readonly string[]): boolean {
  const host = req.headers.host;
  // HTTP/1.0 tools may omit Host; a browser never does, so a missing Host is no rebinding attack.
  if (host !== undefined) {
    const name = hostName(host);
    if (!isLoopback(name) && !allowedHosts.some((h) => h.toLowerCase() === name))
      return refuse(
        res,
        403,
        `Host "${name}" is not allowed: open the inbox as localhost/127.0.0.1, or start the emulator with --allowed-hosts ${name}`,
      );
  }
  const method = req.method ?? 'GET';
  if (method === 'POST' || method === 'PATCH') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return refuse(res, 415, 'send the body as JSON (Content-Type: application/json)');
  }
  return true;
}
