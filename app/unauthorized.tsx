import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { StatusPage } from '@/app/_components/ui/status-page';

export const metadata: Metadata = { title: 'Sign in required' };

export default function Unauthorized() {
  return (
    <StatusPage
      code="401"
      title="Please sign in"
      actions={
        <>
          <ButtonLink href="/login" variant="primary">
            Sign in
          </ButtonLink>
          <ButtonLink href="/">Back to the home page</ButtonLink>
        </>
      }
    >
      <p>You need to be signed in to see this page. Your session may have ended.</p>
    </StatusPage>
  );
}
