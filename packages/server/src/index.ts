/**
 * `alisms/server`: the verification-code HTTP service as a Hono app (`createApp`), its receipt
 * stores, metrics, logger and configuration. `alisms serve` is the composition root that wires it
 * to `alisms/otp`, the SDK clients and, with `--emulator`, the local Aliyun.
 */
export { type AlertListener, createAlertHook } from './alerts.js';
export { type AppOptions, createApp } from './app.js';
export { type ApiKeyCheck, createApiKeyCheck, type OwnedApiKey } from './auth.js';
export { parseTrustedProxies, resolveClientIp, type TrustedProxies } from './client-ip.js';
export { type RunningService, type StartServiceOptions, startService } from './compose.js';
export { ConfigError } from './config/config-error.js';
export { ENV_OVERRIDES, loadServeConfig, parseServeConfig, type ServeFlags } from './config/load.js';
export { type ServeConfig, type ServeConfigInput, serveConfigSchema } from './config/schema.js';
export type { ServiceConfig } from './config/service-schema.js';
export type { TemplatesConfig } from './config/templates-schema.js';
export type { AppEnv } from './context.js';
export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export { createMetrics, type ServerMetrics } from './metrics.js';
export { type FetchHandler, type NodeHandler, type NodeHandlerOptions, toNodeHandler } from './node-adapter.js';
export { type ListeningServer, listen, type MountedHandler, PortUnavailableError } from './node-server.js';
export { buildOpenApiDocument } from './openapi.js';
export { type FromOtpOptions, fromOtp } from './otp-adapter.js';
export type {
  CheckOutcome,
  CheckVerificationInput,
  HealthCheck,
  SendOutcome,
  SendVerificationInput,
  VerificationChannel,
  VerificationService,
} from './ports.js';
export {
  createMemoryReceiptStore,
  type MemoryReceiptStoreOptions,
  type ReceiptEvictionKind,
} from './receipts/memory-store.js';
export { type PollOptions, pollReceiptsOnce, type SendDetailsSource, startReceiptPoller } from './receipts/poller.js';
export { createRedisReceiptStore, type RedisReceiptStoreOptions } from './receipts/redis-store.js';
export type { DeliveryStatus, InboundSms, PendingSend, ReceiptEvent, ReceiptStore } from './receipts/types.js';
export { createOtpSender, type SenderSettings } from './senders.js';
export {
  createTemplateBook,
  DEFAULT_EMAIL_TEXT,
  type EmailTemplate,
  type IntlTemplate,
  type SmsTemplate,
  type TemplateBook,
  type TemplateDefaults,
} from './templates/book.js';
export { type ResolvedService, resolveServices } from './tenants.js';
export { subscribeAliyunSpans } from './tracing/aliyun-spans.js';
export { serviceTracer, traceVerifications } from './tracing/verification-spans.js';
export {
  createWebhookDispatcher,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './webhooks/dispatcher.js';
export { alertWebhook, deliveryWebhook, verificationWebhook } from './webhooks/events.js';
export {
  WEBHOOK_EVENT_TYPES,
  type WebhookEndpoint,
  type WebhookEvent,
  type WebhookEventType,
} from './webhooks/types.js';
