import { isIP, connect as netConnect, type Socket } from 'node:net';
import { type SecureContextOptions, connect as tlsConnect } from 'node:tls';
import { type Clock, systemClock } from '../core/clock.js';
import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { TransportError } from './errors/transport-error.js';
import type { HttpRequest, HttpResponse, HttpTransport } from './http-types.js';
import { toTransportError } from './network-error.js';
import type { NodeHttpTransport } from './node-http.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type ParsedHead, ResponseReader } from './response-reader.js';
import { keepAliveMs, requestHead } from './socket-http-head.js';
import type { SocketHttpTransportOptions } from './socket-http-options.js';

/**
 * Keep-alive HTTP/1.1 straight over `node:net` / `node:tls`: one write per request, a small reader
 * for the answer, a LIFO pool of idle connections per host. Same contract and timers as the
 * `node:http` transport (`createNodeHttpTransport`), without the per-request ClientRequest,
 * IncomingMessage stream and agent bookkeeping, which cost more CPU than the whole signing step.
 */
export function createSocketHttpTransport(options: SocketHttpTransportOptions = {}): NodeHttpTransport {
  const settings: PoolSettings = {
    // 0 would queue every call for ever: refuse it here rather than hang.
    maxSockets: positiveInteger('maxSockets', options.maxSockets ?? 64),
    ca: options.tls?.ca,
    maxResponseBytes: positiveInteger('maxResponseBytes', options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
    clock: options.clock ?? systemClock,
  };
  const pools = new Map<string, Pool>();
  const send: HttpTransport = (r) =>
    new Promise<HttpResponse>((resolve, reject) => {
      if (r.signal?.aborted) {
        reject(new TransportError('Aborted before sending', { code: 'ABORT_ERR', requestSent: false }));
        return;
      }
      const key = `${r.protocol}//${r.hostname}:${r.port}`;
      let pool = pools.get(key);
      if (pool === undefined) {
        pool = new Pool(r.protocol === 'https:', r.hostname, r.port, settings);
        pools.set(key, pool);
      }
      pool.acquire(new Exchange(r, resolve, reject));
    });
  return {
    send,
    close() {
      for (const pool of pools.values()) pool.destroy();
      pools.clear();
    },
  };
}

/** One call: its request, timer, state for the retry decision, and how to settle it. */
class Exchange {
  conn: Connection | undefined = undefined;
  /** Set once the request is handed to a connected socket: bytes may reach the server. */
  requestSent = false;
  settled = false;
  timer: NodeJS.Timeout | undefined = undefined;
  private onAbort: (() => void) | undefined = undefined;

  constructor(
    readonly r: HttpRequest,
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  watch(signal: AbortSignal, pool: Pool): void {
    this.onAbort = () => {
      const error = new TransportError('Aborted by the caller', { code: 'ABORT_ERR', requestSent: this.requestSent });
      if (this.conn) this.conn.socket.destroy(error);
      else {
        pool.dequeue(this);
        this.fail(error);
      }
    };
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  arm(phase: 'connect' | 'read'): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(onTimeout, phase === 'read' ? this.r.readTimeout : this.r.connectTimeout, this, phase);
  }

  succeed(response: HttpResponse): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanup();
    this.resolve(response);
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

function onTimeout(exchange: Exchange, phase: 'connect' | 'read'): void {
  const r = exchange.r;
  exchange.conn?.socket.destroy(new TimeoutError(phase, phase === 'read' ? r.readTimeout : r.connectTimeout));
}

/** What every pool of one transport shares. */
interface PoolSettings {
  maxSockets: number;
  ca: SecureContextOptions['ca'] | undefined;
  maxResponseBytes: number;
  clock: Clock;
}

/** Connections to one host: idle ones (reused last-in first-out), the open count, calls waiting for one. */
class Pool {
  private readonly idle: Connection[] = [];
  private readonly waiting: Exchange[] = [];
  /** Every open connection, idle or busy: `maxSockets` bounds its size, `destroy()` closes them all. */
  private readonly all = new Set<Connection>();
  private destroyed = false;
  /** The last TLS session, offered when opening the next connection so it can skip a full handshake. */
  tlsSession: Buffer | undefined = undefined;

  constructor(
    readonly https: boolean,
    readonly hostname: string,
    readonly port: number,
    readonly settings: PoolSettings,
  ) {}

  acquire(exchange: Exchange): void {
    if (exchange.r.signal) exchange.watch(exchange.r.signal, this);
    let conn = this.idle.pop();
    // Skip a connection the server has just closed (it may still be listed for a moment) or is about
    // to close by its own Keep-Alive timeout: a request written to it would race that close.
    while (conn && (conn.socket.destroyed || !conn.socket.writable || this.expired(conn))) {
      conn.socket.destroy();
      conn = this.idle.pop();
    }
    if (conn) {
      conn.start(exchange);
      return;
    }
    if (this.all.size < this.settings.maxSockets) {
      this.openConnection().start(exchange);
      return;
    }
    this.waiting.push(exchange);
  }

  /** A connection finished an answer and may be reused: the next waiting call takes it, else it idles. */
  release(conn: Connection): void {
    const next = this.waiting.shift();
    if (next) {
      conn.start(next);
      return;
    }
    if (this.destroyed) {
      conn.socket.destroy();
      return;
    }
    conn.socket.unref();
    if (conn.keepAliveMs !== undefined) conn.idleUntil = this.settings.clock.now() + conn.keepAliveMs;
    this.idle.push(conn);
  }

  /** Whether an idle connection has outlived the server's `Keep-Alive: timeout` (less a margin). */
  private expired(conn: Connection): boolean {
    return conn.keepAliveMs !== undefined && conn.idleUntil <= this.settings.clock.now();
  }

  /** A connection closed (idle or busy): forget it, and open one for a waiting call. */
  closed(conn: Connection): void {
    this.all.delete(conn);
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    const next = this.destroyed ? undefined : this.waiting.shift();
    if (next) this.openConnection().start(next);
  }

  private openConnection(): Connection {
    const conn = new Connection(this);
    this.all.add(conn);
    return conn;
  }

  dequeue(exchange: Exchange): void {
    const i = this.waiting.indexOf(exchange);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  destroy(): void {
    this.destroyed = true;
    this.idle.length = 0;
    // In-flight calls fail with ERR_CLIENT_CLOSED; requestSent says whether their request was written.
    for (const conn of [...this.all]) conn.close();
    for (const exchange of this.waiting.splice(0))
      exchange.fail(new TransportError('Client closed', { code: 'ERR_CLIENT_CLOSED', requestSent: false }));
  }
}

/** One socket, carrying one exchange at a time. */
class Connection {
  readonly socket: Socket;
  private connected = false;
  private exchange: Exchange | undefined = undefined;
  private readonly reader: ResponseReader;
  /** How long it may idle, from the last answer's `Keep-Alive: timeout`; undefined when not given. */
  keepAliveMs: number | undefined = undefined;
  private lastHint: string | string[] | undefined = undefined;
  /** Clock time after which an idle connection is not reused (set on release when keepAliveMs is known). */
  idleUntil = 0;

  constructor(private readonly pool: Pool) {
    const host = pool.hostname;
    this.reader = new ResponseReader(pool.settings.maxResponseBytes);
    this.socket = pool.https
      ? tlsConnect({
          host,
          port: pool.port,
          servername: isIP(host) ? '' : host,
          ALPNProtocols: ['http/1.1'],
          session: pool.tlsSession,
          // Left out unless given, so Node's bundled roots apply.
          ...(pool.settings.ca === undefined ? {} : { ca: pool.settings.ca }),
        })
      : netConnect({ host, port: pool.port });
    if (pool.https)
      this.socket.on('session', (session: Buffer) => {
        pool.tlsSession = session;
      });
    this.socket.setNoDelay(true);
    this.socket.setKeepAlive(true, 1000);
    this.socket.once(pool.https ? 'secureConnect' : 'connect', () => {
      this.connected = true;
      if (this.exchange) this.write(this.exchange);
    });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('end', () => this.onEnd());
    this.socket.on('error', (error: Error) => this.exchange?.fail(error));
    this.socket.on('close', () => this.onClose());
  }

  start(exchange: Exchange): void {
    this.exchange = exchange;
    exchange.conn = this;
    this.socket.ref();
    if (this.connected) this.write(exchange);
    else exchange.arm('connect');
  }

  private write(exchange: Exchange): void {
    let head: string;
    try {
      head = requestHead(exchange.r);
    } catch (error) {
      // Nothing was written: the connection stays usable.
      this.exchange = undefined;
      exchange.fail(error as Error);
      this.pool.release(this);
      return;
    }
    exchange.requestSent = true;
    exchange.arm('read');
    const body = exchange.r.body;
    if (body === undefined || body === '') this.socket.write(head, 'latin1');
    else {
      this.socket.cork();
      this.socket.write(head, 'latin1');
      this.socket.write(body, 'utf8');
      this.socket.uncork();
    }
  }

  private onData(chunk: Buffer): void {
    const exchange = this.exchange;
    if (exchange === undefined) {
      // Bytes nobody asked for: the connection is out of step, drop it.
      this.socket.destroy();
      return;
    }
    let head: ParsedHead | undefined;
    try {
      head = this.reader.push(chunk);
    } catch (error) {
      this.socket.destroy(error as Error);
      return;
    }
    if (head !== undefined) this.finish(exchange, head);
  }

  private onEnd(): void {
    const exchange = this.exchange;
    if (exchange === undefined) {
      // The server closed an idle connection: drop it now rather than on 'close'.
      this.socket.destroy();
      return;
    }
    // An answer delimited by the end of the connection (no length, not chunked) is complete now.
    const head = this.reader.end();
    if (head) this.finish(exchange, head, false);
  }

  private finish(exchange: Exchange, head: ParsedHead, reusable = true): void {
    const body = this.reader.takeBody();
    this.exchange = undefined;
    exchange.conn = undefined;
    exchange.succeed({ status: head.status, headers: head.headers, body });
    const hint = head.headers['keep-alive'];
    // A server repeats the same hint on every answer: parse it once per connection.
    if (hint !== undefined && hint !== this.lastHint) {
      this.lastHint = hint;
      this.keepAliveMs = keepAliveMs(hint);
    }
    if (reusable && head.keepAlive && !this.reader.hasLeftover()) this.pool.release(this);
    else this.socket.destroy();
  }

  /** Closes the socket; a call it carries fails as closed by the client. */
  close(): void {
    const exchange = this.exchange;
    if (exchange)
      exchange.fail(
        new TransportError('Client closed while the call was in flight', {
          code: 'ERR_CLIENT_CLOSED',
          requestSent: exchange.requestSent,
        }),
      );
    this.socket.destroy();
  }

  private onClose(): void {
    this.pool.closed(this);
    const exchange = this.exchange;
    this.exchange = undefined;
    exchange?.fail(new Error('Connection closed before the answer was complete'));
  }
}

function positiveInteger(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new InvalidArgumentError(field, `must be a whole number of at least 1, got ${value}`);
  return value;
}
