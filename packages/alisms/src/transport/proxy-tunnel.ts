import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent, AgentOptions as HttpsAgentOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { nodeBuiltin } from '../core/node-builtin.js';
import { TransportError } from './errors/transport-error.js';
import type { ProxyTarget } from './proxy-config.js';

type ConnectOptions = HttpsAgentOptions & { host?: string; hostname?: string; port?: number; servername?: string };
type OnCreate = (error: Error | null, socket: Duplex) => void;

type TunnelingAgentClass = new (proxy: ProxyTarget, options: HttpsAgentOptions) => HttpsAgent;
let TunnelingAgent: TunnelingAgentClass | undefined;

/**
 * A keep-alive https agent whose connections go through an http proxy's CONNECT tunnel: the proxy
 * sees only `host:port`, TLS runs end to end with the endpoint, and a tunnel is reused like any
 * keep-alive socket. A refused tunnel fails before any request byte left: nothing was sent.
 */
export function tunnelingAgent(proxy: ProxyTarget, options: HttpsAgentOptions): HttpsAgent {
  // The class extends https.Agent, so it is made on first use: node:https is not loaded at import.
  TunnelingAgent ??= defineTunnelingAgent();
  return new TunnelingAgent(proxy, options);
}

function defineTunnelingAgent(): TunnelingAgentClass {
  // The modules are read at each connection (never their functions kept), like the transport's.
  const http = nodeBuiltin('node:http');
  const tls = nodeBuiltin('node:tls');
  return class TunnelingAgent extends nodeBuiltin('node:https').Agent {
    constructor(
      private readonly proxy: ProxyTarget,
      options: HttpsAgentOptions,
    ) {
      super(options);
    }

    // Node's Agent accepts a socket through the callback when createConnection returns nothing.
    override createConnection(options: ConnectOptions, onCreate?: OnCreate): undefined {
      const host = options.hostname ?? options.host ?? 'localhost';
      const port = options.port ?? 443;
      const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
      const headers: Record<string, string> = { host: authority };
      if (this.proxy.authorization) headers['proxy-authorization'] = this.proxy.authorization;
      const connect = http.request({
        hostname: this.proxy.hostname,
        port: this.proxy.port,
        method: 'CONNECT',
        path: authority,
        headers,
        agent: false as unknown as HttpAgent,
      });
      let done = false;
      const finish = (error: Error | null, socket?: Socket) => {
        if (done) return;
        done = true;
        onCreate?.(error, socket as Duplex);
      };
      connect.once('connect', (res, socket) => {
        if (res.statusCode !== 200) {
          socket.destroy();
          finish(
            new TransportError(
              `Proxy ${this.proxy.display} refused the tunnel to ${authority} with HTTP ${res.statusCode}${res.statusCode === 407 ? ' (proxy credentials missing or wrong)' : ''}; nothing was sent`,
              // Wrong or missing proxy credentials (or a forbidden target) stay wrong on a retry.
              {
                code: 'ALISMS_PROXY_REFUSED',
                requestSent: false,
                retryable: ![401, 403, 407].includes(res.statusCode ?? 0),
              },
            ),
          );
          return;
        }
        const secure: TLSSocket = tls.connect({ ...options, socket, servername: options.servername ?? host });
        secure.once('secureConnect', () => finish(null, secure));
        secure.once('error', (error) => finish(error));
      });
      connect.once('error', (error) =>
        finish(
          new TransportError(`Proxy ${this.proxy.display} could not be reached (${error.message}); nothing was sent`, {
            code: (error as NodeJS.ErrnoException).code ?? 'ALISMS_PROXY_ERROR',
            requestSent: false,
            cause: error,
          }),
        ),
      );
      connect.end();
      return undefined;
    }
  };
}
