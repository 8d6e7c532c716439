import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { StatusPage } from '@/app/_components/ui/status-page';

export const metadata: Metadata = { title: 'Access denied' };

export default function OrganizationForbidden() {
  return (
    <StatusPage
      code="403"
      title="You don’t have access to this page"
      withHeader={false}
      actions={
        <ButtonLink href="/dashboard" variant="primary">
          Go to your dashboard
        </ButtonLink>
      }
    >
      <p>
        Your role in this organization does not include this page. If you need it, ask an owner or an admin to change
        your role.
      </p>
    </StatusPage>
  );
}
