'use client';

import { useEffect } from 'react';
import './globals.css';
import { Button } from '@/app/_components/ui/button';
import { buttonStyles } from '@/app/_components/ui/button-styles';
import { StatusPage } from '@/app/_components/ui/status-page';
import { errorDigest } from '@/app/_components/ui/error-digest';

/** Replaces the root layout when it fails itself, so it brings its own <html>, styles and title. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = errorDigest(error);
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <title>Something went wrong · Tenantry</title>
        <StatusPage
          code="Error"
          title="Something went wrong"
          actions={
            <>
              <Button variant="primary" onClick={() => retry()}>
                Try again
              </Button>
              {/* A full page load, not a client navigation: the app around this page is what failed. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a href="/" className={buttonStyles({ variant: 'secondary' })}>
                Back to the home page
              </a>
            </>
          }
        >
          <p>Tenantry could not be loaded. It is probably temporary: try again in a moment.</p>
          {digest && (
            <p className="text-sm">
              If it keeps happening, contact support and quote reference{' '}
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800">{digest}</code>.
            </p>
          )}
        </StatusPage>
      </body>
    </html>
  );
}
