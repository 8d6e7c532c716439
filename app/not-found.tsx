import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { StatusPage } from '@/app/_components/ui/status-page';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="Page not found"
      actions={
        <>
          <ButtonLink href="/dashboard" variant="primary">
            Go to your dashboard
          </ButtonLink>
          <ButtonLink href="/">Back to the home page</ButtonLink>
        </>
      }
    >
      {/* Deliberately the same words for "does not exist" and "not yours": the page must not reveal which. */}
      <p>
        There is nothing at this address. The link may be mistyped or out of date, or the page belongs to an
        organization you are not a member of.
      </p>
    </StatusPage>
  );
}
