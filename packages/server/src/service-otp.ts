import {
  type CaptchaVerifier,
  createOtp,
  dypnsCodeProvider,
  dypnsSmsSender,
  type OtpOptions,
  type OtpStore,
} from '@alisms/otp';
import type { Clock, DypnsClient, IntlSmsClient, MailClient, SmsClient } from 'alisms';
import { isInvalidArgumentError } from 'alisms';
import type { AlertListener } from './alerts.js';
import { ConfigError } from './config/config-error.js';
import type { ServeConfig } from './config/schema.js';
import type { ConversionReporter } from './conversions.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import { fromOtp } from './otp-adapter.js';
import type { VerificationService } from './ports.js';
import type { ReceiptStore } from './receipts/types.js';
import { createOtpSender, type SenderSettings } from './senders.js';
import { createTemplateBook } from './templates/book.js';
import type { ResolvedService } from './tenants.js';
import { testNumberReporter } from './test-number-log.js';
import { traceVerifications } from './tracing/verification-spans.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';
import { verificationWebhook } from './webhooks/events.js';
import type { WebhookEndpoint } from './webhooks/types.js';
import { dur, limitsFrom, wrongCheckLimitsFrom } from './wiring.js';

/** What every service shares: the deployment-wide settings, the store, the SDK clients and the captcha. */
export interface ServiceOtpDeps {
  config: ServeConfig;
  smsDelivery: 'sms' | 'dypns-delivery' | 'dypns-verify';
  /** Sign, template and mail account used when none is configured (the emulator's, in `--emulator` mode). */
  fallbacks: { signName?: string; templateCode?: string; mailAccount?: string };
  otpSecret: string;
  otpStore: OtpStore;
  clients: { sms: SmsClient; intl: IntlSmsClient; mail: MailClient; dypns: DypnsClient | undefined };
  captcha: CaptchaVerifier | undefined;
  /** Reports approved codes' messages as converted (`otp.reportConversion`), when on. */
  conversions?: ConversionReporter | undefined;
  receipts: ReceiptStore;
  clock: Clock;
  logger: Logger;
  metrics: ServerMetrics;
  /**
   * The alert hook of one service (it names the service in the log line and to the listeners); `endpoints` are
   * the service's signed webhooks, which get `fuse.tripped` and `prefix.capped`.
   */
  alertHook: (service: string, endpoints: readonly WebhookEndpoint[]) => AlertListener;
  /** Signs and delivers lifecycle webhooks in the background. */
  webhooks: WebhookDispatcher;
  /** Start-up warnings are appended here (a channel that is not configured). */
  notes: string[];
}

/**
 * One service's verification codes: its templates, limits (namespaced keys for named services) and test numbers
 * over the shared store and clients. Throws {@link ConfigError} naming the service for a missing template or a
 * test number the phone rules refuse.
 */
export function buildServiceVerifications(svc: ResolvedService, deps: ServiceOtpDeps): VerificationService {
  const { config, smsDelivery, clients, clock, logger, conversions } = deps;
  // The same number and purpose in two services are two codes: conversions are remembered per service.
  const scoped = (purpose: string) => `${svc.name}\u0000${purpose}`;
  const label = svc.name === 'default' ? '' : `services.${svc.name}: `;
  const signName = svc.sms.signName ?? deps.fallbacks.signName;
  const templateCode = svc.sms.templateCode ?? deps.fallbacks.templateCode;
  const accountName = svc.mail.accountName ?? deps.fallbacks.mailAccount;
  const templates = createTemplateBook(
    svc.templates,
    { signName, templateCode, codeParam: svc.sms.codeParam, subject: svc.mail.subject },
    { where: svc.name === 'default' ? 'templates' : `services.${svc.name}.templates` },
  );
  const settings: SenderSettings = {};
  if (signName && templateCode) settings.sms = { signName, templateCode, codeParam: svc.sms.codeParam };
  else if (smsDelivery === 'sms' && !templates.sms('default', undefined))
    deps.notes.push(`${label}sms.signName/sms.templateCode are not set: SMS codes are refused`);
  if (accountName) settings.mail = { accountName, fromAlias: svc.mail.fromAlias, subject: svc.mail.subject };
  else deps.notes.push(`${label}mail.accountName is not set: e-mail codes are refused`);
  // Tracking a send costs a Redis round trip: the poller needs it (a push stores the status anyway), and so
  // do named services, whose receipts belong to the service that sent the message.
  const track = config.receipts.poll.enabled || Object.keys(config.services).length > 0;
  let sender = createOtpSender({
    sms: clients.sms,
    intl: clients.intl,
    mail: clients.mail,
    settings,
    templates,
    clock,
    ...(svc.namespace === undefined ? {} : { service: svc.name }),
    ...(track ? { receipts: deps.receipts } : {}),
    ...(conversions
      ? { onSmsSent: (to: string, purpose: string, bizId: string) => conversions.remember(to, scoped(purpose), bizId) }
      : {}),
  });
  let codeProvider: OtpOptions['codeProvider'];
  if (clients.dypns) {
    const d = config.dypns;
    const dypnsOptions = {
      signName: d.signName,
      templateCode: d.templateCode,
      schemeName: d.schemeName,
      schemes: d.schemes,
    };
    if (smsDelivery === 'dypns-verify') codeProvider = dypnsCodeProvider(clients.dypns, dypnsOptions);
    else sender = { ...sender, sendSms: dypnsSmsSender(clients.dypns, dypnsOptions) };
  }
  const otpOptions: OtpOptions = {
    secret: deps.otpSecret,
    store: deps.otpStore,
    sender,
    codeProvider,
    captcha: deps.captcha,
    clock,
    digits: config.otp.digits,
    ttl: dur(config.otp.ttl),
    attempts: config.otp.attempts,
    limits: limitsFrom(svc.limits),
    wrongCheckLimits: wrongCheckLimitsFrom(svc.limits),
    emailLimitKey: config.otp.email,
    onAlert: deps.alertHook(svc.name, svc.webhooks),
    ...(svc.webhooks.length
      ? { onLifecycle: (event) => deps.webhooks.publish(svc.webhooks, verificationWebhook(event, clock.now())) }
      : {}),
    testNumbers: svc.testNumbers,
    onTestNumber: testNumberReporter(svc.name, logger, deps.metrics),
    ...(svc.namespace === undefined
      ? {}
      : {
          namespace: svc.namespace,
          globalScope: svc.limits.globalDaily.scope === 'service' ? ('namespace' as const) : ('shared' as const),
        }),
    ...(config.otp.lockout ? { lockout: config.otp.lockout as NonNullable<OtpOptions['lockout']> } : {}),
    ...(config.otp.phone ? { phone: config.otp.phone as NonNullable<OtpOptions['phone']> } : {}),
  };
  try {
    return traceVerifications(
      fromOtp(createOtp(otpOptions), {
        clock,
        logger,
        ...(conversions
          ? { onApproved: (to: string, purpose: string) => conversions.approved(to, scoped(purpose)) }
          : {}),
      }),
    );
  } catch (error) {
    // A test number the phone rules refuse, say: a configuration error, named with its service.
    if (isInvalidArgumentError(error))
      throw new ConfigError(svc.name === 'default' ? 'otp' : `services.${svc.name}`, [
        `${error.field}: ${error.message}`,
      ]);
    throw error;
  }
}
