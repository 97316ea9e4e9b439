import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { TransportError } from './errors/transport-error.js';
import type { HttpResponse, HttpTransport } from './http-types.js';

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /**
   * Largest answer body accepted, in bytes; reading stops past it and the call fails.
   * @default 8388608 (8 MiB)
   */
  maxResponseBytes?: number | undefined;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
}

/**
 * The transport of the Web build (Workers, Deno, Bun, edge functions, browsers) over `fetch`, with
 * the error classes of the Node transport. fetch cannot tell connecting from waiting for the answer,
 * nor say whether request bytes left: one timer of `connectTimeout + readTimeout` covers the call,
 * and any failure once fetch has started counts as "may have been sent" (a send then fails with
 * `SendOutcomeUnknownError` rather than being retried).
 *
 * @example
 * const sms = new SmsClient({ accessKeyId, accessKeySecret, transport: createFetchTransport().send });
 */
export function createFetchTransport(options: FetchTransportOptions = {}): { send: HttpTransport; close(): void } {
  const maxResponseBytes = options.maxResponseBytes ?? 8 * 1024 * 1024;
  if (!Number.isInteger(maxResponseBytes) || maxResponseBytes < 1)
    throw new InvalidArgumentError('maxResponseBytes', `must be a whole number of at least 1, got ${maxResponseBytes}`);
  const fetchFn = options.fetch;
  const send: HttpTransport = async (r) => {
    if (r.signal?.aborted)
      throw new TransportError('Aborted before sending', { code: 'ABORT_ERR', requestSent: false });
    const limit = r.connectTimeout + r.readTimeout;
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new TimeoutError('read', limit)), limit);
    const onAbort = () =>
      timer.abort(new TransportError('Aborted by the caller', { code: 'ABORT_ERR', requestSent: true }));
    r.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const { host: _host, 'content-length': _length, ...headers } = r.headers;
      const port = r.port === (r.protocol === 'https:' ? 443 : 80) ? '' : `:${r.port}`;
      const hostname = r.hostname.includes(':') ? `[${r.hostname}]` : r.hostname;
      const init: RequestInit = { method: r.method, headers, signal: timer.signal, redirect: 'manual' };
      if (r.body !== undefined) init.body = r.body;
      const response = await (fetchFn ?? globalThis.fetch)(`${r.protocol}//${hostname}${port}${r.path}`, init);
      const body = await readLimited(response, maxResponseBytes);
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        out[name] = value;
      });
      return { status: response.status, headers: out, body } satisfies HttpResponse;
    } catch (error) {
      if (timer.signal.aborted && timer.signal.reason instanceof TransportError) throw timer.signal.reason;
      if (error instanceof TransportError) throw error;
      throw new TransportError(
        `${error instanceof Error ? error.message : String(error)} (${r.method} ${r.hostname}:${r.port})`,
        { code: 'ALISMS_FETCH_FAILED', requestSent: true, cause: error },
      );
    } finally {
      clearTimeout(timeout);
      r.signal?.removeEventListener('abort', onAbort);
    }
  };
  return { send, close() {} };
}

/** The body as UTF-8 text, refusing it once it grows past `max` bytes. */
async function readLimited(response: Response, max: number): Promise<string> {
  if (Number(response.headers.get('content-length')) > max) {
    await response.body?.cancel();
    throw tooLarge(max);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(all);
}

function tooLarge(max: number): TransportError {
  return new TransportError(`Answer body of more than ${max} bytes is over the limit (maxResponseBytes)`, {
    code: 'ALISMS_RESPONSE_TOO_LARGE',
    requestSent: true,
  });
}
