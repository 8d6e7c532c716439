import type { NextConfig } from 'next';
import { assertEnvOrExit } from './lib/env';
import { API_CONTENT_SECURITY_POLICY, staticSecurityHeaders } from './lib/http/security-headers';

// Stop `next dev`, `next build` and `next start` with one readable line when
// the environment is wrong or incomplete, before anything is served. `next
// typegen` (part of `npm run typecheck`) reads this file too but serves
// nothing, so a checkout without secrets can still be typechecked.
if (process.argv[2] !== 'typegen') assertEnvOrExit();

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files next to its own module; bundling it breaks those paths.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() and unauthorized() render app/forbidden.tsx and app/unauthorized.tsx.
  experimental: { authInterrupts: true },
  // Pages get their Content-Security-Policy (with a per-request nonce) from proxy.ts.
  async headers() {
    return [
      { source: '/:path*', headers: staticSecurityHeaders({ isProduction: process.env.NODE_ENV === 'production' }) },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
