import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { buildOpenApiDocument } from '../openapi.js';

const HEALTH_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().then((r) => r !== false), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `/healthz`, `/metrics` and `/openapi.json`: no API key, so probes and scrapers need no secret. */
export function registerSystemRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  let openapi: string | undefined;

  app.get('/healthz', async (c) => {
    c.set('route', '/healthz');
    const entries = [
      { name: 'receipts', check: () => deps.receipts.ping() },
      ...deps.health.map((h) => ({ name: h.name, check: () => h.check() })),
    ];
    const results = await Promise.all(entries.map(async (e) => [e.name, await probe(e.check)] as const));
    const checks = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'ok' : 'down']));
    const healthy = results.every(([, ok]) => ok);
    return c.json({ status: healthy ? 'ok' : 'unavailable', checks }, healthy ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    c.set('route', '/metrics');
    const text = await deps.metrics.registry.metrics();
    return c.body(text, 200, { 'Content-Type': deps.metrics.registry.contentType });
  });

  app.get('/openapi.json', (c) => {
    c.set('route', '/openapi.json');
    openapi ??= JSON.stringify(buildOpenApiDocument());
    return c.body(openapi, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
}
