'use client';

import { useActionState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { CopyButton } from '@/app/_components/ui/copy-button';
import { resendInvitationAction, type ResendState } from './email-actions';

/** "Resend": a new link, emailed; the old one stops working. */
export function ResendInvitationButton({ slug, invitation }: { slug: string; invitation: { id: string; email: string } }) {
  const [state, formAction, pending] = useActionState<ResendState | null, FormData>(
    resendInvitationAction.bind(null, slug, invitation.id),
    null,
  );
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      <Button type="submit" variant="ghost" size="sm" disabled={pending} aria-label={`Resend the invitation for ${invitation.email}`}>
        Resend
      </Button>
      {state && (
        <span role="status" className={`text-sm ${state.ok ? 'text-slate-600 dark:text-slate-400' : 'text-red-700 dark:text-red-300'}`}>
          {state.message}
          {state.ok && 'acceptUrl' in state && <CopyButton value={state.acceptUrl} label="Copy the new link" />}
        </span>
      )}
    </form>
  );
}

/** For admins: emails that could not be delivered (an invitation that bounced), with what the mail server said. */
export function EmailFailureNotice({ failures }: { failures: Array<{ id: string; kind: string; toEmail: string; lastError: string | null }> }) {
  if (failures.length === 0) return null;
  return (
    <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="font-medium">Some emails could not be delivered</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {failures.map((failure) => (
          <li key={failure.id}>
            {failure.kind === 'invitation' ? 'Invitation email' : 'Email'} to <span className="break-all">{failure.toEmail}</span> bounced
            {failure.lastError ? `: ${failure.lastError}` : ''}. Check the address; resend, or copy a new link and send it yourself.
          </li>
        ))}
      </ul>
    </div>
  );
}
