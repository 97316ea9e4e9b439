import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Socket } from 'node:net';
import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { nodeBuiltin } from '../core/node-builtin.js';
import { TimeoutError } from './errors/timeout-error.js';
import { TransportError } from './errors/transport-error.js';
import type { HttpRequest, HttpResponse, HttpTransport } from './http-types.js';
import { toTransportError } from './network-error.js';
import { type ProxyTarget, proxyFor } from './proxy-config.js';
import { tunnelingAgent } from './proxy-tunnel.js';

/** Largest answer body accepted by default: Aliyun's answers are a few KB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** How long an idle keep-alive connection is kept by default, in ms (undici's default too). */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 4000;

/** Options of {@link createNodeHttpTransport} (the client passes its own options of the same names). */
export interface NodeHttpTransportOptions {
  /** Most sockets open at once per host; further calls queue in the agent. @default 64 */
  maxSockets?: number | undefined;
  /**
   * How long an idle keep-alive connection is kept, in ms; a server's `Keep-Alive: timeout=N` answer
   * header shortens it to N − 1 s. A request written on a connection the server is just closing fails
   * after it may have been sent (a send: `SendOutcomeUnknownError`), so the client closes idle
   * connections before the server does.
   * @default 4000
   */
  keepAliveTimeout?: number | undefined;
  /**
   * Largest answer body accepted, in bytes; a longer answer is cut off and fails the call (a send
   * then fails with `SendOutcomeUnknownError`).
   * @default 8388608 (8 MiB)
   */
  maxResponseBytes?: number | undefined;
  /**
   * Your own `http.Agent` / `https.Agent` (matching the endpoint's protocol), e.g. with a private
   * CA or a proxy agent of your choice. It replaces the transport's keep-alive agents and the
   * `proxy` setting; `close()` leaves it alone.
   * @default keep-alive agents owned by the transport
   */
  agent?: Agent | undefined;
  /**
   * Proxy URL `http://[user:password@]host:port`; `false` turns proxies off whatever the
   * environment says. https endpoints go through a CONNECT tunnel, http ones as absolute-form
   * requests. Credentials never appear in errors.
   * @default env `HTTPS_PROXY` (https endpoints) / `HTTP_PROXY` (http endpoints), either case, minus `NO_PROXY`
   */
  proxy?: string | false | undefined;
  /**
   * CA certificates (PEM) to trust **instead of** Node's bundled roots for https endpoints, e.g. a
   * company CA in front of a test endpoint. To trust both, pass `[...tls.rootCertificates, myCa]`.
   * @default Node's bundled root CAs (plus `NODE_EXTRA_CA_CERTS`)
   */
  tls?: { ca?: string | readonly string[] | undefined } | undefined;
  /** Environment read for the proxy variables. @default process.env */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** A keep-alive transport over `node:http` / `node:https`, plus `close()` to drop its idle sockets. */
export interface NodeHttpTransport {
  send: HttpTransport;
  /** Destroys every socket of the transport's own agents; in-flight calls fail. */
  close(): void;
}

/** Where one endpoint's requests go: the agent, and the proxy for absolute-form http requests. */
interface Route {
  agent: Agent;
  /**
   * node:http or node:https, loaded when the first route of its protocol is made. Its `request` is read
   * at each call, so that a tool patching it later (APM, tracing) still sees every request.
   */
  module: { request(options: RequestOptions, onResponse: (res: IncomingMessage) => void): ClientRequest };
  /** Set for an http endpoint behind a proxy: the request goes to the proxy with an absolute URL. */
  forwardProxy: ProxyTarget | undefined;
  /** A proxied route: the connect timer runs from the start (the tunnel is part of connecting). */
  proxied: boolean;
}

/**
 * The default transport of the Node build: `node:http` / `node:https` with keep-alive agents
 * (LIFO reuse), separate connect and read timers, AbortSignal, a cap on the answer size, and
 * proxies from the options or the environment. Requests are visible to anything that observes
 * node:http.
 *
 * @example
 * const transport = createNodeHttpTransport({ proxy: 'http://proxy.internal:3128', maxSockets: 16 });
 * const sms = new SmsClient({ transport: transport.send });
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): NodeHttpTransport {
  const maxSockets = positiveInteger('maxSockets', options.maxSockets ?? 64);
  const maxResponseBytes = positiveInteger('maxResponseBytes', options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
  const keepAliveTimeout = positiveInteger(
    'keepAliveTimeout',
    options.keepAliveTimeout ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  );
  const env = options.env ?? process.env;
  // `timeout` is what makes node's agent close idle sockets at all, and what lets it apply the server's
  // Keep-Alive hint (it keeps the smaller of the two); in-flight requests have their own timers.
  const agentOptions = { keepAlive: true, maxSockets, scheduling: 'lifo' as const, timeout: keepAliveTimeout };
  const ca = options.tls?.ca;
  const httpsOptions = ca === undefined ? agentOptions : { ...agentOptions, ca: typeof ca === 'string' ? ca : [...ca] };
  const owned: Agent[] = [];
  const routes = new Map<string, Route>();
  // A client talks to one endpoint: its route is remembered without building the map key per call.
  let last: { protocol: string; hostname: string; port: number; route: Route } | undefined;
  const routeFor = (r: HttpRequest): Route => {
    if (last !== undefined && last.port === r.port && last.hostname === r.hostname && last.protocol === r.protocol)
      return last.route;
    const key = `${r.protocol}//${r.hostname}:${r.port}`;
    let route = routes.get(key);
    if (route === undefined) {
      route = makeRoute(r);
      routes.set(key, route);
    }
    last = { protocol: r.protocol, hostname: r.hostname, port: r.port, route };
    return route;
  };
  const makeRoute = (r: HttpRequest): Route => {
    const https = r.protocol === 'https:';
    const module = nodeBuiltin(https ? 'node:https' : 'node:http');
    if (options.agent) return { agent: options.agent, module, forwardProxy: undefined, proxied: false };
    const proxy = proxyFor(r, options.proxy, env);
    const agent =
      proxy && https
        ? tunnelingAgent(proxy, httpsOptions)
        : https
          ? new (nodeBuiltin('node:https').Agent)(httpsOptions)
          : // Through a forward proxy, a connection per request: proxies such as tinyproxy close the
            // client connection after each answer while passing on the origin's keep-alive header,
            // and a send written on such a closing socket would end as outcome unknown.
            new (nodeBuiltin('node:http').Agent)(proxy ? { ...agentOptions, keepAlive: false } : agentOptions);
    owned.push(agent);
    return { agent, module, forwardProxy: https ? undefined : proxy, proxied: proxy !== undefined };
  };
  const send: HttpTransport = (r) =>
    new Promise<HttpResponse>((resolve, reject) => {
      if (r.signal?.aborted) {
        reject(new TransportError('Aborted before sending', { code: 'ABORT_ERR', requestSent: false }));
        return;
      }
      let route: Route;
      try {
        route = routeFor(r);
      } catch (error) {
        reject(error);
        return;
      }
      const exchange = new Exchange(r, maxResponseBytes, resolve, reject);
      const forward = route.forwardProxy;
      const headers = flatHeaders(r.headers);
      if (forward?.authorization) headers.push('proxy-authorization', forward.authorization);
      const req = route.module.request(
        {
          agent: route.agent,
          hostname: forward ? forward.hostname : r.hostname,
          port: forward ? forward.port : r.port,
          method: r.method,
          // Absolute form through a forward proxy (RFC 9112 3.2.2); origin form otherwise.
          path: forward ? `http://${r.headers.host ?? `${r.hostname}:${r.port}`}${r.path}` : r.path,
          // A flat [name, value, …] list skips node's per-header setHeader bookkeeping.
          headers,
        },
        onResponse,
      );
      exchange.req = req;
      (req as Tagged<ClientRequest>)[EXCHANGE] = exchange;
      if (route.proxied) exchange.arm('connect');
      if (r.signal) exchange.watch(r.signal);
      req.on('socket', onSocket);
      req.on('error', onRequestError);
      // Backstop: the connection closed without an error event or a complete answer.
      req.on('close', onRequestClose);
      req.end(r.body);
    });
  return {
    send,
    close() {
      for (const agent of owned) agent.destroy();
      owned.length = 0;
      routes.clear();
      last = undefined;
    },
  };
}

function positiveInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError(field, `must be a whole number of at least 1, got ${value}`);
  return value;
}

// The per-request state hangs off the request (and response) under a symbol, so the listeners are
// shared module functions rather than a dozen closures allocated for every call: what lives across
// the network wait is one small object, which keeps the young generation of the heap small.
const EXCHANGE = Symbol('alisms.exchange');
type Tagged<T> = T & { [EXCHANGE]?: Exchange };

/** One request in flight: its timer, its state for the retry decision, and how to settle it. */
class Exchange {
  req: ClientRequest | undefined = undefined;
  /** Set once the socket is connected: from then on, bytes of this request may reach the server. */
  requestSent = false;
  settled = false;
  timer: NodeJS.Timeout | undefined = undefined;
  /** Body chunks: nearly every answer arrives in one. */
  chunks: Buffer[] = [];
  bytes = 0;
  private onAbort: (() => void) | undefined = undefined;

  constructor(
    readonly r: HttpRequest,
    readonly maxResponseBytes: number,
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  watch(signal: AbortSignal): void {
    this.onAbort = () => {
      this.req?.destroy(
        new TransportError('Aborted by the caller', { code: 'ABORT_ERR', requestSent: this.requestSent }),
      );
    };
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  connected(): void {
    this.requestSent = true;
    this.arm('read');
  }

  /** One timer per phase: the connect timer (new sockets only), then the read timer. */
  arm(phase: 'connect' | 'read'): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(onTimeout, phase === 'read' ? this.r.readTimeout : this.r.connectTimeout, this, phase);
  }

  succeed(res: IncomingMessage): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanup();
    const chunks = this.chunks;
    const buf = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    this.resolve(new NodeHttpResponse(res, buf.toString('utf8')));
  }

  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanup();
    this.reject(toTransportError(error, this.r, this.requestSent));
  }

  private cleanup(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.onAbort) this.r.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** The answer; its headers are parsed by node only when read (the success path never reads them). */
class NodeHttpResponse implements HttpResponse {
  readonly status: number;
  constructor(
    private readonly res: IncomingMessage,
    readonly body: string,
  ) {
    this.status = res.statusCode ?? 0;
  }
  get headers(): HttpResponse['headers'] {
    return this.res.headers;
  }
}

function exchangeOf(emitter: unknown): Exchange {
  return (emitter as Tagged<object>)[EXCHANGE] as Exchange;
}

function onTimeout(exchange: Exchange, phase: 'connect' | 'read'): void {
  const r = exchange.r;
  exchange.req?.destroy(new TimeoutError(phase, phase === 'read' ? r.readTimeout : r.connectTimeout));
}

// A reused keep-alive socket (the common case) starts the read timer at once; a new one runs the
// connect timer until it connects. Time queued for a free socket (maxSockets) is bounded by the
// other calls' timers.
function onSocket(this: ClientRequest, socket: Socket): void {
  const exchange = exchangeOf(this);
  // A tunnelled socket arrives connected and TLS-established (the tunnelling agent waits for both).
  if (!socket.connecting) {
    exchange.connected();
    return;
  }
  exchange.arm('connect');
  socket.once(exchange.r.protocol === 'https:' ? 'secureConnect' : 'connect', () => exchange.connected());
}

function onResponse(this: ClientRequest, res: IncomingMessage): void {
  const exchange = exchangeOf(this);
  (res as Tagged<IncomingMessage>)[EXCHANGE] = exchange;
  // A declared length over the limit is refused before any of the body is read.
  if (Number(res.headers['content-length']) > exchange.maxResponseBytes) {
    refuseTooLarge(exchange, res);
    return;
  }
  res.on('data', onData);
  res.on('error', onResponseError);
  res.on('end', onEnd);
}

function onData(this: IncomingMessage, chunk: Buffer): void {
  const exchange = exchangeOf(this);
  exchange.bytes += chunk.length;
  // Stop reading at once: a huge answer is never buffered whole.
  if (exchange.bytes > exchange.maxResponseBytes) refuseTooLarge(exchange, this);
  else exchange.chunks.push(chunk);
}

/** Settles the call with the error first, then drops the connection without an error event. */
function refuseTooLarge(exchange: Exchange, res: IncomingMessage): void {
  exchange.fail(
    new TransportError(
      `Answer body of more than ${exchange.maxResponseBytes} bytes is over the limit (maxResponseBytes)`,
      { code: 'ALISMS_RESPONSE_TOO_LARGE', requestSent: true },
    ),
  );
  res.destroy();
}

function onEnd(this: IncomingMessage): void {
  exchangeOf(this).succeed(this);
}

function onResponseError(this: IncomingMessage, error: Error): void {
  exchangeOf(this).fail(error);
}

function onRequestError(this: ClientRequest, error: Error): void {
  exchangeOf(this).fail(error);
}

function onRequestClose(this: ClientRequest): void {
  const exchange = exchangeOf(this);
  // Only an unsettled call needs the error: a settled one closes on every success.
  if (!exchange.settled) exchange.fail(new Error('Connection closed before the answer was complete'));
}

function flatHeaders(headers: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const name in headers) out.push(name, headers[name] as string);
  return out;
}
