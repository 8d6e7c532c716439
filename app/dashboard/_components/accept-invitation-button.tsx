'use client';

import { useActionState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { FormMessage } from '@/app/_components/ui/form-message';
import { acceptMyInvitationAction } from '../actions';

export function AcceptInvitationButton({ invitationId, organizationName }: { invitationId: string; organizationName: string }) {
  const [state, formAction] = useActionState(acceptMyInvitationAction.bind(null, invitationId), null);
  return (
    <form action={formAction} className="flex flex-col items-stretch gap-2 sm:items-end">
      <Button type="submit" size="sm" pendingText="Joining…" aria-label={`Accept the invitation to ${organizationName}`}>
        Accept
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
