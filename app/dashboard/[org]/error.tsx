'use client';

import { useEffect } from 'react';
import { Button } from '@/app/_components/ui/button';
import { errorDigest } from '@/app/_components/ui/error-digest';
import { StatusPage } from '@/app/_components/ui/status-page';

export default function OrganizationError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = errorDigest(error);
  return (
    <StatusPage
      code="Error"
      title="Something went wrong"
      withHeader={false}
      actions={
        <Button variant="primary" onClick={() => retry()}>
          Try again
        </Button>
      }
    >
      {/* Never the message or stack: they can hold internals. The digest finds the server log line. */}
      <p>This page could not be loaded. It is probably temporary: try again in a moment.</p>
      {digest && (
        <p className="text-sm">
          If it keeps happening, contact support and quote reference{' '}
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800">{digest}</code>.
        </p>
      )}
    </StatusPage>
  );
}
