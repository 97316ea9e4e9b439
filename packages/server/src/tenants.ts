import { ConfigError } from './config/config-error.js';
import type { ServeConfig } from './config/schema.js';
import type { TemplatesConfig } from './config/templates-schema.js';
import type { WebhookEndpoint } from './webhooks/types.js';

/**
 * One application served by the deployment, with every setting resolved: the top level is the service named
 * `default` (its keys are `server.apiKeys`); each `services.<name>` takes what it leaves out from the top level.
 */
export interface ResolvedService {
  /** `default` for the top level, else the key under `services`. */
  readonly name: string;
  /** The keys that select it. */
  readonly apiKeys: readonly string[];
  /** Sign and template every SMS template falls back to. */
  readonly sms: { signName: string | undefined; templateCode: string | undefined; codeParam: string };
  /** Sender account, alias and default subject of its e-mails. */
  readonly mail: { accountName: string | undefined; fromAlias: string | undefined; subject: string };
  /** Its templates per purpose and locale. */
  readonly templates: TemplatesConfig;
  /** Its limits, counted apart from other services' (the fuse as `globalDaily.scope` says). */
  readonly limits: ServeConfig['otp']['limits'];
  /** Its test numbers with their fixed codes. */
  readonly testNumbers: Readonly<Record<string, string>>;
  /** Lifecycle-webhook subscribers (`[{ url, secret, events? }]`) of this service. */
  readonly webhooks: readonly WebhookEndpoint[];
  /** What its Redis keys are namespaced by; `undefined` for `default`, whose keys are those of a single service. */
  readonly namespace: string | undefined;
}

/**
 * The services of a configuration, `default` first. Throws {@link ConfigError} when a key selects two services
 * (it would be ambiguous which one a request is for) or a service sets a fuse that is shared.
 */
export function resolveServices(config: ServeConfig): ResolvedService[] {
  const top: ResolvedService = {
    name: 'default',
    apiKeys: config.server.apiKeys,
    sms: { signName: config.sms.signName, templateCode: config.sms.templateCode, codeParam: config.sms.codeParam },
    mail: { accountName: config.mail.accountName, fromAlias: config.mail.fromAlias, subject: config.mail.subject },
    templates: config.templates,
    limits: config.otp.limits,
    testNumbers: config.otp.testNumbers,
    webhooks: config.webhooks,
    namespace: undefined,
  };
  const problems: string[] = [];
  const owners = new Map<string, string>(top.apiKeys.map((k) => [k, 'default']));
  const perService = config.otp.limits.globalDaily.scope === 'service';
  const services = Object.entries(config.services).map(([name, s]): ResolvedService => {
    s.apiKeys.forEach((key, i) => {
      const owner = owners.get(key);
      // Never the key itself in the message: it is a secret.
      if (owner !== undefined)
        problems.push(
          `services.${name}.apiKeys[${i}]: this key is already a key of ${owner}; give each service its own`,
        );
      else owners.set(key, `services.${name}`);
    });
    const { globalDaily, ...limits } = s.limits ?? {};
    if (globalDaily && !perService)
      problems.push(
        `services.${name}.limits.globalDaily: the fuse is shared by every service; set otp.limits.globalDaily.scope to "service" for one per service`,
      );
    return {
      name,
      apiKeys: s.apiKeys,
      sms: {
        signName: s.sms?.signName ?? top.sms.signName,
        templateCode: s.sms?.templateCode ?? top.sms.templateCode,
        codeParam: s.sms?.codeParam ?? top.sms.codeParam,
      },
      mail: {
        accountName: s.mail?.accountName ?? top.mail.accountName,
        fromAlias: s.mail?.fromAlias ?? top.mail.fromAlias,
        subject: s.mail?.subject ?? top.mail.subject,
      },
      templates: s.templates ?? { sms: {}, intl: {}, email: {} },
      limits: {
        ...top.limits,
        ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
        globalDaily: {
          ...top.limits.globalDaily,
          ...(globalDaily?.limit === undefined ? {} : { limit: globalDaily.limit }),
          ...(globalDaily?.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: globalDaily.utcOffsetMinutes }),
        },
      },
      testNumbers: s.testNumbers ?? top.testNumbers,
      webhooks: s.webhooks,
      namespace: name,
    };
  });
  if (problems.length) throw new ConfigError('services', problems);
  return [top, ...services];
}
