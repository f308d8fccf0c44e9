import type { PlatformRecord } from './lti.types.js';

/** The longest URL PyQuiz keeps from a launch's claims (a line item, a deep-linking return URL). */
export const MAX_CLAIM_URL = 2048;

/**
 * Why a URL taken from a launch's claims is not one PyQuiz will use, or null when it is fine.
 * PyQuiz posts scores, with the LMS's access token, to the line item URL: it must be http(s)
 * (https when the LMS's token URL is), at most MAX_CLAIM_URL characters, carry no credentials,
 * and not be an internal address (loopback, private or link-local networks, a name without a dot
 * such as `localhost` or `postgres`) unless it is exactly the host and port of one of the
 * platform's registered URLs (a campus LMS).
 */
export function claimUrlProblem(text: string, platform: PlatformRecord): string | null {
  if (text.length > MAX_CLAIM_URL) return `longer than ${MAX_CLAIM_URL} characters`;
  if (/\p{Cc}/u.test(text)) return 'a URL with control characters in it';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'not an http(s) URL';
  if (url.username || url.password) return 'a URL with credentials in it';
  if (url.protocol === 'http:' && platform.tokenUrl.startsWith('https:')) return 'a plain http URL while the LMS is on https (its access token would travel in clear)';
  if (isInternalHost(url.hostname) && !registeredHosts(platform).includes(url.host)) {
    return `on an internal address (${url.host}) that is not the LMS's own`;
  }
  return null;
}

/** host:port of the URLs an admin registered for the platform. */
function registeredHosts(platform: PlatformRecord): string[] {
  return [platform.issuer, platform.authLoginUrl, platform.tokenUrl, platform.jwksUrl].flatMap((u) => {
    try {
      return [new URL(u).host];
    } catch {
      return [];
    }
  });
}

/** Loopback, private, link-local, unspecified and carrier-grade NAT addresses, and dotless or local names. */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.+$/, '');
  if (host.includes(':')) {
    // IPv6 (the URL parser wrote it in its short form): unspecified, loopback, unique local, link-local, IPv4-mapped.
    return host === '::' || host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  }
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (v4) {
    // The URL parser already turned 2130706433, 0x7f.1 and the like into dotted decimal.
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  return !host.includes('.') || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal');
}
