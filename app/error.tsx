'use client';

import { ButtonLink } from '@/app/_components/ui/button-link';
import { ErrorStatusPage } from '@/app/_components/ui/error-status-page';

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorStatusPage error={error} retry={retry} otherAction={<ButtonLink href="/">Back to the home page</ButtonLink>} />
  );
}
