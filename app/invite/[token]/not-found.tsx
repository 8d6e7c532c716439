import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { Actions, Frame } from './invitation-frame';

export const metadata: Metadata = { title: 'Invitation not found', robots: { index: false } };

export default function InvitationNotFound() {
  return (
    <Frame title="This invitation link does not work">
      <p>The link is incomplete or was never valid. Check that you copied all of it, or ask for a new invitation.</p>
      <Actions>
        <ButtonLink href="/dashboard" variant="primary">
          Go to your dashboard
        </ButtonLink>
      </Actions>
    </Frame>
  );
}
