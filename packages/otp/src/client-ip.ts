import { isIPv4, isIPv6 } from 'node:net';

/** Expands an IPv6 address to 8 groups of 4 hex digits. */
function expandIPv6(ip: string): string[] {
  let text = ip.toLowerCase().split('%')[0] as string;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = (v4[1] as string).split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -(v4[1] as string).length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.padStart(4, '0'));
}

/**
 * The group one client IP counts in: an IPv4 address as is (IPv4-mapped IPv6 too), an IPv6 address by its
 * /64 — one subscriber usually owns a whole /64, so counting single IPv6 addresses would be no limit at all.
 * `undefined` when `ip` is not an IP address.
 */
export function clientIpGroup(ip: string): string | undefined {
  const text = ip.trim();
  if (isIPv4(text)) return text;
  if (!isIPv6(text)) return undefined;
  const groups = expandIPv6(text);
  if (groups.slice(0, 5).every((g) => g === '0000') && groups[5] === 'ffff') {
    const hi = Number.parseInt(groups[6] as string, 16);
    const lo = Number.parseInt(groups[7] as string, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}
