import { VERSION } from '../core/version.js';
import type { ParamMap } from './canonical-query.js';
import { formatTimestamp } from './timestamp.js';

export const FORM = 'application/x-www-form-urlencoded';

/** The keys one request is signed with (the shape of `Credentials`, without its metadata). */
export interface SigningKeys {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
}

/** What both signers need for one attempt. `nonce` and `now` are fresh for every attempt. */
export interface SignInput {
  /** `host[:port]` as sent in the Host header (signed under V3). */
  host: string;
  action: string;
  version: string;
  /** Parameters for the URL query. */
  query: ParamMap;
  /** Parameters for the form body (none: empty body). */
  form: ParamMap | undefined;
  credentials: SigningKeys;
  now: number;
  nonce: string;
}

/** One signed attempt: what the transport sends as is. */
export interface SignedRequest {
  /** `/?` + the query string (the signature included under v1). */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Kept so errors can be scrubbed of it. */
  signature: string;
}

let userAgent: string | undefined;
/**
 * `alisms/<version> <runtime>/<version>`, worked out on first use rather than at load: the Web
 * build must read nothing from `process` while loading (edge runtimes have none).
 */
export function sdkUserAgent(): string {
  if (userAgent === undefined) {
    const g = globalThis as {
      process?: { versions?: Record<string, string | undefined> };
      navigator?: { userAgent?: string };
    };
    const versions = g.process?.versions;
    const runtime = versions?.bun
      ? `bun/${versions.bun}`
      : versions?.deno
        ? `deno/${versions.deno}`
        : versions?.node
          ? `node/v${versions.node}`
          : (g.navigator?.userAgent ?? 'js').replace(/\s+/g, '_');
    userAgent = `alisms/${VERSION} ${runtime}`;
  }
  return userAgent;
}

// Timestamps have one-second resolution: format each second once, not once per request.
let lastSecond = -1;
let lastStamp = '';
/** Aliyun's timestamp of `ms`, cached for the current second. */
export function timestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastStamp = formatTimestamp(ms);
    lastSecond = second;
  }
  return lastStamp;
}

/** UTF-8 length of a string without Buffer (not in Web runtimes) and without encoding it. */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: 2 UTF-16 units, 4 bytes.
      n += 2;
      i++;
    } else n += 2; // 3 bytes (a lone surrogate becomes U+FFFD, also 3 bytes)
  }
  return n;
}
