'use client';

import { useActionState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { FormMessage } from '@/app/_components/ui/form-message';
import { acceptInvitationAction } from './actions';

export function AcceptForm({ token, organizationName }: { token: string; organizationName: string }) {
  const [state, formAction] = useActionState(acceptInvitationAction.bind(null, token), null);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <Button type="submit" size="lg" pendingText="Joining…" className="w-full">
        Join {organizationName}
      </Button>
    </form>
  );
}
