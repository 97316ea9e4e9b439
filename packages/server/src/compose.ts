import { randomBytes } from 'node:crypto';
import {
  createMemoryOtpStore,
  createOtp,
  createRedisClient,
  createRedisOtpStore,
  type OtpOptions,
  type OtpStore,
} from '@alisms/otp';
import { type Clock, MailClient, SmsClient, systemClock, toMs } from 'alisms';
import type { Redis } from 'ioredis';
import { createApp } from './app.js';
import { ConfigError } from './config/config-error.js';
import type { ServeConfig } from './config/schema.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { listen, type MountedHandler } from './node-server.js';
import { fromOtp } from './otp-adapter.js';
import { createMemoryReceiptStore } from './receipts/memory-store.js';
import { startReceiptPoller } from './receipts/poller.js';
import { createRedisReceiptStore } from './receipts/redis-store.js';
import type { ReceiptEvent, ReceiptStore } from './receipts/types.js';
import { createOtpSender, type SenderSettings } from './senders.js';
import { webhookHook } from './webhook.js';
import { bulkFeed, captchaFrom, dur, limitsFrom } from './wiring.js';

/** Built-in test values of the emulator: a request works at once in `--emulator` mode. */
export const EMULATOR_DEFAULTS = {
  accessKeyId: 'testid',
  accessKeySecret: 'testsecret',
  signName: '阿里云短信测试',
  templateCode: 'SMS_154950909',
  mailAccount: 'noreply@alisms.local',
} as const;

/** A running `alisms serve`. */
export interface RunningService {
  /** Base URL of the API (and, in emulator mode, of the emulator). */
  url: string;
  /** The emulator's inbox page, in emulator mode. */
  inboxUrl: string | undefined;
  /** Start-up warnings already logged (dev-mode auth, random OTP secret, unconfigured channels). */
  warnings: string[];
  logger: Logger;
  close(): Promise<void>;
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
  if (config.server.apiKeys.length === 0 && !dev)
    throw new ConfigError('server', [
      'server.apiKeys: no API key configured; set server.apiKeys or ALISMS_API_KEYS (or run with --emulator for a dev server)',
    ]);
  let otpSecret = config.otp.secret;
  if (!otpSecret) {
    if (!dev) throw new ConfigError('otp', ['otp.secret: required (>= 32 characters; env ALISMS_OTP_SECRET)']);
    otpSecret = randomBytes(32).toString('base64');
    warnings.push('otp.secret is not set: using a random one, so codes do not survive a restart');
  }
  const secrets = [
    ...config.server.apiKeys,
    otpSecret,
    config.sms.accessKeySecret,
    config.mail.accessKeySecret,
    config.captcha.secret,
    config.receipts.token,
  ].filter((s): s is string => typeof s === 'string');
  const logger = createLogger({
    level: config.log.level,
    secrets,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });

  const server = await listen({ host: config.server.host, port: config.server.port });
  // Stopped in this order: the poller, the emulator (it ends its SSE streams, which would keep the
  // listener open), the listener (in-flight requests finish), then Redis.
  const cleanups: { order: number; run: () => Promise<unknown> }[] = [{ order: 2, run: () => server.close() }];
  const close = async () => {
    for (const cleanup of cleanups.sort((a, b) => a.order - b.order)) await cleanup.run().catch(() => {});
  };
  try {
    let redis: Redis | undefined;
    let otpStore: OtpStore;
    let receipts: ReceiptStore;
    if (config.redis.url) {
      const client = createRedisClient(config.redis.url);
      redis = client;
      // Background reconnect errors are expected while Redis is down; requests fail closed meanwhile.
      client.on('error', () => {});
      cleanups.push({ order: 3, run: async () => client.disconnect() });
      otpStore = createRedisOtpStore({ redis: client, prefix: `${config.redis.prefix}otp` });
      receipts = createRedisReceiptStore(client, { prefix: config.redis.prefix, clock });
    } else {
      otpStore = createMemoryOtpStore();
      receipts = createMemoryReceiptStore({ clock });
    }

    let mounted: (MountedHandler & { close(): Promise<void> }) | undefined;
    if (dev) {
      const { createEmulator } = await import('@alisms/emulator');
      const own = config.emulatorConfig ?? {};
      const emulator = createEmulator({
        clock,
        config: {
          ...own,
          // The emulator pushes receipts to this service unless its own config says otherwise.
          receipts: {
            pushUrl: `${server.url}/v1/receipts/sms-report`,
            upPushUrl: `${server.url}/v1/receipts/sms-up`,
            ...((own.receipts as object | undefined) ?? {}),
          },
        },
      });
      mounted = emulator;
      server.setMounted(emulator);
      cleanups.push({ order: 1, run: () => emulator.close() });
    }

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
    const signName = config.sms.signName ?? (dev ? EMULATOR_DEFAULTS.signName : undefined);
    const templateCode = config.sms.templateCode ?? (dev ? EMULATOR_DEFAULTS.templateCode : undefined);
    const accountName = config.mail.accountName ?? (dev ? EMULATOR_DEFAULTS.mailAccount : undefined);
    const settings: SenderSettings = {};
    if (signName && templateCode) settings.sms = { signName, templateCode, codeParam: config.sms.codeParam };
    else warnings.push('sms.signName/sms.templateCode are not set: SMS codes are refused');
    if (accountName) settings.mail = { accountName, fromAlias: config.mail.fromAlias, subject: config.mail.subject };
    else warnings.push('mail.accountName is not set: e-mail codes are refused');
    const sms = new SmsClient({
      ...clientOptions(config.sms),
      ...(config.sms.connectTimeout ? { connectTimeout: config.sms.connectTimeout } : {}),
      ...(config.sms.readTimeout ? { readTimeout: config.sms.readTimeout } : {}),
    });
    const mail = new MailClient(clientOptions(config.mail));

    const otpOptions: OtpOptions = {
      secret: otpSecret,
      store: otpStore,
      // Tracking a send costs a Redis round trip; only the poller needs it (a push stores the status anyway).
      sender: createOtpSender({ sms, mail, settings, clock, ...(config.receipts.poll.enabled ? { receipts } : {}) }),
      captcha: captchaFrom(config.captcha),
      clock,
      digits: config.otp.digits,
      ttl: dur(config.otp.ttl),
      attempts: config.otp.attempts,
      limits: limitsFrom(config.otp.limits),
      ...(config.otp.lockout ? { lockout: config.otp.lockout as NonNullable<OtpOptions['lockout']> } : {}),
      ...(config.otp.phone ? { phone: config.otp.phone as NonNullable<OtpOptions['phone']> } : {}),
    };
    const verifications = fromOtp(createOtp(otpOptions), { clock, logger });

    const hooks: ((event: ReceiptEvent) => Promise<void> | void)[] = [];
    if (config.receipts.webhookUrl) hooks.push(webhookHook(config.receipts.webhookUrl, logger));
    if (options.onReceipt) hooks.push(options.onReceipt);
    const applyBulkReceipts = bulkFeed(config.receipts.bulkResults, options.cwd ?? process.cwd());
    const onReceipt = hooks.length
      ? async (e: ReceiptEvent) => void (await Promise.all(hooks.map((h) => h(e))))
      : undefined;

    const metrics = createMetrics({ defaultMetrics: true });
    const app = createApp({
      verifications,
      receipts,
      apiKeys: config.server.apiKeys,
      allowAnonymous: dev,
      trustProxy: config.server.trustProxy,
      logger,
      metrics,
      clock,
      health: redis ? [{ name: 'redis', check: async () => (await redis.ping()) === 'PONG' }] : [],
      ...(config.receipts.token ? { receiptToken: config.receipts.token } : {}),
      ...(onReceipt ? { onReceipt } : {}),
      ...(applyBulkReceipts ? { applyBulkReceipts } : {}),
      ...(mounted ? { inboxPath: '/_emulator/' } : {}),
    });
    server.setFetch(app.fetch);

    if (config.receipts.poll.enabled) {
      const poller = startReceiptPoller({
        store: receipts,
        source: sms,
        clock,
        logger,
        batch: config.receipts.poll.batch,
        intervalMs: toMs(config.receipts.poll.interval),
        onStatus: async (status) => {
          await onReceipt?.({ type: 'report', status });
          await applyBulkReceipts?.([status]);
        },
      });
      cleanups.push({ order: 0, run: () => poller.stop() });
    }

    if (config.server.apiKeys.length === 0)
      warnings.push(
        'NO API KEYS CONFIGURED: every request is allowed (dev mode only; set server.apiKeys or ALISMS_API_KEYS)',
      );
    for (const warning of warnings) logger.warn(warning);
    return {
      url: server.url,
      inboxUrl: mounted ? `${server.url}/_emulator/` : undefined,
      warnings,
      logger,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
