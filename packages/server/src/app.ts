import { type Clock, systemClock } from 'alisms';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createApiKeyCheck } from './auth.js';
import { parseTrustedProxies, resolveClientIp, type TrustedProxies } from './client-ip.js';
import { type AppDeps, type AppEnv, errorJson } from './context.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type ServerMetrics } from './metrics.js';
import type { HealthCheck, VerificationService } from './ports.js';
import type { DeliveryStatus, ReceiptEvent, ReceiptStore } from './receipts/types.js';
import { registerIndexRoute } from './routes/index-page.js';
import { registerReceiptRoutes } from './routes/receipts.js';
import { registerSystemRoutes } from './routes/system.js';
import { registerVerificationRoutes } from './routes/verifications.js';

/** Options of {@link createApp}. */
export interface AppOptions {
  /** The verification-code service (`alisms/otp` through `fromOtpService`, or your own). */
  verifications: VerificationService;
  /** Where delivery statuses live. */
  receipts: ReceiptStore;
  /** Accepted `Authorization: Bearer` keys. @default [] */
  apiKeys?: readonly string[];
  /** With no API keys configured, let every request in (the `--emulator` dev mode); otherwise every request is refused. @default false */
  allowAnonymous?: boolean;
  /** Proxies whose `X-Forwarded-For` is believed: addresses, CIDRs, `loopback`, `private`. @default [] */
  trustProxy?: readonly string[] | TrustedProxies;
  /** Secret the receipt push URL must carry as `?token=`. @default none (open) */
  receiptToken?: string;
  logger?: Logger;
  metrics?: ServerMetrics;
  /** Extra `/healthz` checks, e.g. Redis. */
  health?: HealthCheck[];
  clock?: Clock;
  /** Called once per new delivery status or MO reply (not for duplicates). */
  onReceipt?: (event: ReceiptEvent) => void | Promise<void>;
  /** Feeds new statuses to bulk jobs' results. */
  applyBulkReceipts?: (statuses: DeliveryStatus[]) => Promise<void>;
  /**
   * The TCP peer of a request. Default: the Node socket that `@hono/node-server` passes as `env.incoming`;
   * when mounted elsewhere without it, the client address is unknown unless this is given.
   */
  socketAddress?: (c: Context) => string | undefined;
  /** Where the emulator's inbox is mounted on the same port, linked from `GET /`. @default none */
  inboxPath?: string;
}

function defaultSocketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

const PROTECTED = [/^\/v1\/verifications(\/|$)/, /^\/v1\/messages\//];

/**
 * The HTTP API as a Hono app. `app.fetch` is a Web-standard `Request → Response` handler, so the same
 * endpoints mount inside Express, Fastify or another Hono app; `alisms serve` runs it on node:http.
 *
 * @example
 * const app = createApp({ verifications, receipts: createMemoryReceiptStore(), apiKeys: ['k1'] });
 * const res = await app.request('/healthz');
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const logger = options.logger ?? createLogger();
  const deps: AppDeps = {
    verifications: options.verifications,
    receipts: options.receipts,
    auth: createApiKeyCheck(options.apiKeys ?? [], { allowAnonymous: options.allowAnonymous ?? false }),
    trusted: Array.isArray(options.trustProxy)
      ? parseTrustedProxies(options.trustProxy)
      : ((options.trustProxy as TrustedProxies | undefined) ?? parseTrustedProxies([])),
    logger,
    metrics: options.metrics ?? createMetrics(),
    health: options.health ?? [],
    clock: options.clock ?? systemClock,
    receiptToken: options.receiptToken,
    onReceipt: options.onReceipt,
    applyBulkReceipts: options.applyBulkReceipts,
    socketAddress: options.socketAddress ?? defaultSocketAddress,
  };
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('route', 'other');
    c.set('clientIp', resolveClientIp(deps.socketAddress(c), c.req.header('x-forwarded-for'), deps.trusted));
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = c.get('route');
    deps.metrics.httpDuration.observe({ route, method: c.req.method, status: String(c.res.status) }, seconds);
    if (route === '/metrics' || route === '/healthz') return;
    logger.info(
      {
        method: c.req.method,
        route,
        status: c.res.status,
        ms: Math.round(seconds * 1000),
        ip: c.get('clientIp'),
        to: c.get('logTo'),
      },
      'request',
    );
  });

  app.use('*', async (c, next) => {
    if (!PROTECTED.some((p) => p.test(c.req.path)) || deps.auth.check(c.req.header('authorization'))) return next();
    c.header('WWW-Authenticate', 'Bearer');
    return c.json(errorJson('unauthorized', 'send a configured API key as "Authorization: Bearer <key>"'), 401);
  });

  app.use(
    '/v1/*',
    bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json(errorJson('invalid_body', 'body too large'), 413) }),
  );

  registerVerificationRoutes(app, deps);
  registerReceiptRoutes(app, deps);
  registerSystemRoutes(app, deps);
  registerIndexRoute(app, { inboxPath: options.inboxPath });

  app.notFound((c) => c.json(errorJson('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    logger.error({ err: error.message, name: error.name, route: c.get('route') }, 'unhandled error');
    return c.json(errorJson('internal', 'internal error'), 500);
  });
  return app;
}
