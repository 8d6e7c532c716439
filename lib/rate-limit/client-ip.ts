import { isIP } from 'node:net';

export interface ClientIpSettings {
  /**
   * TRUSTED_PROXIES: how many proxies in front of the app append to
   * X-Forwarded-For (a load balancer: 1; a CDN in front of it: 2). 0 (the
   * default) trusts no forwarding header, because anyone can send one.
   */
  trustedProxies: number;
  /** VERCEL=1, which Vercel sets for its deployments: its edge sets x-vercel-forwarded-for itself. */
  onVercel: boolean;
}

/**
 * The caller's IP address as far as it can be trusted, or null when it
 * cannot be known (per-IP limits then do not apply; per-user limits still do).
 *
 * - Behind proxies (`TRUSTED_PROXIES=n`): the n-th address from the right of
 *   X-Forwarded-For. Each proxy appends the address it received the request
 *   from, so that one was written by the outermost proxy we trust; anything
 *   further left came from the client and could be made up.
 * - On Vercel: x-vercel-forwarded-for, which Vercel's edge overwrites.
 * - Otherwise null: Next.js route handlers do not see the socket's address,
 *   and a forwarding header the app cannot vouch for would let one client
 *   pick a fresh "IP" per request, or spend another's limit.
 *
 * IPv6 addresses count by their /64 prefix: one host usually holds a whole /64.
 */
export function clientIp(headers: Pick<Headers, 'get'>, settings: ClientIpSettings): string | null {
  if (settings.trustedProxies > 0) {
    const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
    if (hops.length === 0) return null;
    return normalizeIp(hops[Math.max(0, hops.length - settings.trustedProxies)]!);
  }
  if (settings.onVercel) {
    const first = headers.get('x-vercel-forwarded-for')?.split(',')[0]?.trim();
    return first ? normalizeIp(first) : null;
  }
  return null;
}

/** An address as a limit key: IPv4 as is, IPv6 as its /64 prefix; null for anything that is not an address. */
export function normalizeIp(raw: string): string | null {
  // A port may ride along (`203.0.113.7:5123`, `[2001:db8::1]:443`).
  const address = raw.replace(/^\[([^\]]+)\](?::\d+)?$/, '$1').replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1');
  const mappedIpv4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  if (mappedIpv4) return isIP(mappedIpv4) === 4 ? mappedIpv4 : null;
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, `::` and an embedded IPv4 tail expanded). */
function expandIpv6(address: string): string[] {
  let text = address.split('%')[0]!.toLowerCase();
  const ipv4Tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, ipv4Tail.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}
