import { InvalidArgumentError } from '../core/invalid-argument-error.js';

/** A parsed proxy URL; `authorization` is the `Proxy-Authorization` value when it carries credentials. */
export interface ProxyTarget {
  hostname: string;
  port: number;
  authorization: string | undefined;
  /** `http://host:port`, credentials left out: the only form that may appear in a message. */
  display: string;
}

/**
 * The proxy for one endpoint: `proxy` when given (`false`: none, whatever the environment says),
 * else `HTTPS_PROXY`/`https_proxy` for https endpoints and `HTTP_PROXY`/`http_proxy` for http ones,
 * unless `NO_PROXY`/`no_proxy` lists the host. Lower case wins when both are set, as in curl.
 */
export function proxyFor(
  endpoint: { protocol: 'http:' | 'https:'; hostname: string; port: number },
  proxy: string | false | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ProxyTarget | undefined {
  if (proxy === false) return undefined;
  if (proxy !== undefined) return parseProxyUrl(proxy, 'proxy');
  const name = endpoint.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  const fromEnv = env[name] || env[name.toUpperCase()];
  if (!fromEnv) return undefined;
  if (bypassesProxy(endpoint.hostname, endpoint.port, env.no_proxy ?? env.NO_PROXY ?? '')) return undefined;
  return parseProxyUrl(fromEnv, name.toUpperCase());
}

/**
 * Whether `NO_PROXY` exempts a host: entries separated by commas or spaces, `*` for every host, a
 * name matching itself and its subdomains (a leading `.` or `*.` is the same), an optional `:port`.
 */
export function bypassesProxy(hostname: string, port: number, noProxy: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    // `[::1]:8080`, `[::1]`, `host:8080`, `host`; a bare IPv6 address has several colons and no port.
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const hostPort = v6 ? undefined : /^([^:]+):(\d+)$/.exec(entry);
    const name = v6 ? (v6[1] as string) : hostPort ? (hostPort[1] as string) : entry;
    const entryPort = v6?.[2] ?? hostPort?.[2];
    if (entryPort !== undefined && Number(entryPort) !== port) continue;
    const suffix = name.replace(/^\*?\./, '');
    if (host === suffix || host.endsWith(`.${suffix}`)) return true;
  }
  return false;
}

/** Parses `http://[user:password@]host[:port]`; the error names the source, never the credentials. */
export function parseProxyUrl(value: string, field: string): ProxyTarget {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new InvalidArgumentError(field, 'is not a proxy URL such as http://proxy.example.com:3128');
  }
  if (url.protocol !== 'http:')
    throw new InvalidArgumentError(field, `only http:// proxies are supported, got ${url.protocol}//`);
  const port = url.port ? Number(url.port) : 80;
  const display = `http://${url.host}`;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const authorization = url.username
    ? `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password}`)))}`
    : undefined;
  return { hostname: url.hostname.replace(/^\[|\]$/g, ''), port, authorization, display };
}
