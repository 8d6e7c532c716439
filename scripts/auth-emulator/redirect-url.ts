import { isIP } from 'node:net';

/**
 * GoTrue's `IsRedirectURLValid` (internal/utilities/request.go): a `redirect_to`
 * is allowed when it points back at the site (same scheme, host and port; any
 * port on loopback), at a loopback IP literal, or matches an allow-list glob.
 */
export function isRedirectUrlAllowed(siteUrl: string, allowList: readonly string[], candidate: string): boolean {
  if (candidate === '') return false;
  // Control characters and spaces are stripped by browsers, which would resolve
  // the URL to somewhere this check never looked at.
  if (/[\u0000-\u0020\u007f]/.test(candidate)) return false;

  let site: URL;
  try {
    site = new URL(siteUrl);
  } catch {
    return false;
  }

  const parsed = parseLikeGo(candidate);
  if (parsed === 'invalid-http') return false;
  if (parsed) {
    if (
      parsed.hostname === site.hostname &&
      parsed.protocol === site.protocol &&
      (parsed.port === site.port || isLocalhost(parsed.hostname))
    ) {
      return true;
    }
    const isHttp = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    const bareHost = parsed.hostname.replace(/^\[|\]$/g, '');
    if (/^[0-9]+$/.test(bareHost)) return false;
    if (isIP(bareHost)) return isLoopbackIp(bareHost);
    if (isHttp && !/^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(bareHost)) return false;
  }

  const withoutFragment = candidate.split('#', 1)[0] ?? '';
  return allowList.some((pattern) => compileGlob(pattern).test(withoutFragment));
}

/**
 * WHATWG URL parsing normalises what Go keeps verbatim (decimal IPs become
 * dotted, `https:/\host` becomes `https://host`), so a string that is not
 * already in canonical `scheme://authority` form is refused for http(s), as
 * GoTrue refuses any http(s) URL that its parser rejects.
 */
function parseLikeGo(candidate: string): { protocol: string; hostname: string; port: string } | 'invalid-http' | null {
  const lower = candidate.toLowerCase();
  const looksHttp = lower.startsWith('http:') || lower.startsWith('https:');
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return looksHttp ? 'invalid-http' : null;
  }
  if (looksHttp) {
    const authority = /^https?:\/\/([^/?#]*)/i.exec(candidate);
    if (!authority) return 'invalid-http';
    const hostPart = (authority[1] ?? '').replace(/^[^@]*@/, '').replace(/:\d*$/, '');
    if (/^[0-9]+$/.test(hostPart)) return { protocol: url.protocol, hostname: hostPart, port: url.port };
    if (hostPart.toLowerCase() !== url.hostname && `[${hostPart.replace(/^\[|\]$/g, '')}]` !== url.hostname) {
      return 'invalid-http';
    }
  }
  return { protocol: url.protocol, hostname: url.hostname, port: url.port };
}

function isLocalhost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || (isIP(bare) !== 0 && isLoopbackIp(bare));
}

function isLoopbackIp(ip: string): boolean {
  if (isIP(ip) === 4) return ip.startsWith('127.');
  const lower = ip.toLowerCase();
  return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(lower);
}

const globCache = new Map<string, RegExp>();

/**
 * gobwas/glob compiled with separators `.` and `/`, as GoTrue compiles
 * `URI_ALLOW_LIST`: `*` stops at a dot or slash, `**` crosses them, `?` is one
 * non-separator character, plus `[...]` classes and `{a,b}` alternatives.
 */
export function compileGlob(pattern: string): RegExp {
  const cached = globCache.get(pattern);
  if (cached) return cached;
  const compiled = new RegExp(`^${globToRegexSource(pattern)}$`);
  globCache.set(pattern, compiled);
  return compiled;
}

function globToRegexSource(pattern: string): string {
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] ?? '';
    if (character === '\\' && index + 1 < pattern.length) {
      source += escapeRegex(pattern[++index] ?? '');
    } else if (character === '*') {
      if (pattern[index + 1] === '*') {
        source += '.*';
        index++;
      } else {
        source += '[^./]*';
      }
    } else if (character === '?') {
      source += '[^./]';
    } else if (character === '[') {
      const end = pattern.indexOf(']', index + 1);
      if (end === -1) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(index + 1, end);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      index = end;
    } else if (character === '{') {
      braceDepth++;
      source += '(?:';
    } else if (character === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (character === ',' && braceDepth > 0) {
      source += '|';
    } else {
      source += escapeRegex(character);
    }
  }
  return source + ')'.repeat(braceDepth);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * GoTrue's `GetReferrer`: the requested `redirect_to` if allowed, else the
 * Referer if allowed, else the site URL. A refused URL is never an error.
 */
export function chooseRedirectUrl(
  siteUrl: string,
  allowList: readonly string[],
  requested: string,
  referer: string | undefined,
): string {
  if (isRedirectUrlAllowed(siteUrl, allowList, requested)) return requested;
  if (referer && isRedirectUrlAllowed(siteUrl, allowList, referer)) return referer;
  return siteUrl;
}
