import { request } from 'node:http';
import { formatTimestamp, hashPayload, newNonce, signRpcV1, signV3 } from 'alisms';

/** A hand-built Aliyun call for tests: signed like the official clients sign, sent over node:http. */
export interface SignedCall {
  scheme?: 'v3' | 'rpc';
  method?: 'GET' | 'POST';
  action: string;
  version?: string;
  params?: Record<string, string>;
  /** Where business params go: the URL query (default) or a form body. */
  placement?: 'query' | 'form';
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  /** Epoch ms used for the timestamp. @default Date.now() */
  now?: number;
  nonce?: string;
  format?: string;
  /** Changes the request after signing (to break it on purpose). */
  tamper?: (parts: { query: Record<string, string>; headers: Record<string, string>; body: string }) => void;
}

export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience, the shape is asserted by the caller
  json: any;
}

function form(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

/** Signs and sends one call to an emulator at `baseUrl` (`http://127.0.0.1:PORT`). */
export function callAliyun(baseUrl: string, call: SignedCall): Promise<CallResult> {
  const url = new URL(baseUrl);
  const scheme = call.scheme ?? 'v3';
  const method = call.method ?? 'POST';
  const version = call.version ?? '2017-05-25';
  const id = call.accessKeyId ?? 'testid';
  const secret = call.accessKeySecret ?? 'testsecret';
  const now = call.now ?? Date.now();
  const nonce = call.nonce ?? newNonce();
  const business = { ...(call.params ?? {}) };
  let query: Record<string, string> = {};
  let bodyParams: Record<string, string> = {};
  const headers: Record<string, string> = { host: url.host };
  if (scheme === 'rpc') {
    const all: Record<string, string> = {
      ...business,
      Action: call.action,
      Version: version,
      AccessKeyId: id,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: nonce,
      Timestamp: formatTimestamp(now),
      ...(call.format ? { Format: call.format } : {}),
      ...(call.securityToken ? { SecurityToken: call.securityToken } : {}),
    };
    all.Signature = signRpcV1({ method, params: all, accessKeySecret: secret });
    if (call.placement === 'form') bodyParams = all;
    else query = all;
  } else {
    if (call.placement === 'form') bodyParams = business;
    else query = business;
    if (call.format) query.Format = call.format;
  }
  let body = form(bodyParams);
  if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (scheme === 'v3') {
    Object.assign(headers, {
      'x-acs-action': call.action,
      'x-acs-version': version,
      'x-acs-date': formatTimestamp(now),
      'x-acs-signature-nonce': nonce,
      'x-acs-content-sha256': hashPayload(body),
      ...(call.securityToken ? { 'x-acs-security-token': call.securityToken } : {}),
    });
    headers.authorization = signV3({ method, query, headers, body }, id, secret).authorization;
  }
  const parts = { query, headers, body };
  call.tamper?.(parts);
  body = parts.body;
  const path = `/?${form(parts.query)}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...parts.headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
