import { InvalidArgumentError } from '../core/invalid-argument-error.js';

/** Where requests go: parsed once per client, reused for every call. */
export interface Endpoint {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** The `host` header value (and the signed `host`): hostname plus `:port` when not the default. */
  host: string;
}

/** Endpoints of one product: the region map and the host used when no region matches. */
export interface EndpointRules {
  /** Product name for messages, e.g. `dysmsapi`. */
  product: string;
  /** Host for a region id, e.g. `ap-southeast-1` → `dysmsapi.ap-southeast-1.aliyuncs.com`. */
  regions: Readonly<Record<string, string>>;
  /** Host when neither an endpoint nor a region is given, and for unlisted mainland (`cn-*`) regions. */
  defaultHost: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

/**
 * Parses `https://host[:port]`, `http://host[:port]` or a bare `host[:port]`. A bare host means
 * https, except loopback hosts (`localhost`, `127.x.x.x`, `::1`), which mean http: that is where
 * a local emulator listens, and it speaks plain http.
 */
export function parseEndpoint(value: string, field = 'endpoint'): Endpoint {
  const trimmed = value.trim();
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    throw new InvalidArgumentError(field, `"${value}" is not a host, host:port or http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError(field, `only http:// and https:// are supported, got ${url.protocol}//`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username)
    throw new InvalidArgumentError(field, `give only scheme, host and port (no path, query or user), got "${value}"`);
  const protocol = !hasScheme && LOOPBACK.test(url.hostname) ? 'http:' : (url.protocol as Endpoint['protocol']);
  const defaultPort = protocol === 'https:' ? 443 : 80;
  const port = url.port ? Number(url.port) : defaultPort;
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const host = port === defaultPort ? url.hostname : `${url.hostname}:${port}`;
  return { protocol, hostname, port, host };
}

/** Where {@link resolveEndpoint} looks for the endpoint: the client options, then the environment. */
export interface EndpointInput {
  /** The `endpoint` option. */
  endpoint?: string | undefined;
  /** The `regionId` option. */
  regionId?: string | undefined;
  /** Environment to read `ALISMS_ENDPOINT` from. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Resolution order: `endpoint` option → `ALISMS_ENDPOINT` → region map → product default. */
export function resolveEndpoint(input: EndpointInput, rules: EndpointRules): Endpoint {
  if (input.endpoint) return parseEndpoint(input.endpoint);
  const fromEnv = input.env?.ALISMS_ENDPOINT;
  if (fromEnv) return parseEndpoint(fromEnv, 'ALISMS_ENDPOINT');
  const region = input.regionId;
  if (!region) return parseEndpoint(rules.defaultHost);
  const mapped = rules.regions[region];
  if (mapped) return parseEndpoint(mapped);
  if (region.startsWith('cn-')) return parseEndpoint(rules.defaultHost);
  const known = Object.keys(rules.regions).join(', ');
  throw new InvalidArgumentError(
    'regionId',
    `${rules.product} has no endpoint for region "${region}"; use one of ${known}, a cn-* region, or set endpoint`,
  );
}
