import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The page's files, shipped beside this module (the build copies them to dist unchanged). */
const ASSETS: Record<string, { file: string; type: string }> = {
  '': { file: 'index.html', type: 'text/html; charset=utf-8' },
  'index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  'inbox.js': { file: 'inbox.js', type: 'text/javascript; charset=utf-8' },
  'data.js': { file: 'data.js', type: 'text/javascript; charset=utf-8' },
  'dom.js': { file: 'dom.js', type: 'text/javascript; charset=utf-8' },
  'messages.js': { file: 'messages.js', type: 'text/javascript; charset=utf-8' },
  'api.js': { file: 'api.js', type: 'text/javascript; charset=utf-8' },
  'dialogs.js': { file: 'dialogs.js', type: 'text/javascript; charset=utf-8' },
  'faults.js': { file: 'faults.js', type: 'text/javascript; charset=utf-8' },
  'keyboard.js': { file: 'keyboard.js', type: 'text/javascript; charset=utf-8' },
  'thread.js': { file: 'thread.js', type: 'text/javascript; charset=utf-8' },
  'inbox.css': { file: 'inbox.css', type: 'text/css; charset=utf-8' },
  'messages.css': { file: 'messages.css', type: 'text/css; charset=utf-8' },
  'controls.css': { file: 'controls.css', type: 'text/css; charset=utf-8' },
  'favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

const PREFIX = '/_emulator/';

// Mail HTML is shown only inside a sandboxed srcdoc iframe, which inherits this policy: inline
// styles stay allowed so mails look right, scripts never run, and nothing is sent anywhere. Remote
// images stay blocked here; the per-mail toggle loads the body from `api/messages/{id}/html` instead,
// a document with its own policy (see inspect/messages-api.ts).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Serves the inbox page (`GET /_emulator/`) and its static files. Returns false for anything it
 * does not own (including `/_emulator/api/*`), so the emulator can route the request elsewhere.
 *
 * @example
 * if (serveInbox(req, res, url.pathname)) return;
 */
export function serveInbox(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (pathname === '/_emulator') {
    res.writeHead(308, { location: PREFIX }).end();
    return true;
  }
  if (!pathname.startsWith(PREFIX) || pathname === '/_emulator/api' || pathname.startsWith('/_emulator/api/')) {
    return false;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method Not Allowed\n');
    return true;
  }
  const asset = Object.hasOwn(ASSETS, pathname.slice(PREFIX.length))
    ? ASSETS[pathname.slice(PREFIX.length)]
    : undefined;
  if (!asset) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found\n');
    return true;
  }
  readFile(new URL(`./assets/${asset.file}`, import.meta.url)).then(
    (body) => {
      res.writeHead(200, {
        'content-type': asset.type,
        'content-length': body.length,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-security-policy': CSP,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
    () => {
      // Only a broken install lands here (assets not copied beside the compiled module).
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('inbox assets missing\n');
    },
  );
  return true;
}
