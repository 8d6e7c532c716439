'use client';

import { useEffect } from 'react';
import { Button } from './button';
import { StatusPage } from './status-page';

/**
 * What every error boundary shows: a way to retry and, never the error's
 * message or stack (they can hold internals), the digest Next gives a server
 * error, which finds its log line.
 */
export function ErrorStatusPage({
  error,
  retry,
  subject = 'This page',
  otherAction,
  withHeader,
}: {
  error: unknown;
  retry: () => void;
  /** What could not be loaded, as the sentence starts. */
  subject?: string;
  /** Shown next to "Try again", such as a way home. */
  otherAction?: React.ReactNode;
  withHeader?: boolean;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = errorDigest(error);
  return (
    <StatusPage
      code="Error"
      title="Something went wrong"
      withHeader={withHeader}
      actions={
        <>
          <Button variant="primary" onClick={() => retry()}>
            Try again
          </Button>
          {otherAction}
        </>
      }
    >
      <p>{subject} could not be loaded. It is probably temporary: try again in a moment.</p>
      {digest && (
        <p className="text-sm">
          If it keeps happening, contact support and quote reference{' '}
          <code className="rounded bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 font-mono text-slate-800 dark:text-slate-200">{digest}</code>.
        </p>
      )}
    </StatusPage>
  );
}

function errorDigest(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'digest' in error && typeof error.digest === 'string') {
    return error.digest;
  }
  return undefined;
}
