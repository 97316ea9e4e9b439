import type { Clock } from 'alisms';
import type { Context } from 'hono';
import type { ApiKeyCheck } from './auth.js';
import type { TrustedProxies } from './client-ip.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import type { HealthCheck, VerificationService } from './ports.js';
import type { DeliveryStatus, ReceiptEvent, ReceiptStore } from './receipts/types.js';

/** Everything the routes use, resolved once by `createApp`. */
export interface AppDeps {
  verifications: VerificationService;
  /** The verification service of each named service (per-tenant services), selected by the request's API key. */
  services: ReadonlyMap<string, VerificationService>;
  receipts: ReceiptStore;
  auth: ApiKeyCheck;
  trusted: TrustedProxies;
  logger: Logger;
  metrics: ServerMetrics;
  health: HealthCheck[];
  /** Whether the service takes traffic: false before its configuration is in place and while it drains. */
  ready: () => boolean;
  clock: Clock;
  receiptToken: string | undefined;
  /** `false` when the service has API keys but no receipt token: the push endpoints answer 404. */
  receiptsEnabled: boolean;
  /** Source networks a push may come from; `undefined` accepts any. */
  receiptSources: TrustedProxies | undefined;
  onReceipt: ((event: ReceiptEvent) => void | Promise<void>) | undefined;
  applyBulkReceipts: ((statuses: DeliveryStatus[]) => Promise<void>) | undefined;
  socketAddress: (c: Context) => string | undefined;
}

/** Per-request values set by middleware and routes (the route template labels metrics and logs). */
export interface AppEnv {
  Variables: {
    route: string;
    clientIp: string | undefined;
    logTo: string | undefined;
    /** The service the request's API key selected (`default` for the top-level keys). */
    service: string;
  };
}

/** The verification service a request's API key selected. */
export function verificationsFor(deps: AppDeps, service: string | undefined): VerificationService {
  return (service === undefined ? undefined : deps.services.get(service)) ?? deps.verifications;
}

/** Body of every error answer: `{ error: { code, message, ... } }`. */
export function errorJson(
  code: string,
  message: string,
  extra: { limit?: string; retryAfter?: number; issues?: { path: string; message: string }[] } = {},
): { error: Record<string, unknown> } {
  return { error: { code, message, ...extra } };
}
