import { VERSION } from 'alisms';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** What `GET /` links to; the inbox only when the emulator is mounted on the same port. */
interface IndexLinks {
  inboxPath?: string | undefined;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * `GET /`: where a person (or a script) who opens the service's address finds the API, its OpenAPI
 * document, the probes and, in `--emulator` mode, the inbox. JSON by default; a small page for a browser.
 */
export function registerIndexRoute(app: Hono<AppEnv>, links: IndexLinks): void {
  const endpoints: Record<string, string> = {
    send: 'POST /v1/verifications',
    check: 'POST /v1/verifications/check',
    openapi: '/openapi.json',
    health: '/healthz',
    ready: '/readyz',
    metrics: '/metrics',
    ...(links.inboxPath ? { inbox: links.inboxPath } : {}),
  };
  const body = { service: 'alisms', version: VERSION, endpoints };
  const rows = Object.entries(endpoints).map(([name, target]) => {
    const path = target.replace(/^POST /, '');
    const cell = target.startsWith('POST ')
      ? `POST <code>${escapeHtml(path)}</code>`
      : `<a href="${escapeHtml(path)}">${escapeHtml(path)}</a>`;
    return `<tr><th>${escapeHtml(name)}</th><td>${cell}</td></tr>`;
  });
  const page =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    `<title>alisms ${escapeHtml(VERSION)}</title><style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:40rem}` +
    'th{text-align:left;padding-right:1rem;font-weight:600}code{font-size:14px}</style></head><body>' +
    `<h1>alisms ${escapeHtml(VERSION)}</h1><p>The verification-code service. Send a code, then check it:</p>` +
    `<table>${rows.join('')}</table></body></html>`;

  app.get('/', (c) => {
    c.set('route', '/');
    const accept = c.req.header('accept') ?? '';
    if (/text\/html/.test(accept) && !/application\/json/.test(accept)) return c.html(page);
    return c.json(body);
  });
}
