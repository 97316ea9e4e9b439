import { type Duration, InvalidArgumentError, toMs } from 'alisms';
import { type EmulatorConfigInput, emulatorConfigSchema, type SignType, type TemplateType } from './schema.js';

/** An AccessKey the emulator accepts (its `id`/`secret`, an optional STS token), or refuses when `disabled`. */
export interface AccessKeyConfig {
  id: string;
  secret: string;
  securityToken?: string | undefined;
  disabled: boolean;
}
/** An SMS signature the emulator accepts, and its type. */
export interface SignConfig {
  name: string;
  type: SignType;
}
/** An SMS template the emulator accepts: code, type, text with `${var}` placeholders, review status. */
export interface TemplateConfig {
  code: string;
  type: TemplateType;
  content: string;
  name?: string | undefined;
  status?: 'approved' | 'pending' | 'rejected' | undefined;
}
/** The emulator's flow control: Aliyun's per-number send limits by template type, and numbers exempt from them. */
export interface FlowControlConfig {
  enabled: boolean;
  verification: { perMinute: number; perHour: number; perDay: number };
  notification: { perDay: number };
  promotional: { perDay: number };
  whitelist: string[];
}
/** The Direct Mail side of the emulator: sender addresses, mail templates and receiver lists. */
export interface MailConfig {
  senders: string[];
  templates: MailTemplateConfig[];
  receivers: Array<{ name: string; addresses: string[] }>;
  dailyQuota: number;
  monthQuota: number;
}
/** A stored Direct Mail template: `${name}` and `{{name}}` in it take TemplateData's values. */
export interface MailTemplateConfig {
  /** TemplateId (SingleSendMail `Template`); the name when the config gives none. */
  id: string;
  /** TemplateName (BatchSendMail). */
  name: string;
  subject: string;
  htmlBody?: string | undefined;
  textBody?: string | undefined;
}
/** Dypnsapi signs and templates the emulator accepts. */
export interface DypnsConfig {
  signs: string[];
  templates: Array<{ code: string; content: string }>;
}

/** How the emulator produces delivery receipts: push URLs, delay, the share delivered and the failure code. */
export interface ReceiptsConfig {
  pushUrl?: string | undefined;
  upPushUrl?: string | undefined;
  delay?: Duration | string | undefined;
  deliveredRatio?: number | undefined;
  failCode?: string | undefined;
  retryScale?: number | undefined;
}

/** The configuration with every default filled in: what the emulator runs on. */
export interface EmulatorConfig {
  accessKeys: AccessKeyConfig[];
  signs: SignConfig[];
  templates: TemplateConfig[];
  flowControl: FlowControlConfig;
  dailyCap?: number | undefined;
  mail: MailConfig;
  /** Dypnsapi signs and templates: the system ones first, then the config's. */
  dypns: DypnsConfig;
  receipts: ReceiptsConfig;
  faults: NonNullable<ReturnType<typeof emulatorConfigSchema.parse>['faults']>;
  /** Milliseconds. */
  templateApprovalDelay: number;
  dataFile?: string | undefined;
  maxMessages: number;
  /** Non-loopback `Host` names the inbox and inspection API answer to. */
  allowedHosts: readonly string[];
}

/** The built-in test credentials, sign and template: a fresh start works with no config at all. */
export const DEFAULT_ACCESS_KEY = { id: 'testid', secret: 'testsecret' } as const;
/** The signature every emulator knows, as on a new Aliyun account (`阿里云短信测试`). */
export const DEFAULT_SIGN: SignConfig = { name: '阿里云短信测试', type: 'verification' };
/** The verification-code template every emulator knows, as on a new Aliyun account (`SMS_154950909`). */
export const DEFAULT_TEMPLATE: TemplateConfig = {
  code: 'SMS_154950909',
  type: 'verification',
  content: '您正在使用阿里云短信测试服务，体验验证码是：${code}，如非本人操作，请忽略本短信！',
  name: '阿里云短信测试模板',
};

/**
 * Dypnsapi's system sign and templates, accepted with no configuration (codes as the Logto connector uses
 * them; the texts are the emulator's own, Aliyun shows its wording in the console).
 */
export const DYPNS_SYSTEM_SIGNS: readonly string[] = ['速通互联验证码'];
export const DYPNS_SYSTEM_TEMPLATES: ReadonlyArray<{ code: string; content: string }> = [
  {
    code: '100001',
    content: '您的验证码为${code}。尊敬的客户，以上验证码${min}分钟内有效，请注意保密，切勿告知他人。',
  },
  { code: '100002', content: '您正在绑定新手机号，验证码为${code}，${min}分钟内有效，请勿泄露于他人！' },
  { code: '100003', content: '您正在重置密码，验证码为${code}，${min}分钟内有效，请勿泄露于他人！' },
  { code: '100005', content: '您正在验证身份，验证码为${code}，${min}分钟内有效，请勿泄露于他人！' },
];

/** Validates raw config (from YAML or code) and fills in the defaults; errors name the offending keys. */
export function resolveConfig(input: unknown = {}): EmulatorConfig {
  const parsed = emulatorConfigSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.join('.') || '(root)';
      if (issue.code === 'unrecognized_keys') return `${where}: unknown key(s) ${issue.keys.join(', ')}`;
      return `${where}: ${issue.message}`;
    });
    throw new InvalidArgumentError('config', problems.join('; '));
  }
  const c: EmulatorConfigInput = parsed.data;
  const flow = c.flowControl ?? {};
  return {
    accessKeys: (c.accessKeys ?? [DEFAULT_ACCESS_KEY]).map((k) => ({
      id: k.id,
      secret: k.secret,
      securityToken: 'securityToken' in k ? k.securityToken : undefined,
      disabled: ('disabled' in k && k.disabled) || false,
    })),
    signs: c.signs ? c.signs.map((s) => ({ name: s.name, type: s.type ?? 'general' })) : [DEFAULT_SIGN],
    templates: c.templates ? c.templates.map((t) => ({ ...t })) : [DEFAULT_TEMPLATE],
    flowControl: {
      enabled: flow.enabled ?? true,
      verification: {
        perMinute: flow.verification?.perMinute ?? 1,
        perHour: flow.verification?.perHour ?? 5,
        perDay: flow.verification?.perDay ?? 10,
      },
      notification: { perDay: flow.notification?.perDay ?? 50 },
      promotional: { perDay: flow.promotional?.perDay ?? 50 },
      whitelist: flow.whitelist ?? [],
    },
    dailyCap: c.dailyCap,
    mail: {
      senders: c.mail?.senders ?? [],
      templates: (c.mail?.templates ?? []).map((t) => ({ ...t, id: t.id ?? t.name })),
      receivers: c.mail?.receivers ?? [],
      dailyQuota: c.mail?.dailyQuota ?? 2000,
      monthQuota: c.mail?.monthQuota ?? 60000,
    },
    dypns: {
      signs: [...DYPNS_SYSTEM_SIGNS, ...(c.dypns?.signs ?? [])],
      templates: [...DYPNS_SYSTEM_TEMPLATES, ...(c.dypns?.templates ?? [])],
    },
    receipts: { ...(c.receipts ?? {}) },
    faults: emulatorConfigSchema.shape.faults.parse(c.faults) ?? [],
    templateApprovalDelay: toMs(c.templateApprovalDelay ?? 0),
    dataFile: c.dataFile,
    maxMessages: c.maxMessages ?? 10_000,
    allowedHosts: c.allowedHosts ?? [],
  };
}
