import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { NavigationProgress } from './_components/navigation-progress';
import { parseTheme, THEME_COOKIE } from './_components/theme/theme';
import { ThemeProvider } from './_components/theme/theme-provider';
import './globals.css';

// Inter, from its package (next/font/local): built into the app and served
// from this site, so neither the build nor the reader fetches anything elsewhere.
const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  weight: '100 900',
  display: 'swap',
  variable: '--font-inter',
});

export const metadata: Metadata = {
  title: { default: 'Tenantry', template: '%s · Tenantry' },
  description:
    'Tenantry is a multi-tenant SaaS starter: Google sign-in through Supabase Auth, organizations with roles, Postgres row-level security and Stripe billing.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry the nonce of that
  // response's Content-Security-Policy (proxy.ts), which a page built ahead of
  // time could not know.
  await connection();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    // data-theme is rendered here so the first paint has the chosen colours (app/globals.css).
    <html lang="en" data-theme={theme} className={inter.variable}>
      <body className="min-h-dvh font-sans">
        {/* Every page's <main> has id="main"; the first Tab lands here and jumps past the header. */}
        <a
          href="#main"
          className="sr-only rounded-lg bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow-lg ring-1 ring-slate-900/10 focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 dark:bg-slate-900 dark:text-brand-300 dark:ring-white/10"
        >
          Skip to content
        </a>
        <Suspense fallback={null}>
          <NavigationProgress />
        </Suspense>
        <ThemeProvider initialTheme={theme}>{children}</ThemeProvider>
      </body>
    </html>
  );
}
