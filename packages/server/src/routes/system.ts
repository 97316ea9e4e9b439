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

/**
 * `/healthz` (the process answers: a liveness probe), `/readyz` (Redis and the receipt store answer and the
 * configuration is loaded: a readiness probe), `/metrics` and `/openapi.json`: no API key, so probes and
 * scrapers need no secret. Liveness does not look at Redis, so that a Redis outage takes instances out of
 * the load balancer (readiness) without getting every one of them restarted.
 */
export function registerSystemRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  let openapi: string | undefined;

  app.get('/healthz', (c) => {
    c.set('route', '/healthz');
    return c.json({ status: 'ok' as const }, 200);
  });

  app.get('/readyz', async (c) => {
    c.set('route', '/readyz');
    const entries = [
      { name: 'receipts', check: () => deps.receipts.ping() },
      ...deps.health.map((h) => ({ name: h.name, check: () => h.check() })),
    ];
    const results = await Promise.all(entries.map(async (e) => [e.name, await probe(e.check)] as const));
    const ready = deps.ready();
    const checks = {
      config: ready ? 'ok' : 'down',
      ...Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'ok' : 'down'])),
    };
    const healthy = ready && results.every(([, ok]) => ok);
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
