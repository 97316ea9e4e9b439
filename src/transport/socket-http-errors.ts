/** A short, actionable description of a socket error from node (refused, DNS, reset, TLS trust). */
export function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'Connection refused; nothing was sent';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Host name could not be resolved; nothing was sent';
  if (code === 'ECONNRESET') return 'Connection reset';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `TLS certificate does not match the host name (${error.message}); nothing was sent`;
  if (code !== undefined && TLS_TRUST_CODES.has(code))
    return `TLS certificate not trusted (${code}: ${error.message}); nothing was sent. For a private CA, pass it as the transport's tls.ca`;
  return error.message || 'Network error';
}

/** OpenSSL verification failures that mean "no trusted CA vouches for this certificate". */
const TLS_TRUST_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
]);
