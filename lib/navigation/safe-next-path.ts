const FALLBACK = '/dashboard';
const PROBE_ORIGIN = 'http://tenantry.invalid';

/**
 * Where to send a user after sign-in: a path on this site, or the dashboard.
 *
 * `next` arrives in a URL anyone can craft, so an unchecked redirect would let
 * a phishing link bounce through our sign-in to another site. Browsers read
 * `//evil.example`, `/\evil.example` and paths with tabs or newlines as other
 * hosts, so rather than pattern-match we resolve the value the way a browser
 * does and keep it only if it stays on our origin.
 */
export function safeNextPath(next: string | null | undefined, fallback = FALLBACK): string {
  if (!next || !next.startsWith('/') || next.length > 2048) return fallback;
  // Control characters are stripped by URL parsers but not by every proxy or log.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(next, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PROBE_ORIGIN) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Resolving removes dot segments, so `/.//evil.example` (or `/%2e//evil.example`)
  // comes out as `//evil.example`: a protocol-relative URL once it is sent back as a
  // Location. What we return must itself be a same-origin path, not only what we read.
  return isSameOriginPath(path) ? path : fallback;
}

function isSameOriginPath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return false;
  try {
    const again = new URL(path, PROBE_ORIGIN);
    return again.origin === PROBE_ORIGIN && `${again.pathname}${again.search}${again.hash}` === path;
  } catch {
    return false;
  }
}
