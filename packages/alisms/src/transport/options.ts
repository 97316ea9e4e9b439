import type { Clock } from '../core/clock.js';
import type { Duration } from '../core/duration.js';
import type { CredentialProvider } from '../credentials/types.js';
import type { HttpTransport } from './http-types.js';

/**
 * Options of `SmsClient`, `IntlSmsClient` and `MailClient` (one type for all three).
 *
 * @example
 * const sms = new SmsClient({ accessKeyId: 'LTAI…', accessKeySecret: process.env.SECRET, connectTimeout: '2 s' });
 */
export interface ClientOptions {
  /**
   * AccessKey ID. Give it together with `accessKeySecret`, or leave both out to use `credentials`
   * or the environment.
   * @default env `ALIBABA_CLOUD_ACCESS_KEY_ID`
   */
  accessKeyId?: string | undefined;
  /**
   * AccessKey secret. Never logged, never in an error message.
   * @default env `ALIBABA_CLOUD_ACCESS_KEY_SECRET`
   */
  accessKeySecret?: string | undefined;
  /**
   * STS security token, for temporary credentials (sent as `x-acs-security-token` under V3,
   * `SecurityToken` under v1).
   * @default env `ALIBABA_CLOUD_SECURITY_TOKEN`
   */
  securityToken?: string | undefined;
  /**
   * A credential provider, asked before every request (cache inside it). Takes precedence over the
   * three fields above.
   * @default the default credential chain (environment first)
   */
  credentials?: CredentialProvider | undefined;
  /**
   * Where to send requests: `https://host[:port]`, `http://host[:port]`, or `host[:port]` (https,
   * except loopback hosts, which mean http).
   * @default env `ALISMS_ENDPOINT`, else the region's endpoint, else the product default
   */
  endpoint?: string | undefined;
  /**
   * Region id used to pick the endpoint, e.g. `cn-hangzhou`, `ap-southeast-1`.
   * @default the product default endpoint (`dysmsapi.aliyuncs.com`, `dm.aliyuncs.com`)
   */
  regionId?: string | undefined;
  /**
   * `'v3'` signs with ACS3-HMAC-SHA256 (headers); `'v1'` with the RPC HMAC-SHA1 query signature.
   * @default 'v3'
   */
  signatureVersion?: 'v3' | 'v1' | undefined;
  /**
   * Time allowed to open the connection (TCP + TLS), in ms or a duration such as `'2 s'`.
   * A connect timeout proves nothing was sent, so it is retried.
   * @default 5000 (ms)
   */
  connectTimeout?: Duration | undefined;
  /**
   * Time allowed from the connection being ready to the end of the answer, in ms or a duration.
   * A send that hits it fails with `SendOutcomeUnknownError` and is not retried.
   * @default 10000 (ms)
   */
  readTimeout?: Duration | undefined;
  /**
   * Retries after the first attempt, only where no message can have been sent (see "Retries").
   * @default 2
   */
  retries?: number | undefined;
  /**
   * Most connections open at once to the endpoint; more concurrent calls queue.
   * @default 64
   */
  maxSockets?: number | undefined;
  /**
   * Node build only: how long an idle keep-alive connection is kept, in ms (shortened to a server's
   * `Keep-Alive: timeout=N` hint less 1 s). Reusing a connection the server is closing would leave a
   * send's outcome unknown, so idle connections are closed first.
   * @default 4000
   */
  keepAliveTimeout?: number | undefined;
  /**
   * Largest answer body accepted, in bytes; a longer answer fails the call (a send with
   * `SendOutcomeUnknownError`) instead of being buffered whole.
   * @default 8388608 (8 MiB)
   */
  maxResponseBytes?: number | undefined;
  /**
   * Node build only: your own `http.Agent` / `https.Agent` (matching the endpoint's protocol),
   * e.g. with a private CA or a proxy agent of your choice. It replaces the client's keep-alive
   * agents and the `proxy` setting, and `close()` leaves it open.
   * @default keep-alive agents owned by the client
   */
  agent?: object | undefined;
  /**
   * Node build only: proxy URL `http://[user:password@]host:port`, or `false` for no proxy whatever
   * the environment says. https endpoints go through a CONNECT tunnel, http ones as absolute-form
   * requests; the credentials never appear in errors.
   * @default env `HTTPS_PROXY` / `HTTP_PROXY` (either case) by the endpoint's protocol, unless `NO_PROXY` lists the host
   */
  proxy?: string | false | undefined;
  /**
   * Replaces the HTTP layer (unit tests count calls and script failures with it).
   * @default Node: keep-alive `node:http`/`node:https` (`createNodeHttpTransport`); Web build: `fetch` (`createFetchTransport`)
   */
  transport?: HttpTransport | undefined;
  /** Source of the signing timestamp. @default the system clock */
  clock?: Clock | undefined;
  /** Waits between retries; tests pass one that does not sleep. @default a timer that honours the signal */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Random source in [0, 1) for retry jitter. @default Math.random */
  random?: (() => number) | undefined;
  /**
   * Environment read for `ALISMS_ENDPOINT`, credentials and proxies; pass it where the runtime has no
   * `process.env` (Workers: the `env` binding).
   * @default process.env, or `{}` where there is none
   */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Per-call options; each overrides the client's option of the same name for this call only. */
export interface CallOptions {
  /** Aborts the call (and any wait between retries). */
  signal?: AbortSignal | undefined;
  /** @default the client's `connectTimeout` */
  connectTimeout?: Duration | undefined;
  /** @default the client's `readTimeout` */
  readTimeout?: Duration | undefined;
  /** @default the client's `retries` */
  retries?: number | undefined;
}
