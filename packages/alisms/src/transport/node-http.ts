import { type ClientRequest, Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { TimeoutError } from './errors/timeout-error.js';
import { TransportError } from './errors/transport-error.js';
import type { HttpRequest, HttpResponse, HttpTransport } from './http-types.js';
import { toTransportError } from './network-error.js';

/** Options of {@link createNodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** Most sockets open at once per host; further calls queue in the agent. @default 64 */
  maxSockets?: number;
}

/** A keep-alive transport over `node:http` / `node:https`, plus `close()` to drop its idle sockets. */
export interface NodeHttpTransport {
  send: HttpTransport;
  /** Destroys every socket of the agents; in-flight calls fail. */
  close(): void;
}

/**
 * Keep-alive connections with separate connect and read timers. Not global fetch: node:http with a
 * keep-alive agent measured several times faster per request here.
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): NodeHttpTransport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  const send: HttpTransport = (r) =>
    new Promise<HttpResponse>((resolve, reject) => {
      if (r.signal?.aborted) {
        reject(new TransportError('Aborted before sending', { code: 'ABORT_ERR', requestSent: false }));
        return;
      }
      const https = r.protocol === 'https:';
      const exchange = new Exchange(r, resolve, reject);
      const req = (https ? httpsRequest : httpRequest)(
        {
          agent: https ? httpsAgent : httpAgent,
          hostname: r.hostname,
          port: r.port,
          method: r.method,
          path: r.path,
          // A flat [name, value, …] list skips node's per-header setHeader bookkeeping.
          headers: flatHeaders(r.headers),
        },
        onResponse,
      );
      exchange.req = req;
      (req as Tagged<ClientRequest>)[EXCHANGE] = exchange;
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
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
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
  private onAbort: (() => void) | undefined = undefined;

  constructor(
    readonly r: HttpRequest,
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
  if (!socket.connecting) {
    exchange.connected();
    return;
  }
  exchange.arm('connect');
  socket.once(exchange.r.protocol === 'https:' ? 'secureConnect' : 'connect', () => exchange.connected());
}

function onResponse(this: ClientRequest, res: IncomingMessage): void {
  (res as Tagged<IncomingMessage>)[EXCHANGE] = exchangeOf(this);
  res.on('data', onData);
  res.on('error', onResponseError);
  res.on('end', onEnd);
}

function onData(this: IncomingMessage, chunk: Buffer): void {
  exchangeOf(this).chunks.push(chunk);
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
