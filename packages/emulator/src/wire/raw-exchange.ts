import { maskSecret } from 'alisms';
import type { RawExchange } from '../store/types.js';
import type { AliyunRequest } from './request.js';
import type { Body } from './respond.js';

const REDACTED = '[REDACTED]';

/** Parameters that prove or grant access: the signature and the STS token go, the key id is shortened. */
const SECRET_PARAMS: Record<string, (value: string) => string> = {
  Signature: () => REDACTED,
  SecurityToken: () => REDACTED,
  AccessKeyId: maskSecret,
};

/** `ACS3-HMAC-SHA256 Credential=LTAI****1234,SignedHeaders=...,Signature=[REDACTED]`. */
function redactAuthorization(value: string): string {
  return value
    .replace(/Credential=([^,\s]+)/, (_, id: string) => `Credential=${maskSecret(id)}`)
    .replace(/Signature=[^,\s]+/, `Signature=${REDACTED}`);
}

const SECRET_HEADERS: Record<string, (value: string) => string> = {
  authorization: redactAuthorization,
  'x-acs-security-token': () => REDACTED,
  'x-acs-accesskey-id': maskSecret,
  cookie: () => REDACTED,
  'proxy-authorization': () => REDACTED,
};

/**
 * The raw view of one call (`GET /_emulator/api/messages/{id}/raw`): action, parameters and headers
 * as received, the answer as sent. Whoever can open the inbox must not be able to replay the call or
 * lift the caller's credentials from it, so the signature and STS token are removed and the
 * AccessKeyId is shortened to `LTAI****1234` (enough to tell keys apart).
 */
export function toRawExchange(request: AliyunRequest, status: number, body: Body): RawExchange {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.params)) {
    const redact = Object.hasOwn(SECRET_PARAMS, name) ? SECRET_PARAMS[name] : undefined;
    params[name] = redact ? redact(value) : value;
  }
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(request.headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    const redact = Object.hasOwn(SECRET_HEADERS, name) ? SECRET_HEADERS[name] : undefined;
    headers[name] = redact ? redact(value) : value;
  }
  return {
    request: {
      method: request.method,
      ...(request.action === undefined ? {} : { action: request.action }),
      ...(request.version === undefined ? {} : { version: request.version }),
      scheme: request.scheme,
      params,
      headers,
    },
    response: { status, body },
  };
}
