import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Clock, systemClock, toMs } from 'alisms';
import { answerAliyun } from './aliyun-route.js';
import type { EmulatorState } from './api/context.js';
import { createDispatcher } from './api/dispatch.js';
import { productApis } from './api/products.js';
import { type EmulatorConfig, resolveConfig } from './config/resolve.js';
import type { EmulatorConfigInput } from './config/schema.js';
import { FaultRegistry } from './faults/faults.js';
import { serveInbox } from './inbox/index.js';
import { API_PREFIX, type InspectApiDeps, serveApi } from './inspect/api.js';
import { guardInspection, isInspectionPath } from './inspect/guard.js';
import { EventStreams } from './inspect/sse.js';
import {
  type DeliveryConfig,
  resolveDeliveryConfig,
  type SmsUpInput,
  type StartDeliveryOptions,
  startDelivery,
} from './receipts/index.js';
import { Catalog } from './rules/catalog.js';
import { Conversions } from './rules/conversions.js';
import { DailyCap, FlowControl } from './rules/flow-control.js';
import { VerifyCodes } from './rules/verify-codes.js';
import { FileStore } from './store/file-store.js';
import { MemoryStore } from './store/memory-store.js';
import type { MessageStore } from './store/types.js';
import { NonceCache } from './verify/nonce-cache.js';
import { splitUrl } from './wire/params.js';
import { JSON_CONTENT_TYPE } from './wire/respond.js';

/** Options of {@link createEmulator}. */
export interface CreateEmulatorOptions {
  /** The configuration (as in `emulator.yaml`); every key optional. @default {} */
  config?: EmulatorConfigInput | EmulatorConfig;
  /** A store of your own; otherwise in memory, or a JSON-lines file when `dataFile` is set. */
  store?: MessageStore;
  /** Persist messages here (overrides `config.dataFile`). */
  dataFile?: string;
  /** Time source for signatures, flow control and message times. @default systemClock */
  clock?: Clock;
  /** Random source for fault probabilities. @default Math.random */
  random?: () => number;
  /** How latency faults wait; tests pass one that resolves at once. @default setTimeout */
  delay?: (ms: number) => Promise<void>;
  /** Delivery simulation (statuses + receipt push): extra options, or `false` to leave statuses `waiting`. */
  delivery?: false | Omit<StartDeliveryOptions, 'store' | 'config' | 'clock'>;
  /** Interval of SSE keep-alive comments. @default 15000 */
  sseKeepAliveMs?: number;
  /** One line per internal failure or failed receipt push (never a secret or a full phone number). @default none */
  log?: (line: string) => void;
}

/** A local Aliyun: a node:http request handler with no listener of its own. */
export interface Emulator {
  /** Handles one request (Aliyun RPC on `/`, the inspection API, the inbox page). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Whether `handle` owns this request (so a host server can mount the emulator beside its own routes). */
  handles(method: string, pathname: string): boolean;
  readonly store: MessageStore;
  readonly config: EmulatorConfig;
  readonly faults: FaultRegistry;
  /** Set by `startEmulator` once it listens. */
  url?: string;
  /** Stops delivery, ends SSE streams and hanging requests, closes the store it opened. */
  close(): Promise<void>;
}

/** `receipts:` of the config in the shape `startDelivery` takes (durations in ms, no undefined keys). */
function deliveryConfig(config: EmulatorConfig): Partial<DeliveryConfig> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config.receipts)) {
    if (value !== undefined) out[key] = key === 'delay' ? toMs(value as string) : value;
  }
  return out as Partial<DeliveryConfig>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Creates an emulator. Nothing is global: two emulators in one process share nothing.
 *
 * @example
 * const emulator = createEmulator({ config: { flowControl: { enabled: false } } });
 * http.createServer((req, res) => emulator.handle(req, res)).listen(8787);
 */
export function createEmulator(options: CreateEmulatorOptions = {}): Emulator {
  const config = resolveConfig(options.config ?? {});
  const clock = options.clock ?? systemClock;
  const dataFile = options.dataFile ?? config.dataFile;
  const ownStore = options.store === undefined;
  const store =
    options.store ??
    (dataFile
      ? new FileStore(dataFile, { maxMessages: config.maxMessages })
      : new MemoryStore({ maxMessages: config.maxMessages }));
  let sequence = Number(store.list({ limit: 1 })[0]?.id ?? 0) || 0;
  const state: EmulatorState = {
    config,
    store,
    clock,
    catalog: new Catalog(config, clock),
    flow: new FlowControl(config.flowControl),
    dailyCap: new DailyCap(config.dailyCap),
    verifyCodes: new VerifyCodes(),
    conversions: new Conversions(),
    startedAt: clock.now(),
    nextMessageId: () => String(++sequence).padStart(10, '0'),
  };
  const accessKeys = new Map(config.accessKeys.map((k) => [k.id, k]));
  const nonces = new NonceCache(clock);
  const dispatcher = createDispatcher(
    productApis(),
    state,
    { clock, nonces, findAccessKey: (id) => accessKeys.get(id) },
    options.log,
  );
  const faults = new FaultRegistry(options.random);
  for (const fault of config.faults) faults.add(fault);
  const events = new EventStreams(store, options.sseKeepAliveMs ?? 15_000);
  const hanging = new Set<ServerResponse>();
  const delivery =
    options.delivery === false
      ? undefined
      : startDelivery({
          ...(options.log ? { log: options.log } : {}),
          ...(options.delivery ?? {}),
          store,
          clock,
          config: deliveryConfig(config),
        });
  const aliyun = { dispatcher, faults, hanging, delay: options.delay ?? sleep };
  const failCode = resolveDeliveryConfig(deliveryConfig(config)).failCode;
  const apiDeps: InspectApiDeps = {
    store,
    faults,
    events,
    // With the simulation off there is no receipt to push, but the page and tests may still settle a message.
    settle: (id, verdict) =>
      delivery
        ? delivery.settle(id, verdict)
        : store.update(id, {
            status: verdict.status,
            errCode: verdict.errorCode ?? (verdict.status === 'delivered' ? 'DELIVERED' : failCode),
            receivedAt: new Date(clock.now()).toISOString(),
          }),
    catalog: state.catalog,
    conversions: state.conversions,
    mail: config.mail,
    ...(delivery ? { simulateSmsUp: (input: SmsUpInput) => delivery.simulateSmsUp(input) } : {}),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname, query } = splitUrl(req.url ?? '/');
    try {
      if (pathname === '/') return await answerAliyun(req, res, query, aliyun);
      if (isInspectionPath(pathname) && !guardInspection(req, res, config.allowedHosts)) return;
      if (pathname.startsWith(API_PREFIX)) return await serveApi(req, res, pathname, query, apiDeps);
      if (serveInbox(req, res, pathname)) return;
      const text = JSON.stringify({ error: `no route for ${req.method} ${pathname}` });
      res.writeHead(404, { 'content-type': JSON_CONTENT_TYPE }).end(text);
    } catch (error) {
      // A malformed percent-escape in a path (`/messages/%E0%A4%A`) is the caller's mistake, not ours.
      const status = error instanceof URIError ? 400 : 500;
      if (!res.headersSent) res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE });
      const message = status === 400 ? `malformed percent-encoding in ${pathname}` : (error as Error).message;
      res.end(JSON.stringify({ error: message }));
    }
  }

  return {
    handle,
    handles: (_method, pathname) => pathname === '/' || pathname === '/_emulator' || pathname.startsWith('/_emulator/'),
    store,
    config,
    faults,
    async close() {
      await delivery?.stop();
      events.closeAll();
      for (const res of hanging) res.destroy();
      hanging.clear();
      if (ownStore) await store.close();
    },
  };
}
