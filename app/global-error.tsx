'use client';

import './globals.css';
import { buttonStyles } from '@/app/_components/ui/button-styles';
import { ErrorStatusPage } from '@/app/_components/ui/error-status-page';

/** Replaces the root layout when it fails itself, so it brings its own <html>, styles and title. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" data-theme="system">
      <body className="min-h-dvh font-sans">
        <title>Something went wrong · Tenantry</title>
        <ErrorStatusPage
          error={error}
          retry={retry}
          subject="Tenantry"
          otherAction={
            // A full page load, not a client navigation: the app around this page is what failed.
            // eslint-disable-next-line @next/next/no-html-link-for-pages
            <a href="/" className={buttonStyles({ variant: 'secondary' })}>
              Back to the home page
            </a>
          }
        />
      </body>
    </html>
  );
}
