import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from './errors.js';
import { countParams, MAX_PARAMS } from './limits.js';
import { parseParams } from './params.js';

/** One Aliyun RPC call as the emulator sees it, whatever client and signature scheme produced it. */
export interface AliyunRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** Decoded URL query parameters (what V3 signs). */
  query: Record<string, string>;
  /** Query and form body merged; the body wins on a clash (what RPC v1 signs and the actions read). */
  params: Record<string, string>;
  body: Buffer;
  /** `v3` when an ACS3 Authorization header is present (or no RPC signature parameters are). */
  scheme: 'v3' | 'rpc';
  action: string | undefined;
  version: string | undefined;
  /** The caller asked for `Format=XML`. */
  xml: boolean;
}

function isFormBody(headers: IncomingHttpHeaders, body: Buffer): boolean {
  if (body.length === 0) return false;
  const type = headers['content-type'];
  // pop-core, Tea and got all label the form; an unlabelled body is treated as one too (curl -d does that).
  return type === undefined || type.includes('application/x-www-form-urlencoded');
}

/** Builds the request view from the raw pieces. */
export function parseAliyunRequest(
  method: string,
  headers: IncomingHttpHeaders,
  rawQuery: string,
  body: Buffer,
): AliyunRequest {
  const form = isFormBody(headers, body) ? body.toString('utf8') : '';
  // Counted before anything is decoded: a million-parameter form must cost a scan, not a parse.
  if (countParams(rawQuery) + countParams(form) > MAX_PARAMS)
    throw new GatewayError(400, 'InvalidParameter', `The request carries more than ${MAX_PARAMS} parameters.`);
  const query = parseParams(rawQuery);
  const params = form ? parseParams(form, { ...query }) : query;
  const authorization = headers.authorization;
  const rpc =
    !authorization?.startsWith('ACS3-') &&
    (params.Signature !== undefined || params.AccessKeyId !== undefined || params.SignatureNonce !== undefined);
  const scheme = rpc || (authorization === undefined && headers['x-acs-action'] === undefined) ? 'rpc' : 'v3';
  const action = scheme === 'rpc' ? params.Action : (headers['x-acs-action'] as string | undefined);
  const version = scheme === 'rpc' ? params.Version : (headers['x-acs-version'] as string | undefined);
  return {
    method: method.toUpperCase(),
    headers,
    query,
    params,
    body,
    scheme,
    action,
    version,
    xml: (params.Format ?? '').toUpperCase() === 'XML',
  };
}
