import { BlockList, isIP } from 'node:net';
import { InvalidArgumentError } from 'alisms';

/**
 * Which peers' `X-Forwarded-For` is believed. Built once from `--trust-proxy` (addresses and CIDRs,
 * IPv4 or IPv6; `loopback` and `private` as shorthands).
 */
export interface TrustedProxies {
  /** Whether `address` is a proxy we trust to append the real client to `X-Forwarded-For`. */
  trusts(address: string): boolean;
}

const SHORTHANDS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
};

/** An IPv4-mapped IPv6 socket address (`::ffff:10.0.0.1`) is the IPv4 address it carries. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

/**
 * Parses a list such as `['10.0.0.0/8', '192.168.1.10', 'loopback']`; throws on anything else, naming `field`
 * (the same list shape serves `trustProxy` and `receipts.allowedSources`).
 */
export function parseTrustedProxies(entries: readonly string[], field = 'trustProxy'): TrustedProxies {
  const list = new BlockList();
  let count = 0;
  for (const raw of entries.flatMap((e) => e.split(','))) {
    const entry = raw.trim();
    if (!entry) continue;
    for (const item of SHORTHANDS[entry] ?? [entry]) {
      const [address, prefix, extra] = item.split('/');
      const family = isIP(address ?? '');
      if (!address || family === 0 || extra !== undefined)
        throw new InvalidArgumentError(field, `"${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8)`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) list.addAddress(address, type);
      else {
        const bits = Number(prefix);
        if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128))
          throw new InvalidArgumentError(field, `"${entry}" has an invalid prefix length`);
        list.addSubnet(address, bits, type);
      }
      count++;
    }
  }
  return {
    trusts(address) {
      if (count === 0) return false;
      const a = normaliseAddress(address);
      const family = isIP(a);
      if (family === 0) return false;
      return list.check(a, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * The client address: the socket peer, unless that peer is a trusted proxy; then walk
 * `X-Forwarded-For` from the right and return the first hop that is not trusted. Entries left of it
 * were written by the client itself and prove nothing, so a spoofed header changes nothing.
 */
export function resolveClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string | undefined {
  if (socketAddress === undefined) return undefined;
  let client = normaliseAddress(socketAddress);
  if (!trusted.trusts(client) || !forwardedFor) return client;
  const hops = forwardedFor
    .split(',')
    .map((h) => normaliseAddress(h))
    .filter((h) => h.length > 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A garbage hop cannot be trusted or used; stop at the last address we could vouch for.
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trusted.trusts(hop)) return hop;
  }
  return client;
}
