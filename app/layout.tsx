import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Tenantry', template: '%s · Tenantry' },
  description:
    'Tenantry is a multi-tenant SaaS starter: Google sign-in through Supabase Auth, organizations with roles, Postgres row-level security and Stripe billing.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
