import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { StatusPage } from '@/app/_components/ui/status-page';

export const metadata: Metadata = { title: 'Not found' };

export default function OrganizationNotFound() {
  return (
    <StatusPage
      code="404"
      title="Not found"
      withHeader={false}
      actions={
        <ButtonLink href="/dashboard" variant="primary">
          Go to your dashboard
        </ButtonLink>
      }
    >
      {/* The same words for "does not exist" and "not yours", as everywhere. */}
      <p>
        There is nothing here for you. It may have been deleted, the link may be out of date, or you may no longer be a
        member of this organization.
      </p>
    </StatusPage>
  );
}
