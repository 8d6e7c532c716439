/**
 * The security headers, in one place: next.config.ts sends the static ones
 * with every response, proxy.ts adds each page's Content-Security-Policy with
 * a fresh nonce (Next.js puts that nonce on its own scripts and styles while
 * rendering, which is why every page renders per request).
 *
 * Not `server-only`: next.config.ts imports it.
 */

export interface HeaderEntry {
  key: string;
  value: string;
}

/** Sent with every response, pages, API and static files alike. */
export function staticSecurityHeaders(options: { isProduction: boolean }): HeaderEntry[] {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    // The app uses none of these; a page that is framed or injected cannot ask for them either.
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
    // For browsers older than CSP's frame-ancestors.
    { key: 'X-Frame-Options', value: 'DENY' },
    // Two years; subdomains are left to their owner, who may still serve some over http.
    ...(options.isProduction ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000' }] : []),
  ];
}

/** JSON answers run no scripts and are never framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * A page's policy: scripts only with this response's nonce (and what they
 * load, 'strict-dynamic'), no framing, no plugins, forms only to this site,
 * network calls only to this site and Supabase Auth.
 */
export function pageContentSecurityPolicy(options: { nonce: string; isDevelopment: boolean; supabaseUrl: string; siteUrl: string }): string {
  const { nonce, isDevelopment, supabaseUrl, siteUrl } = options;
  const supabase = new URL(supabaseUrl).origin;
  return [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ''}`,
    // Development styles are injected by the dev server without a nonce; production ones carry it.
    isDevelopment ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // style="" attributes (a progress bar's width) cannot run code.
    "style-src-attr 'unsafe-inline'",
    // Avatars come from the identity provider's host, whatever it is.
    `img-src 'self' data: blob: https: ${supabase}`,
    "font-src 'self'",
    `connect-src 'self' ${supabase}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(siteUrl.startsWith('https:') ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
