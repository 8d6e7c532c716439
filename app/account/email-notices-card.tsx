'use client';

import { useActionState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Card } from '@/app/_components/ui/card';
import { FormMessage } from '@/app/_components/ui/form-message';
import type { FormState } from '@/lib/http/form-state';
import { setOptionalNoticesAction } from './email-actions';

/** The optional notices can be turned off; invitations and billing failures always go. */
export function EmailNoticesCard({ enabled }: { enabled: boolean }) {
  const [state, formAction, pending] = useActionState<FormState | null, FormData>(setOptionalNoticesAction, null);
  return (
    <Card
      title="Email notices"
      description="Emails when your role changes, you are removed, ownership is handed to you, an invitation you sent is accepted, a subscription is cancelled or an organization is deleted. Invitations and failed payments are always sent."
    >
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="enabled" value={enabled ? 'off' : 'on'} />
        <p className="text-sm text-slate-700 dark:text-slate-300">{enabled ? 'You get these notices.' : 'These notices are off.'}</p>
        <Button type="submit" variant="secondary" size="sm" disabled={pending}>
          {enabled ? 'Turn off notices' : 'Turn on notices'}
        </Button>
        <FormMessage state={state} />
      </form>
    </Card>
  );
}
