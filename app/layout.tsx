import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { NavigationProgress } from './_components/navigation-progress';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Tenantry', template: '%s · Tenantry' },
  description:
    'Tenantry is a multi-tenant SaaS starter: Google sign-in through Supabase Auth, organizations with roles, Postgres row-level security and Stripe billing.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry the nonce of that
  // response's Content-Security-Policy (proxy.ts), which a page built ahead of
  // time could not know.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        {/* Every page's <main> has id="main"; the first Tab lands here and jumps past the header. */}
        <a
          href="#main"
          className="sr-only rounded-lg bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow-lg ring-1 ring-slate-900/10 focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
        >
          Skip to content
        </a>
        <Suspense fallback={null}>
          <NavigationProgress />
        </Suspense>
        {children}
      </body>
    </html>
  );
}
