'use client';

import { ErrorStatusPage } from '@/app/_components/ui/error-status-page';

/** Inside the organization shell, which keeps its header and tabs. */
export default function OrganizationError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorStatusPage error={error} retry={retry} withHeader={false} />;
}
