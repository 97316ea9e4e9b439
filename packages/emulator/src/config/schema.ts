import { z } from 'zod';

/**
 * The emulator's configuration file (`emulator.yaml`). Every key is optional and unknown keys are an
 * error (a typo such as `flowcontrol:` must not silently fall back to the defaults).
 */
const templateType = z.enum(['verification', 'notification', 'promotional', 'international']);
const signType = z.enum(['verification', 'general', 'notification', 'promotional', 'international']);
const duration = z.union([z.number().nonnegative(), z.string()]);

const accessKey = z.strictObject({
  id: z.string().min(1),
  secret: z.string().min(1),
  /** When set, requests with this key must carry this STS token. */
  securityToken: z.string().min(1).optional(),
  disabled: z.boolean().optional(),
});

const sign = z.strictObject({ name: z.string().min(1), type: signType.default('general') });

const template = z.strictObject({
  code: z.string().min(1),
  type: templateType,
  content: z.string().min(1),
  name: z.string().optional(),
  status: z.enum(['approved', 'pending', 'rejected']).optional(),
});

const flowControl = z.strictObject({
  enabled: z.boolean().optional(),
  verification: z
    .strictObject({
      perMinute: z.number().int().nonnegative().optional(),
      perHour: z.number().int().nonnegative().optional(),
      perDay: z.number().int().nonnegative().optional(),
    })
    .optional(),
  notification: z.strictObject({ perDay: z.number().int().nonnegative().optional() }).optional(),
  promotional: z.strictObject({ perDay: z.number().int().nonnegative().optional() }).optional(),
  /** Numbers exempt from per-number flow control (any accepted format). */
  whitelist: z.array(z.string()).optional(),
});

const mail = z.strictObject({
  senders: z.array(z.string()).optional(),
  templates: z
    .array(
      z.strictObject({
        /** The TemplateId SingleSendMail's `Template` names. @default the name */
        id: z.string().min(1).optional(),
        name: z.string().min(1),
        subject: z.string(),
        htmlBody: z.string().optional(),
        textBody: z.string().optional(),
      }),
    )
    .optional(),
  receivers: z.array(z.strictObject({ name: z.string().min(1), addresses: z.array(z.string()) })).optional(),
  /** DescAccountSummary's DailyQuota (reported; the emulator does not refuse mail past it). @default 2000 */
  dailyQuota: z.number().int().positive().optional(),
  /** DescAccountSummary's MonthQuota. @default 60000 */
  monthQuota: z.number().int().positive().optional(),
});

/** Dypnsapi (managed verification codes): signs and templates accepted on top of the system ones. */
const dypns = z.strictObject({
  /** Extra sign names (the system sign `速通互联验证码` is always accepted). */
  signs: z.array(z.string().min(1)).optional(),
  /** Extra templates; `${code}` receives the code, `${min}` the validity in minutes. */
  templates: z.array(z.strictObject({ code: z.string().min(1), content: z.string().min(1) })).optional(),
});

const receipts = z.strictObject({
  pushUrl: z.string().optional(),
  upPushUrl: z.string().optional(),
  delay: duration.optional(),
  deliveredRatio: z.number().min(0).max(1).optional(),
  failCode: z.string().optional(),
  retryScale: z.number().nonnegative().optional(),
});

export const faultKinds = ['latency', 'http5xx', 'throttling', 'drop', 'timeout'] as const;

export const faultSchema = z.strictObject({
  /** Action name (`SendSms`) or `*` for every Aliyun action. */
  action: z.string().default('*'),
  kind: z.enum(faultKinds),
  /** latency: milliseconds to wait before answering normally; throttling: the `x-acs-retry-after` hint (ms, default 1000). */
  ms: z.number().nonnegative().optional(),
  /** http5xx: the status (500, 502, 503, 504). */
  status: z.number().int().min(500).max(599).optional(),
  /** Chance per matching request, 0-1. @default 1 */
  probability: z.number().min(0).max(1).optional(),
  /** Applies to this many matching requests, then disappears. */
  count: z.number().int().positive().optional(),
});

export const emulatorConfigSchema = z.strictObject({
  accessKeys: z.array(accessKey).optional(),
  signs: z.array(sign).optional(),
  templates: z.array(template).optional(),
  flowControl: flowControl.optional(),
  /** Account-wide cap of SMS recipients per natural day (UTC+8); `isv.DAY_LIMIT_CONTROL` past it. */
  dailyCap: z.number().int().positive().optional(),
  mail: mail.optional(),
  dypns: dypns.optional(),
  receipts: receipts.optional(),
  faults: z.array(faultSchema).optional(),
  /** How long an added template or sign stays "pending review". @default 0 */
  templateApprovalDelay: duration.optional(),
  /** Keep messages in this JSON-lines file across restarts. */
  dataFile: z.string().optional(),
  /** Messages kept (oldest dropped first). @default 10000 */
  maxMessages: z.number().int().positive().optional(),
  /**
   * Host names (besides loopback ones) the inbox and inspection API answer to, e.g. a container's name.
   * Other `Host` headers get 403, so a DNS-rebinding page cannot read the codes. @default []
   */
  allowedHosts: z.array(z.string().min(1)).optional(),
});

/** The configuration as written in `emulator.yaml` (every key optional). */
export type EmulatorConfigInput = z.input<typeof emulatorConfigSchema>;
/** A fault as written in the emulator config or posted to its API, before defaults are applied. */
export type FaultInput = z.input<typeof faultSchema>;
/** An SMS template's type, which picks its flow-control limits: verification, notification, promotional or international. */
export type TemplateType = z.infer<typeof templateType>;
/** An SMS signature's type: verification, general, notification, promotional or international. */
export type SignType = z.infer<typeof signType>;
