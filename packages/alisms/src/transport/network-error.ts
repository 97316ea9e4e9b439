import { AlismsError } from '../core/errors.js';
import { isCertificateErrorCode, TransportError } from './errors/transport-error.js';
import type { HttpRequest } from './http-types.js';

/** A short, actionable description of a socket error from node (refused, DNS, reset, TLS trust). */
function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'Connection refused; nothing was sent';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Host name could not be resolved; nothing was sent';
  if (code === 'ECONNRESET') return 'Connection reset';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `TLS certificate does not match the host name (${error.message}); nothing was sent`;
  if (isCertificateErrorCode(code))
    return `TLS certificate not trusted (${code}: ${error.message}); nothing was sent. For a private CA, pass it as createNodeHttpTransport({ tls: { ca } })`;
  return error.message || 'Network error';
}

/**
 * What a transport rejects with when a request fails: our own errors (timeouts, aborts, an unreadable
 * answer) pass as they are; node's get wrapped in a `TransportError` that says whether bytes left us.
 * Shared by both transports so they fail alike.
 */
export function toTransportError(error: Error, request: HttpRequest, requestSent: boolean): Error {
  if (error instanceof AlismsError) return error;
  return new TransportError(`${describe(error)} (${request.method} ${request.hostname}:${request.port})`, {
    code: (error as NodeJS.ErrnoException).code ?? 'ALISMS_TRANSPORT_ERROR',
    requestSent,
    cause: error,
  });
}
