import { AlismsError } from '../../core/errors.js';

/** Options of the {@link TransportError} constructor. */
export interface TransportErrorOptions {
  /** Node's error code (`ECONNREFUSED`, `ECONNRESET`, …) or an alisms code. */
  code: string;
  /**
   * Whether request bytes may have reached the server. `false` proves nothing was sent
   * (connection refused, DNS failure, connect timeout), which is what makes a retry of a send safe.
   */
  requestSent: boolean;
  /**
   * Whether a retry can help. @default true when nothing was sent, except for TLS certificate
   * failures; a proxy refusing the credentials (407) says false.
   */
  retryable?: boolean | undefined;
  cause?: unknown;
}

/**
 * OpenSSL verification failures: no trusted CA vouches for the certificate, or it does not name the
 * host. Retrying cannot help, so these are never retried even though nothing was sent.
 */
const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Whether a node error code is a TLS certificate verification failure. */
export function isCertificateErrorCode(code: string | undefined): boolean {
  return code !== undefined && CERTIFICATE_CODES.has(code);
}

/** The call failed at the network level: no answer from Aliyun was received. */
export class TransportError extends AlismsError {
  override name = 'TransportError';
  /** See {@link TransportErrorOptions.requestSent}. */
  readonly requestSent: boolean;

  constructor(message: string, options: TransportErrorOptions) {
    super(message, {
      code: options.code,
      retryable: options.retryable ?? (!options.requestSent && !isCertificateErrorCode(options.code)),
      cause: options.cause,
    });
    this.requestSent = options.requestSent;
  }
}

/** True for a {@link TransportError} or its subclass `TimeoutError`, also from another copy of alisms (matched on `name`). */
export function isTransportError(value: unknown): value is TransportError {
  return (
    value instanceof TransportError ||
    (value instanceof Error && (value.name === 'TransportError' || value.name === 'TimeoutError'))
  );
}
