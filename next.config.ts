import type { NextConfig } from 'next';
import { assertEnvOrExit } from './lib/env';

// Stop `next dev`, `next build` and `next start` with one readable line when
// the environment is wrong, before anything is served.
assertEnvOrExit();

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files next to its own module; bundling it breaks those paths.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() and unauthorized() render app/forbidden.tsx and app/unauthorized.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
