import { randomBytes } from 'node:crypto';
import {
  connectRedis,
  createMemoryOtpStore,
  createRedisOtpStore,
  defaultPhoneRules,
  type OtpStore,
  type PhoneRules,
  type RedisConnection,
} from '@alisms/otp';
import { type Clock, DypnsClient, IntlSmsClient, MailClient, SmsClient, systemClock, toMs } from 'alisms';
import { type AlertListener, createAlertHook } from './alerts.js';
import { createApp } from './app.js';
import { ConfigError } from './config/config-error.js';
import type { ServeConfig } from './config/schema.js';
import { createConversionReporter } from './conversions.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { listen, type MountedHandler } from './node-server.js';
import { createMemoryReceiptStore } from './receipts/memory-store.js';
import { startReceiptPoller } from './receipts/poller.js';
import { createRedisReceiptStore } from './receipts/redis-store.js';
import { publicStatus, type ReceiptEvent, type ReceiptStore, reportEvent } from './receipts/types.js';
import { redisTargetFrom, replicasFrom } from './redis-target.js';
import { buildServiceVerifications, type ServiceOtpDeps } from './service-otp.js';
import { type ResolvedService, resolveServices } from './tenants.js';
import { guardTestNumbers } from './test-number-guard.js';
import { subscribeAliyunSpans } from './tracing/aliyun-spans.js';
import { webhookHook } from './webhook.js';
import { createWebhookDispatcher, type WebhookDispatcherOptions } from './webhooks/dispatcher.js';
import { alertWebhook, deliveryWebhook } from './webhooks/events.js';
import { bulkFeed, captchaFrom, dur } from './wiring.js';

/** Built-in test values of the emulator: a request works at once in `--emulator` mode. */
export const EMULATOR_DEFAULTS = {
  accessKeyId: 'testid',
  accessKeySecret: 'testsecret',
  signName: '阿里云短信测试',
  templateCode: 'SMS_154950909',
  mailAccount: 'noreply@alisms.local',
} as const;

/**
 * How SMS codes go out: `sms` (SendSms), `dypns-delivery` (alisms's code through Dypns) or `dypns-verify`
 * (Dypns generates and checks). `verify: dypns` implies Dypns delivery; asking for SendSms with it is an error.
 */
export function smsDeliveryOf(otp: ServeConfig['otp']): 'sms' | 'dypns-delivery' | 'dypns-verify' {
  if (otp.verify === 'dypns') {
    if (otp.delivery === 'sms')
      throw new ConfigError('otp', [
        'otp.delivery: "sms" cannot deliver codes that Dypns generates; with otp.verify "dypns" leave delivery out or set "dypns"',
      ]);
    if (otp.digits > 8) throw new ConfigError('otp', ['otp.digits: Dypns generates 4 to 8 digits; set 8 or fewer']);
    return 'dypns-verify';
  }
  return otp.delivery === 'dypns' ? 'dypns-delivery' : 'sms';
}

/** A running `alisms serve`. */
export interface RunningService {
  /** Base URL of the API (and, in emulator mode, of the emulator). */
  url: string;
  /** The emulator's inbox page, in emulator mode. */
  inboxUrl: string | undefined;
  /** Start-up warnings already logged (dev-mode auth, random OTP secret, unconfigured channels). */
  warnings: string[];
  logger: Logger;
  /**
   * Drains and stops: `/readyz` turns 503, no new connection is accepted, requests in flight finish (up to
   * `server.drainTimeout`, then their connections are cut), then the emulator, the poller and Redis stop.
   */
  close(): Promise<void>;
  /**
   * Applies a new configuration atomically (SIGHUP in `alisms serve`): API keys, limits, OTP settings,
   * sign/templates, mail, captcha, trusted proxies, receipt hooks and webhooks. Requests already running finish
   * with the old one. Throws {@link ConfigError}, keeping the old configuration, when the new one is
   * invalid or changes what needs a restart (listen address, Redis, emulator, OTP secret, log level,
   * receipt polling).
   */
  reload(config: ServeConfig): Promise<void>;
  /**
   * The services in force (`default` first, then `services.<name>`), each with its API keys, templates,
   * limits, test numbers and `webhooks`: where a lifecycle-webhook dispatcher finds each service's subscribers.
   */
  readonly services: readonly ResolvedService[];
}

/** Settings that a reload cannot change; the names of those that differ. */
function restartOnly(current: ServeConfig, next: ServeConfig): string[] {
  const pick = (c: ServeConfig) => ({
    'server.host': c.server.host,
    'server.port': c.server.port,
    'server.drainTimeout': c.server.drainTimeout,
    redis: c.redis,
    emulator: c.emulator,
    emulatorConfig: c.emulatorConfig,
    'otp.secret': c.otp.secret,
    'log.level': c.log.level,
    'receipts.poll': c.receipts.poll,
  });
  const a = pick(current);
  const b = pick(next);
  return (Object.keys(a) as (keyof typeof a)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Options of {@link startService}. */
export interface StartServiceOptions {
  clock?: Clock;
  /** Where JSON logs go (stdout by default). */
  logDestination?: NodeJS.WritableStream & { write(chunk: string): boolean };
  /** Base for relative paths in the configuration. @default process.cwd() */
  cwd?: string;
  /** Called once per new delivery status or MO reply, besides `receipts.webhookUrl`. */
  onReceipt?: (event: ReceiptEvent) => void | Promise<void>;
  /**
   * Called once per alert (`fuse.tripped`, `prefix.capped`), after the `warn` log line and besides
   * `alerts.webhookUrl`: the place for other subscribers such as signed lifecycle webhooks. The second
   * argument names the service that raised it (`{ service: 'default' }` or a `services` key).
   */
  onAlert?: AlertListener;
  /** How webhook retries wait (tests run them at once). @default backoff from 0.5 s up to 5 min, 6 tries */
  webhookRetry?: Pick<WebhookDispatcherOptions, 'schedule' | 'attempts' | 'backoff'>;
}

/**
 * The composition root of `alisms serve`: reads nothing itself (the config is already validated), builds
 * the stores, SDK clients, OTP service and app, listens, and in `--emulator` mode mounts the emulator on
 * the same port with the SDK pointed at it. The emulator is imported only here, and only in that mode.
 *
 * @example
 * ```ts
 * import { loadServeConfig, startService } from '@alisms/server';
 * const config = await loadServeConfig({ emulator: true }, process.env); // flags, env overrides, config file
 * const service = await startService(config);
 * process.once('SIGTERM', () => service.close());
 * ```
 */
export async function startService(config: ServeConfig, options: StartServiceOptions = {}): Promise<RunningService> {
  const clock = options.clock ?? systemClock;
  const warnings: string[] = [];
  const dev = config.emulator;
  const serviceKeys = Object.values(config.services).flatMap((s) => s.apiKeys);
  if (config.server.apiKeys.length === 0 && serviceKeys.length === 0 && !dev)
    throw new ConfigError('server', [
      'server.apiKeys: no API key configured; set server.apiKeys or ALISMS_API_KEYS (or run with --emulator for a dev server)',
    ]);
  const smsDelivery = smsDeliveryOf(config.otp);
  let otpSecret = config.otp.secret;
  if (!otpSecret) {
    if (!dev) throw new ConfigError('otp', ['otp.secret: required (>= 32 characters; env ALISMS_OTP_SECRET)']);
    otpSecret = randomBytes(32).toString('base64');
    warnings.push('otp.secret is not set: using a random one, so codes do not survive a restart');
  }
  const secrets = [
    ...config.server.apiKeys,
    ...serviceKeys,
    otpSecret,
    config.sms.accessKeySecret,
    config.mail.accessKeySecret,
    config.dypns.accessKeySecret,
    config.captcha.secret,
    config.receipts.token,
    ...config.webhooks.map((w) => w.secret),
    ...Object.values(config.services).flatMap((s) => s.webhooks.map((w) => w.secret)),
  ].filter((s): s is string => typeof s === 'string');
  const logger = createLogger({
    level: config.log.level,
    secrets,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });

  // The emulator accepts what Aliyun does: a 1,000-number SendSms has a ~19 KiB query string.
  const EMULATOR_MAX_HEADER_BYTES = 64 * 1024;
  const server = await listen({
    host: config.server.host,
    port: config.server.port,
    ...(dev ? { maxHeaderSize: EMULATOR_MAX_HEADER_BYTES } : {}),
  });
  let ready = false;
  // Stopped in this order: the poller, the emulator (it ends its SSE streams, which would keep the
  // listener open), the listener (in-flight requests finish, up to the drain deadline), then Redis.
  const drainMs = toMs(dur(config.server.drainTimeout));
  const cleanups: { order: number; run: () => Promise<unknown> }[] = [{ order: 2, run: () => server.close(drainMs) }];
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      ready = false;
      logger.info({ drainTimeoutMs: drainMs }, 'draining: no new connections, finishing requests in flight');
      for (const cleanup of cleanups.sort((a, b) => a.order - b.order)) await cleanup.run().catch(() => {});
      logger.info('stopped');
    })();
    return closing;
  };
  const metrics = createMetrics({ defaultMetrics: true });
  // One queue for the life of the process: a SIGHUP swaps the endpoint lists, deliveries already queued go on.
  // Signed with the wall clock whatever `clock` is: receivers refuse timestamps more than 5 min off theirs.
  const webhooks = createWebhookDispatcher({ logger, metrics, ...options.webhookRetry });
  cleanups.push({ order: 2.5, run: () => webhooks.close() });
  // Spans for the Aliyun calls beneath a send; no-ops until the application registers an OpenTelemetry SDK.
  const stopAliyunSpans = subscribeAliyunSpans();
  cleanups.push({ order: 2.5, run: async () => stopAliyunSpans() });
  try {
    let redis: RedisConnection | undefined;
    let otpStore: OtpStore;
    let receipts: ReceiptStore;
    const target = redisTargetFrom(config.redis);
    if (target) {
      // Background reconnect errors are expected while Redis is down; requests fail closed meanwhile.
      const client = connectRedis(target, { onError: () => {} });
      redis = client;
      cleanups.push({ order: 3, run: async () => client.disconnect() });
      otpStore = createRedisOtpStore({
        redis: client,
        prefix: `${config.redis.prefix}otp`,
        replicas: replicasFrom(config.redis),
        replicaTimeout: config.redis.replicaTimeout,
      });
      receipts = createRedisReceiptStore(client, {
        prefix: config.redis.prefix,
        clock,
        maxEntries: config.receipts.maxEntries,
        onEvict: (kind) => metrics.receiptEvictions.inc({ kind }),
      });
    } else {
      otpStore = createMemoryOtpStore();
      receipts = createMemoryReceiptStore({
        clock,
        maxEntries: config.receipts.maxEntries,
        onEvict: (kind) => metrics.receiptEvictions.inc({ kind }),
      });
    }

    let mounted: (MountedHandler & { close(): Promise<void> }) | undefined;
    if (dev) {
      const { answerClientErrors, createEmulator } = await import('@alisms/emulator');
      answerClientErrors(server.server);
      const own = config.emulatorConfig ?? {};
      const pushQuery = config.receipts.token ? `?token=${encodeURIComponent(config.receipts.token)}` : '';
      const emulator = createEmulator({
        clock,
        config: {
          ...own,
          // The emulator pushes receipts to this service unless its own config says otherwise, with the
          // receipt token when one is set (with API keys the push endpoints need it).
          receipts: {
            pushUrl: `${server.url}/v1/receipts/sms-report${pushQuery}`,
            upPushUrl: `${server.url}/v1/receipts/sms-up${pushQuery}`,
            ...((own.receipts as object | undefined) ?? {}),
          },
          ...(config.server.allowedHosts.length ? { allowedHosts: config.server.allowedHosts } : {}),
        },
      });
      mounted = emulator;
      server.setMounted(emulator);
      cleanups.push({ order: 1, run: () => emulator.close() });
    }

    // Everything a SIGHUP may change (keys, limits, templates, captcha, webhooks) is built here, from one
    // validated configuration, into a new app that replaces the old one in one assignment.
    const build = (config: ServeConfig, notes: string[]) => {
      const services = resolveServices(config);
      guardTestNumbers(services, {
        emulator: dev,
        endpoint: config.sms.endpoint ?? process.env.ALISMS_ENDPOINT,
        allowInProduction: config.otp.allowTestNumbersInProduction,
      });
      const sdk = dev
        ? {
            endpoint: server.url,
            accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
            accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
          }
        : {};
      const clientOptions = (c: ServeConfig['sms'] | ServeConfig['mail']) => ({
        ...(c.accessKeyId ? { accessKeyId: c.accessKeyId } : {}),
        ...(c.accessKeySecret ? { accessKeySecret: c.accessKeySecret } : {}),
        ...(c.endpoint ? { endpoint: c.endpoint } : {}),
        ...(c.regionId ? { regionId: c.regionId } : {}),
        ...sdk,
      });
      const timeouts = {
        ...(config.sms.connectTimeout ? { connectTimeout: config.sms.connectTimeout } : {}),
        ...(config.sms.readTimeout ? { readTimeout: config.sms.readTimeout } : {}),
      };
      const sms = new SmsClient({ ...clientOptions(config.sms), ...timeouts });
      const intl = new IntlSmsClient({
        ...clientOptions({ ...config.sms, endpoint: config.sms.intlEndpoint, regionId: config.sms.intlRegionId }),
        ...timeouts,
      });
      const mail = new MailClient(clientOptions(config.mail));
      const dypns =
        smsDelivery === 'sms'
          ? undefined
          : new DypnsClient({
              ...clientOptions(config.sms),
              ...(config.dypns.accessKeyId ? { accessKeyId: config.dypns.accessKeyId } : {}),
              ...(config.dypns.accessKeySecret ? { accessKeySecret: config.dypns.accessKeySecret } : {}),
              ...(config.dypns.endpoint ? { endpoint: config.dypns.endpoint } : {}),
              ...sdk,
            });
      const captcha = captchaFrom(config.captcha);
      const conversions =
        config.otp.reportConversion && smsDelivery === 'sms'
          ? createConversionReporter({
              report: (messageId, conversionTime) => sms.smsConversionIntl({ messageId, conversionTime }),
              phone: { ...defaultPhoneRules, ...(config.otp.phone as Partial<PhoneRules> | undefined) },
              count: (outcome) => metrics.conversions.inc({ outcome }),
              logger,
              clock,
              ttlMs: toMs(dur(config.otp.ttl)),
            })
          : undefined;
      if (config.otp.reportConversion && smsDelivery !== 'sms')
        notes.push('otp.reportConversion applies to codes sent with otp.delivery: sms; Dypns sends are not reported');

      // One OTP service per configured service: its own templates, limits (namespaced keys) and test numbers;
      // the store, the SDK clients and the captcha are shared.
      const serviceDeps: ServiceOtpDeps = {
        config,
        smsDelivery,
        fallbacks: dev ? EMULATOR_DEFAULTS : {},
        otpSecret,
        otpStore,
        clients: { sms, intl, mail, dypns },
        captcha,
        conversions,
        webhooks,
        receipts,
        clock,
        logger,
        metrics,
        alertHook: (service, endpoints) => {
          const listeners: AlertListener[] = options.onAlert ? [options.onAlert] : [];
          if (endpoints.length)
            listeners.push((alert) => webhooks.publish(endpoints, alertWebhook(alert, clock.now())));
          return createAlertHook({ logger, webhookUrl: config.alerts.webhookUrl, listeners, service });
        },
        notes,
      };
      const [top, ...others] = services.map((svc) => ({
        svc,
        verifications: buildServiceVerifications(svc, serviceDeps),
      }));
      // A delivery status goes to the webhooks of the service that sent the message (sends are tracked with
      // their service when there are named services); messages this deployment did not send, and the
      // top-level service's, go to the top-level receivers. One tenant's receivers never see another's numbers.
      const endpointsOf = new Map(services.map((svc) => [svc.name, svc.webhooks]));

      const hooks: ((event: ReceiptEvent) => Promise<void> | void)[] = [];
      if (config.receipts.webhookUrl) hooks.push(webhookHook(config.receipts.webhookUrl, logger));
      if (options.onReceipt) hooks.push(options.onReceipt);
      if ([...endpointsOf.values()].some((list) => list.length > 0))
        hooks.push((event) => {
          const endpoints = endpointsOf.get((event.type === 'report' && event.service) || 'default') ?? [];
          const webhook = deliveryWebhook(event, clock.now());
          if (webhook && endpoints.length) webhooks.publish(endpoints, webhook);
        });
      const applyBulkReceipts = bulkFeed(config.receipts.bulkResults, options.cwd ?? process.cwd());
      const onReceipt = hooks.length
        ? async (e: ReceiptEvent) => void (await Promise.all(hooks.map((h) => h(e))))
        : undefined;

      const app = createApp({
        verifications: top!.verifications,
        services: others.map(({ svc, verifications }) => ({ name: svc.name, apiKeys: svc.apiKeys, verifications })),
        receipts,
        apiKeys: config.server.apiKeys,
        allowAnonymous: dev,
        trustProxy: config.server.trustProxy,
        logger,
        metrics,
        clock,
        health: redis ? [{ name: 'redis', check: async () => (await redis.ping()) === 'PONG' }] : [],
        ready: () => ready,
        ...(config.receipts.token ? { receiptToken: config.receipts.token } : {}),
        receiptSources: config.receipts.allowedSources,
        ...(onReceipt ? { onReceipt } : {}),
        ...(applyBulkReceipts ? { applyBulkReceipts } : {}),
        ...(mounted ? { inboxPath: '/_emulator/' } : {}),
      });
      return { app, sms, onReceipt, applyBulkReceipts, services };
    };
    let built = build(config, warnings);
    const { sms } = built;
    let current = built.services;
    server.setFetch(built.app.fetch);

    if (config.receipts.poll.enabled) {
      const poller = startReceiptPoller({
        store: receipts,
        source: sms,
        clock,
        logger,
        batch: config.receipts.poll.batch,
        intervalMs: toMs(config.receipts.poll.interval),
        // The hooks of the configuration in force: a reload may have added webhooks or a receipt URL.
        onStatus: async (status) => {
          await built.onReceipt?.(reportEvent(status));
          await built.applyBulkReceipts?.([publicStatus(status)]);
        },
      });
      cleanups.push({ order: 0, run: () => poller.stop() });
    }

    for (const svc of built.services) {
      const count = Object.keys(svc.testNumbers).length;
      if (count)
        warnings.push(
          `${svc.name === 'default' ? 'otp' : `services.${svc.name}`}.testNumbers: ${count} test number(s) sign in with a fixed code and receive no SMS`,
        );
    }
    if (config.server.apiKeys.length === 0 && serviceKeys.length === 0)
      warnings.push(
        'NO API KEYS CONFIGURED: every request is allowed (dev mode only; set server.apiKeys or ALISMS_API_KEYS)',
      );
    if (config.server.apiKeys.length + serviceKeys.length > 0 && !config.receipts.token)
      warnings.push(
        'delivery receipts are off (POST /v1/receipts/* answers 404): set receipts.token or ALISMS_RECEIPTS_TOKEN ' +
          'and give Aliyun the push URL with ?token=<token> to turn them on',
      );
    for (const warning of warnings) logger.warn(warning);
    ready = true;
    const reload = async (next: ServeConfig) => {
      const changed = restartOnly(config, next);
      if (changed.length)
        throw new ConfigError(
          'reload',
          changed.map((key) => `${key}: changes only with a restart`),
        );
      const notes: string[] = [];
      const rebuilt = build(next, notes); // throws (ConfigError) before anything is swapped
      server.setFetch(rebuilt.app.fetch);
      built = rebuilt;
      current = rebuilt.services;
      for (const note of notes) logger.warn(note);
    };
    return {
      url: server.url,
      inboxUrl: mounted ? `${server.url}/_emulator/` : undefined,
      warnings,
      logger,
      close,
      reload,
      get services() {
        return current;
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
