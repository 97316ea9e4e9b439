import type { SecureContextOptions } from 'node:tls';
import type { Clock } from '../core/clock.js';
import type { NodeHttpTransportOptions } from './node-http.js';

/** Options of {@link createSocketHttpTransport}. */
export interface SocketHttpTransportOptions extends NodeHttpTransportOptions {
  /**
   * TLS settings for `https:` endpoints. Without them the server certificate is checked against
   * Node's bundled root CAs (plus `NODE_EXTRA_CA_CERTS`) and the endpoint's host name.
   */
  tls?: SocketTlsOptions | undefined;
  /**
   * Largest answer body accepted, in bytes; a longer one fails with `InvalidResponseError` and its
   * connection is closed.
   * @default 8388608 (8 MiB)
   */
  maxResponseBytes?: number | undefined;
  /**
   * Source of time for keep-alive expiry: a connection whose answer said `Keep-Alive: timeout=N` is
   * not reused once it has been idle for about N − 1 s, so a call does not race the server closing it.
   * @default the system clock
   */
  clock?: Clock | undefined;
}

/** TLS settings of the socket transport. */
export interface SocketTlsOptions {
  /**
   * CA certificates (PEM) to trust **instead of** Node's bundled roots, e.g. a company CA in front of
   * a test endpoint. To trust both, pass `[...tls.rootCertificates, myCa]`.
   * @default Node's bundled root CAs
   */
  ca?: SecureContextOptions['ca'];
}
