import { z } from 'zod';
import { apiKey, duration, hostPort, rate, testNumbers } from './primitives.js';
import { serviceName, serviceSchema } from './service-schema.js';
import { templatesSchema } from './templates-schema.js';
import { webhooksSchema } from './webhooks-schema.js';

/**
 * Every option of `alisms serve`. Objects are strict, so a misspelt key is named in the error
 * instead of being ignored.
 */
export const serveConfigSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** Accepted API keys (`Authorization: Bearer`). Env: ALISMS_API_KEYS (comma-separated). */
      apiKeys: z.array(apiKey).default([]),
      /** Proxies whose X-Forwarded-For is believed: addresses, CIDRs, `loopback`, `private`. */
      trustProxy: z.array(z.string()).default([]),
      /** --emulator: non-loopback Host names the inbox and inspection API answer to (403 otherwise). */
      allowedHosts: z.array(z.string().min(1)).default([]),
      /** On SIGTERM, how long requests in flight may take to finish before their connections are cut. */
      drainTimeout: duration.default('10 s'),
    })
    .prefault({}),
  log: z
    .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .prefault({}),
  /** Redis for limits, codes and receipts; memory when absent. */
  redis: z
    .strictObject({
      url: z.string().optional(),
      prefix: z.string().default('alisms:'),
      // --- Redis Cluster and Sentinel (issue 13) ---
      /** Some nodes of a Redis Cluster as HOST:PORT (the client finds the rest). Env: ALISMS_REDIS_CLUSTER. */
      cluster: z.array(hostPort).min(1).optional(),
      /** Sentinels as HOST:PORT; needs `masterName`. Env: ALISMS_REDIS_SENTINELS. */
      sentinels: z.array(hostPort).min(1).optional(),
      /** The master name the sentinels watch. Env: ALISMS_REDIS_MASTER. */
      masterName: z.string().min(1).optional(),
      /**
       * Replicas that must hold a new code or a consumed code before the service answers (Redis WAIT), so
       * that a failover cannot approve a code twice or forget a cooldown. @default 1 with cluster or
       * sentinels, 0 with url
       */
      waitForReplicas: z.number().int().min(0).max(5).optional(),
      /** Longest wait for those replicas, ms; past it the request fails closed (503). */
      replicaTimeout: z.number().int().min(1).max(10_000).default(500),
    })
    .superRefine((redis, ctx) => {
      const targets = [redis.url && 'url', redis.cluster && 'cluster', redis.sentinels && 'sentinels'].filter(Boolean);
      if (targets.length > 1)
        ctx.addIssue({
          code: 'custom',
          message: `set only one of url, cluster, sentinels (got ${targets.join(', ')})`,
        });
      if (redis.sentinels && !redis.masterName)
        ctx.addIssue({ code: 'custom', path: ['masterName'], message: 'required with sentinels (--redis-master)' });
      if (redis.masterName && !redis.sentinels)
        ctx.addIssue({ code: 'custom', path: ['masterName'], message: 'only meaningful with sentinels' });
    })
    .prefault({}),
  /** Run the local Aliyun emulator on the same port and point the SDK at it. */
  emulator: z.boolean().default(false),
  /** The emulator's own configuration (as in its `emulator.yaml`), for `--emulator` mode; it validates it itself. */
  emulatorConfig: z.record(z.string(), z.unknown()).optional(),
  sms: z
    .strictObject({
      accessKeyId: z.string().optional(),
      accessKeySecret: z.string().optional(),
      endpoint: z.string().optional(),
      regionId: z.string().optional(),
      signName: z.string().optional(),
      templateCode: z.string().optional(),
      /** The template variable that receives the code. */
      codeParam: z.string().default('code'),
      /** The international API (numbers outside mainland China): its endpoint, when not the default. */
      intlEndpoint: z.string().optional(),
      /** The international API's region. */
      intlRegionId: z.string().optional(),
      connectTimeout: z.number().int().positive().optional(),
      readTimeout: z.number().int().positive().optional(),
    })
    .prefault({}),
  mail: z
    .strictObject({
      accessKeyId: z.string().optional(),
      accessKeySecret: z.string().optional(),
      endpoint: z.string().optional(),
      regionId: z.string().optional(),
      /** The sender address configured in Direct Mail. */
      accountName: z.string().optional(),
      fromAlias: z.string().optional(),
      subject: z.string().default('Your verification code'),
    })
    .prefault({}),
  /**
   * Aliyun Dypns (managed verification codes), used when `otp.delivery` or `otp.verify` is `dypns`.
   * Credentials and endpoint fall back to `sms`'s.
   */
  dypns: z
    .strictObject({
      accessKeyId: z.string().optional(),
      accessKeySecret: z.string().optional(),
      endpoint: z.string().optional(),
      /** A system sign (listed in the Dypns console) or your own enabled for Dypns. */
      signName: z.string().default('速通互联验证码'),
      /** A system template: 100001 sign-in/generic, 100002 bind number, 100003 reset password, 100005 identity. */
      templateCode: z.string().default('100001'),
      /** Dypns scheme for purposes not in `schemes`. */
      schemeName: z.string().max(20).optional(),
      /** Dypns scheme per purpose, so a code for one purpose cannot pass for another under `verify: dypns`. */
      schemes: z.record(z.string(), z.string().max(20)).optional(),
    })
    .prefault({}),
  otp: z
    .strictObject({
      /**
       * How SMS codes travel: `sms` (SendSms with `sms.signName`/`sms.templateCode`) or `dypns` (Dypns's system
       * sign and template, no template review). @default sms, or dypns when `verify` is dypns
       */
      delivery: z.enum(['sms', 'dypns']).optional(),
      /** Who generates and checks SMS codes: `alisms` (hashed in the store) or `dypns` (Dypns generates and checks). */
      verify: z.enum(['alisms', 'dypns']).default('alisms'),
      /**
       * Report each approved SMS code to Aliyun as converted (SmsConversionIntl with the send's BizId), which feeds
       * its delivery-rate statistics. Fire-and-forget: a failed report is logged and counted, never felt by the
       * check. Applies to codes sent with `delivery: sms`. @default false
       */
      reportConversion: z.boolean().default(false),
      /** HMAC secret, >= 32 characters. Env: ALISMS_OTP_SECRET. Random per process in --emulator mode when absent. */
      secret: z.string().optional(),
      digits: z.number().int().min(4).max(10).default(6),
      ttl: duration.default('5 min'),
      attempts: z.number().int().min(1).max(100).default(3),
      lockout: z
        .strictObject({
          failures: z.number().int().min(1).optional(),
          window: duration.optional(),
          lock: duration.optional(),
        })
        .optional(),
      limits: z
        .strictObject({
          cooldown: duration.default('60 s'),
          perDestination: z.array(rate).default([
            { limit: 5, window: '1 h' },
            { limit: 10, window: '1 d' },
          ]),
          perIp: z.array(rate).default([{ limit: 10, window: '1 d' }]),
          /** Code checks per client IP (IPv6: per /64); over it a check answers 429 without looking at the code. */
          wrongChecksPerIp: z.array(rate).default([{ limit: 50, window: '1 h' }]),
          perPrefix: z.array(rate).default([{ limit: 20, window: '1 h' }]),
          globalDaily: z
            .strictObject({
              limit: z.number().int().min(1),
              utcOffsetMinutes: z.number().int().default(0),
              /**
               * With `services`: one fuse for the whole deployment (`global`) or one per service (`service`,
               * each service may set its own `limits.globalDaily`).
               */
              scope: z.enum(['global', 'service']).default('global'),
            })
            .default({ limit: 5000, utcOffsetMinutes: 0, scope: 'global' }),
        })
        .prefault({}),
      phone: z
        .strictObject({
          allowedCountries: z.array(z.string().length(2)).optional(),
          defaultCountry: z.string().length(2).optional(),
        })
        .optional(),
      /**
       * Test numbers with fixed codes (app-store review, QA, load tests): `{ "+8613800000000": "246810" }`. No
       * message is sent to them; limits still apply; every use is logged (number masked) and counted in /metrics.
       * Refused at start-up against the real Aliyun unless `allowTestNumbersInProduction`.
       */
      testNumbers: testNumbers.default({}),
      /** Let test numbers work when the service talks to the real Aliyun (not the emulator). */
      allowTestNumbersInProduction: z.boolean().default(false),
      /** Which e-mail spellings share one set of per-destination limits. */
      email: z
        .strictObject({
          /** `user+tag@` counts as `user@`. */
          ignorePlusTag: z.boolean().default(true),
          /** Domains whose mailboxes ignore dots in the local part. */
          ignoreDotsDomains: z.array(z.string().toLowerCase()).default(['gmail.com', 'googlemail.com']),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Message templates per purpose and locale (China SMS, international SMS, e-mail). */
  templates: templatesSchema,
  /**
   * Several applications on one deployment: each service has its own API keys (which select it), sign and
   * templates, limits (counted per service), test numbers and webhooks. The top level stays the service of
   * `server.apiKeys` (named `default`).
   */
  services: z
    .record(serviceName, serviceSchema)
    .superRefine((services, ctx) => {
      if (Object.hasOwn(services, 'default'))
        ctx.addIssue({
          code: 'custom',
          path: ['default'],
          message: '"default" is the top-level service (server.apiKeys); choose another name',
        });
    })
    .default({}),
  captcha: z
    .strictObject({
      provider: z.enum(['none', 'turnstile', 'hcaptcha', 'recaptcha', 'aliyun']).default('none'),
      /** Env: ALISMS_CAPTCHA_SECRET. */
      secret: z.string().optional(),
      /** Provider endpoint override (tests, proxies). */
      endpoint: z.string().optional(),
      /** hCaptcha: expected sitekey; Aliyun: SceneId. */
      siteKey: z.string().optional(),
      /** reCAPTCHA v3 minimum score. */
      minScore: z.number().min(0).max(1).optional(),
      /** Hostname(s) the widget is served from; a token solved on another site is refused (not Aliyun). */
      expectedHostname: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
      /** Action the token must carry (Turnstile, reCAPTCHA v3); `context` requires the request's purpose. */
      expectedAction: z.string().min(1).optional(),
      /** Longest wait for the verifier; a slower answer refuses the request. */
      timeout: duration.default('2 s'),
    })
    .prefault({}),
  /** Operational alerts (the global fuse blew, a number range hit its cap): a `warn` log line, and optionally a webhook. */
  alerts: z
    .strictObject({
      /** POST each alert as JSON to this URL. Env: ALISMS_ALERTS_WEBHOOK_URL. */
      webhookUrl: z.string().url().optional(),
    })
    .prefault({}),
  /**
   * Signed lifecycle webhooks (Standard Webhooks): `[{ url, secret: "whsec_…", events? }]`. Each receiver gets
   * the events it lists (all when absent), signed with its secret, retried with backoff.
   */
  webhooks: webhooksSchema,
  receipts: z
    .strictObject({
      /**
       * Secret the push URL must carry as `?token=`. Env: ALISMS_RECEIPTS_TOKEN. With API keys configured and
       * no token, the push endpoints are off (404).
       */
      token: z.string().min(16, 'the receipt token needs at least 16 characters').optional(),
      /** Networks pushes may come from (addresses, CIDRs, `loopback`, `private`); others get 403. Empty: any. */
      allowedSources: z.array(z.string()).default([]),
      /** Statuses (and SmsUp ids) the receipt store keeps, in memory or in Redis; the oldest are evicted past it. */
      maxEntries: z.number().int().min(1).default(100_000),
      /** Results files of bulk jobs (`alisms bulk --results`) that new statuses are written into. */
      bulkResults: z.array(z.string()).default([]),
      /** POST every new status/MO reply as JSON to this URL. */
      webhookUrl: z.string().url().optional(),
      /** Ask QuerySendDetails for sends still waiting (accounts without push configured). */
      poll: z
        .strictObject({
          enabled: z.boolean().default(false),
          interval: duration.default('60 s'),
          batch: z.number().int().min(1).max(500).default(50),
        })
        .prefault({}),
    })
    .prefault({}),
});

/** The validated configuration, defaults filled in. */
export type ServeConfig = z.infer<typeof serveConfigSchema>;
/** What a YAML file or the caller may write. */
export type ServeConfigInput = z.input<typeof serveConfigSchema>;
