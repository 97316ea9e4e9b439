import { type Clock, systemClock } from '../core/clock.js';
import { toMs } from '../core/duration.js';
import type { AlismsError } from '../core/errors.js';
import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import type { Credentials } from '../credentials/types.js';
import type { ParamMap } from '../sign/canonical-query.js';
import type { SignedRequest, SignInput } from '../sign/signed-request.js';
import { newNonce } from '../sign/timestamp.js';
import { signV1Request } from '../sign/v1-request.js';
import { signV3Request } from '../sign/v3-request.js';
import { type ClientCredentials, clientCredentials } from './credentials.js';
import { createDefaultTransport } from './default-transport.js';
import { requestDiagnostics } from './diagnostics.js';
import type { RequestStartMessage } from './diagnostics-types.js';
import { type Endpoint, type EndpointRules, resolveEndpoint } from './endpoint.js';
import { type AliyunBody, parseJsonBody, responseError, successBody } from './error-factory.js';
import { isInvalidResponseError } from './errors/invalid-response-error.js';
import { SendOutcomeUnknownError } from './errors/send-outcome-unknown-error.js';
import { isTransportError } from './errors/transport-error.js';
import type { HttpResponse, HttpTransport } from './http-types.js';
import type { CallOptions, ClientOptions } from './options.js';
import { type AttemptOutcome, retryDelay, shouldRetry } from './retry-policy.js';
import type { SuccessRule } from './success-rule.js';

interface Failure {
  outcome: AttemptOutcome;
  error: AlismsError;
  headers: HttpResponse['headers'] | undefined;
}

/** One Aliyun product and API version, e.g. dysmsapi 2017-05-25. */
export interface ProductInfo {
  version: string;
  endpoints: EndpointRules;
  /** How this product's answers say "done". @default 'code-ok' */
  success?: SuccessRule;
}

/** One RPC call as a typed client describes it. */
export interface RpcCall {
  action: string;
  /** Parameters for the URL query (already strings). */
  query: ParamMap;
  /** Parameters that go in the form body under V3 (spec: per operation). */
  form?: ParamMap | undefined;
  /** True for queries and management calls; false for anything that sends a message. */
  idempotent: boolean;
  /** For sends: the OutId (or TaskId) reported when the outcome is unknown. */
  outId?: string | undefined;
}

/** A successful answer: the wire body and its RequestId. */
export interface RpcResult {
  body: AliyunBody;
  requestId: string;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_READ_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRIES = 2;

/**
 * Signs, sends, retries and maps errors for one product. The typed clients (`SmsClient`, …) build
 * parameters and shape results around it; everything network-related lives here.
 */
export class RpcClient {
  readonly endpoint: Endpoint;
  private readonly version: string;
  private readonly product: string;
  private readonly success: SuccessRule;
  private readonly credentials: ClientCredentials;
  private readonly fixedCredentials: Credentials | undefined;
  private readonly sign: (input: SignInput) => SignedRequest;
  private readonly send: HttpTransport;
  private readonly closeTransport: (() => void) | undefined;
  private readonly connectTimeout: number;
  private readonly readTimeout: number;
  private readonly retries: number;
  private readonly clock: Clock;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(product: ProductInfo, options: ClientOptions = {}) {
    // Read when the client is built, never at load: edge runtimes have no `process`.
    const env =
      options.env ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
    this.endpoint = resolveEndpoint({ endpoint: options.endpoint, regionId: options.regionId, env }, product.endpoints);
    this.version = product.version;
    this.product = product.endpoints.product;
    this.success = product.success ?? 'code-ok';
    this.credentials = clientCredentials(options);
    this.fixedCredentials = 'fixed' in this.credentials ? this.credentials.fixed : undefined;
    const sv = options.signatureVersion ?? 'v3';
    if (sv !== 'v3' && sv !== 'v1') throw new InvalidArgumentError('signatureVersion', `use 'v3' or 'v1', got ${sv}`);
    this.sign = sv === 'v1' ? signV1Request : signV3Request;
    this.connectTimeout = toMs(options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS);
    this.readTimeout = toMs(options.readTimeout ?? DEFAULT_READ_TIMEOUT_MS);
    this.retries = checkRetries(options.retries ?? DEFAULT_RETRIES);
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    if (options.transport) {
      this.send = options.transport;
      this.closeTransport = undefined;
    } else {
      const own = createDefaultTransport(options.env === undefined ? { ...options, env } : options);
      this.send = own.send;
      this.closeTransport = own.close;
    }
  }

  /** Runs one call with retries; resolves with the body of an `OK` answer, rejects with a typed error. */
  call(call: RpcCall, options?: CallOptions): Promise<RpcResult> {
    return this.callShaped(call, options, rpcResult);
  }

  /**
   * `call`, resolving with `shape(body, requestId, call)` instead: a typed client returns this
   * promise directly rather than awaiting `call` in an async method of its own, which saves a
   * promise, a suspended frame and a microtask hop on every send.
   */
  async callShaped<C extends RpcCall, T>(
    call: C,
    options: CallOptions | undefined,
    shape: (body: AliyunBody, requestId: string, call: C) => T,
  ): Promise<T> {
    // No options object is allocated for the common call without options.
    const signal = options?.signal;
    const retries = options?.retries === undefined ? this.retries : checkRetries(options.retries);
    const connectTimeout = options?.connectTimeout === undefined ? this.connectTimeout : toMs(options.connectTimeout);
    const readTimeout = options?.readTimeout === undefined ? this.readTimeout : toMs(options.readTimeout);
    const endpoint = this.endpoint;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      // Fixed keys are read synchronously: no await on the hot path.
      const credentials = this.fixedCredentials ?? (await this.askCredentials());
      // A fresh nonce and timestamp per attempt: a retry with the old nonce would be refused as a replay.
      let signed: SignedRequest;
      try {
        signed = this.sign({
          host: endpoint.host,
          action: call.action,
          version: this.version,
          query: call.query,
          form: call.form,
          credentials,
          now: this.clock.now(),
          nonce: newNonce(),
        });
      } catch (error) {
        // Signing percent-encodes every parameter, and encodeURIComponent throws on an unpaired
        // surrogate: the parameters are scanned only then, not on every call.
        throw error instanceof URIError ? (malformedParameter(call) ?? error) : error;
      }
      let failure: Failure;
      // Only when someone subscribes: no message object and no clock read otherwise.
      const observed = requestDiagnostics.active ? this.observe(call.action, attempt) : undefined;
      try {
        // One exchange, awaited here rather than in a helper: an async wrapper per attempt costs a
        // promise and a microtask hop on every call.
        const response = await this.send({
          protocol: endpoint.protocol,
          hostname: endpoint.hostname,
          port: endpoint.port,
          method: 'POST',
          path: signed.path,
          headers: signed.headers,
          body: signed.body,
          connectTimeout,
          readTimeout,
          signal,
        });
        const parsed = parseJsonBody(response.body);
        const body = successBody(response.status, parsed, this.success);
        if (body !== undefined) {
          const requestId = typeof body.RequestId === 'string' ? body.RequestId : '';
          if (observed) publishEnd(observed, response.status, requestId, undefined);
          return shape(body, requestId, call);
        }
        failure = answerFailure(response, parsed, signed, credentials, call);
        if (observed) publishEnd(observed, response.status, requestIdOf(parsed), failure.error.code);
      } catch (e) {
        if (!isTransportError(e)) throw e;
        if (observed)
          requestDiagnostics.error({
            ...observed.message,
            durationMs: performance.now() - observed.started,
            code: e.code,
            errorName: e.name,
            requestSent: e.requestSent,
          });
        if (signal?.aborted) {
          if (e.requestSent && !call.idempotent)
            throw new SendOutcomeUnknownError(call.action, call.outId, signal.reason);
          throw signal.reason;
        }
        failure = {
          outcome: { kind: 'network', requestSent: e.requestSent, permanent: !e.requestSent && !e.retryable },
          error: e,
          headers: undefined,
        };
      }
      if (!shouldRetry(failure.outcome, attempt, { idempotent: call.idempotent, retries })) {
        // Send safety: whatever went wrong after the request may have reached Aliyun, including an
        // answer that is not Aliyun JSON (a proxy's error page, a cut body), leaves a send's outcome unknown.
        if (!call.idempotent && outcomeUnknown(failure))
          throw new SendOutcomeUnknownError(call.action, call.outId, failure.error);
        throw failure.error;
      }
      await this.sleep(retryDelay(attempt, failure.headers, this.random), signal);
    }
  }

  /** Publishes the start of an attempt; what it returns times the end or error message. */
  private observe(action: string, attempt: number): Observed {
    const message = { action, product: this.product, version: this.version, host: this.endpoint.host, attempt };
    requestDiagnostics.start(message);
    return { message, started: performance.now() };
  }

  private askCredentials(): Promise<Credentials> {
    return (this.credentials as { provider: () => Promise<Credentials> }).provider();
  }

  /** Closes the client's own keep-alive sockets (an injected transport is left alone). */
  close(): void {
    this.closeTransport?.();
  }
}

/** An attempt being published on the diagnostics channels. */
interface Observed {
  message: RequestStartMessage;
  started: number;
}

function publishEnd(observed: Observed, status: number, requestId: string, code: string | undefined): void {
  requestDiagnostics.end({
    ...observed.message,
    durationMs: performance.now() - observed.started,
    status,
    requestId,
    code,
  });
}

function requestIdOf(parsed: unknown): string {
  const id = parsed !== null && typeof parsed === 'object' ? (parsed as AliyunBody).RequestId : undefined;
  return typeof id === 'string' ? id : '';
}

/** Whether a failure leaves open that the request was acted on: bytes may have left, or the answer was unreadable. */
function outcomeUnknown(failure: Failure): boolean {
  if (failure.outcome.kind === 'network') return failure.outcome.requestSent;
  return failure.outcome.code === undefined && isInvalidResponseError(failure.error);
}

function rpcResult(body: AliyunBody, requestId: string): RpcResult {
  return { body, requestId };
}

/** What an answer other than a success means for the retry decision, with its typed error. */
function answerFailure(
  response: HttpResponse,
  parsed: unknown,
  signed: SignedRequest,
  credentials: Credentials,
  call: RpcCall,
): Failure {
  const { error, code } = responseError(
    {
      status: response.status,
      headers: response.headers,
      text: response.body,
      // The query string goes first: once a secret inside it is replaced, the whole string no longer matches.
      secrets: () => [
        signed.path.length > 2 ? signed.path.slice(2) : undefined,
        signed.body,
        credentials.accessKeySecret,
        credentials.securityToken,
        credentials.accessKeyId,
        signed.signature,
        // A server that echoes the request must not print the verification code either.
        ...templateValues(call.form?.TemplateParam ?? call.query.TemplateParam),
      ],
    },
    parsed,
  );
  return { outcome: { kind: 'response', status: response.status, code }, error, headers: response.headers };
}

/** The JSON itself and every value of a `TemplateParam` (they may hold a verification code). */
function templateValues(json: string | undefined): string[] {
  if (!json) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [json];
  }
  const values = parsed !== null && typeof parsed === 'object' ? Object.values(parsed) : [];
  // Longest first: a value that contains another is replaced whole.
  return [json, ...values.map(String)].sort((a, b) => b.length - a.length);
}

/** In `u` mode this matches only unpaired surrogates, which no request can encode. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Names the first parameter holding an unpaired surrogate, where signing met a bare URIError. */
function malformedParameter(call: RpcCall): InvalidArgumentError | undefined {
  for (const params of [call.query, call.form ?? {}])
    for (const [name, value] of Object.entries(params))
      if (typeof value === 'string' && LONE_SURROGATE.test(value))
        return new InvalidArgumentError(name, 'contains an unpaired UTF-16 surrogate; pass well-formed Unicode text');
  return undefined;
}

function checkRetries(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 10)
    throw new InvalidArgumentError('retries', `must be an integer from 0 to 10, got ${value}`);
  return value;
}

/** setTimeout that rejects with the signal's reason when aborted, so a wait never outlives its call. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
