/** One HTTP exchange as the transport sees it; built and signed by the client. */
export interface HttpRequest {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  method: 'GET' | 'POST';
  /** Path with the query string, e.g. `/?PhoneNumbers=…`. */
  path: string;
  /** Every header to send, `host` included. */
  headers: Record<string, string>;
  /** Form body, or undefined for none. */
  body: string | undefined;
  /** ms to establish the connection (TCP + TLS). */
  connectTimeout: number;
  /** ms from the connection being ready to the end of the answer. */
  readTimeout: number;
  signal: AbortSignal | undefined;
}

/** The answer, read in full. */
export interface HttpResponse {
  status: number;
  /** Lower-case header names, as node gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

/**
 * Sends one request. Resolves with any HTTP answer (4xx/5xx included); rejects only when no answer
 * was received, with a `TransportError` (or `TimeoutError`) whose `requestSent` says whether bytes may
 * have reached the server. Inject one in unit tests to count calls and script failures.
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;
