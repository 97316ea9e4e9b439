import { type Clock, systemClock } from 'alisms';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createApiKeyCheck, type OwnedApiKey } from './auth.js';
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
  /**
   * Other services on the same deployment (per-tenant services): a request carrying one of a service's keys is
   * handled by its `verifications`; the top-level `apiKeys` select `verifications`. @default []
   */
  services?: readonly { name: string; apiKeys: readonly string[]; verifications: VerificationService }[];
  /** With no API keys configured, let every request in (the `--emulator` dev mode); otherwise every request is refused. @default false */
  allowAnonymous?: boolean;
  /** Proxies whose `X-Forwarded-For` is believed: addresses, CIDRs, `loopback`, `private`. @default [] */
  trustProxy?: readonly string[] | TrustedProxies;
  /**
   * Secret the receipt push URL must carry as `?token=`. With API keys configured and no token, the receipt
   * push endpoints are off (404): an open push URL would let anyone forge delivery statuses. @default none
   */
  receiptToken?: string;
  /**
   * Networks receipt pushes may come from (addresses, CIDRs, `loopback`, `private`), matched against the client
   * address (after `trustProxy`); others get 403. @default [] (any source)
   */
  receiptSources?: readonly string[];
  logger?: Logger;
  metrics?: ServerMetrics;
  /** Extra `/readyz` checks, e.g. Redis. */
  health?: HealthCheck[];
  /**
   * Whether to take traffic (`/readyz` answers 503 otherwise): `alisms serve` says no while it drains on
   * SIGTERM. @default always
   */
  ready?: () => boolean;
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

/** `application/json` or a `+json` type, with any parameters (`; charset=utf-8`). */
function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type);
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
  const services = options.services ?? [];
  const owned: OwnedApiKey[] = services.flatMap((s) => s.apiKeys.map((key) => ({ key, owner: s.name })));
  const auth = createApiKeyCheck([...(options.apiKeys ?? []), ...owned], {
    allowAnonymous: options.allowAnonymous ?? false,
  });
  const deps: AppDeps = {
    verifications: options.verifications,
    services: new Map(services.map((s) => [s.name, s.verifications])),
    receipts: options.receipts,
    auth,
    trusted: Array.isArray(options.trustProxy)
      ? parseTrustedProxies(options.trustProxy)
      : ((options.trustProxy as TrustedProxies | undefined) ?? parseTrustedProxies([])),
    logger,
    metrics: options.metrics ?? createMetrics(),
    health: options.health ?? [],
    ready: options.ready ?? (() => true),
    clock: options.clock ?? systemClock,
    receiptToken: options.receiptToken,
    // Open pushes only in the keyless dev mode (`--emulator`); a production service needs the token.
    receiptsEnabled: options.receiptToken !== undefined || !auth.required,
    receiptSources: options.receiptSources?.length
      ? parseTrustedProxies(options.receiptSources, 'receipts.allowedSources')
      : undefined,
    onReceipt: options.onReceipt,
    applyBulkReceipts: options.applyBulkReceipts,
    socketAddress: options.socketAddress ?? defaultSocketAddress,
  };
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('route', 'other');
    c.set('service', 'default');
    c.set('clientIp', resolveClientIp(deps.socketAddress(c), c.req.header('x-forwarded-for'), deps.trusted));
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = c.get('route');
    deps.metrics.httpDuration.observe({ route, method: c.req.method, status: String(c.res.status) }, seconds);
    if (route === '/metrics' || route === '/healthz' || route === '/readyz') return;
    logger.info(
      {
        method: c.req.method,
        route,
        status: c.res.status,
        ms: Math.round(seconds * 1000),
        ip: c.get('clientIp'),
        to: c.get('logTo'),
        ...(c.get('service') === 'default' ? {} : { service: c.get('service') }),
      },
      'request',
    );
  });

  app.use('*', async (c, next) => {
    if (!PROTECTED.some((p) => p.test(c.req.path))) return next();
    const service = deps.auth.identify(c.req.header('authorization'));
    if (service !== undefined) {
      c.set('service', service);
      return next();
    }
    c.header('WWW-Authenticate', 'Bearer');
    return c.json(errorJson('unauthorized', 'send a configured API key as "Authorization: Bearer <key>"'), 401);
  });

  // A web page can POST text/plain cross-site without a preflight (CSRF): only JSON is accepted.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST' || !/^\/v1\/verifications(\/|$)/.test(c.req.path)) return next();
    if (isJson(c.req.header('content-type'))) return next();
    return c.json(errorJson('unsupported_media_type', 'send the body as JSON (Content-Type: application/json)'), 415);
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
