import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key one client is throttled under. An IPv4 address as is (IPv4-mapped IPv6 included); an
 * IPv6 address by its /64 prefix, since one subscriber usually holds a whole /64 and could
 * otherwise take a fresh address, and a fresh budget, for every request.
 */
export function clientAddressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded, without leading zeros. */
function expandIPv6(ip: string): string[] {
  const withoutZone = ip.split('%')[0]!;
  const [head = '', tail] = withoutZone.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  // A trailing dotted IPv4 part (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) fills two groups.
  const dotted = withoutZone.includes('.') ? 1 : 0;
  const zeros = Array.from({ length: Math.max(0, 8 - left.length - right.length - dotted) }, () => '0');
  return [...left, ...zeros, ...right].map((group) => (group.includes('.') ? group : Number.parseInt(group, 16).toString(16)));
}
