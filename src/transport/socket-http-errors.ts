import { isCertificateErrorCode } from './errors/transport-error.js';

/** A short, actionable description of a socket error from node (refused, DNS, reset, TLS trust). */
export function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'Connection refused; nothing was sent';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Host name could not be resolved; nothing was sent';
  if (code === 'ECONNRESET') return 'Connection reset';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `TLS certificate does not match the host name (${error.message}); nothing was sent`;
  if (isCertificateErrorCode(code))
    return `TLS certificate not trusted (${code}: ${error.message}); nothing was sent. For a private CA, pass it as the transport's tls.ca`;
  return error.message || 'Network error';
}
