'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Card } from '@/app/_components/ui/card';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog';
import { deleteAccountAction } from './actions';

export interface DeleteAccountCardProps {
  /** What the person types to confirm: their email address. */
  confirmation: string;
  /** Organizations the person is the last owner of while others are members: each blocks deletion. */
  blocking: { slug: string; name: string }[];
}

export function DeleteAccountCard({ confirmation, blocking }: DeleteAccountCardProps) {
  const [open, setOpen] = useState(false);
  const [state, formAction] = useActionState(deleteAccountAction, null);
  const isBlocked = blocking.length > 0;
  return (
    <Card
      title="Delete account"
      description="You leave every organization; the ones where you are the only member are deleted with their subscriptions. This cannot be undone."
      actions={
        <Button variant="danger" disabled={isBlocked} aria-describedby={isBlocked ? 'account-deletion-blocked' : undefined} onClick={() => setOpen(true)}>
          Delete account
        </Button>
      }
    >
      {isBlocked && (
        <div id="account-deletion-blocked" className="text-sm text-slate-700 dark:text-slate-300">
          <p>You are the last owner of organizations that have other members. Make someone else owner there first, or delete them:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {blocking.map((organization) => (
              <li key={organization.slug}>
                <Link href={`/dashboard/${organization.slug}/members`} className="font-medium text-slate-900 dark:text-slate-100 underline underline-offset-2">
                  {organization.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Delete your account?"
        description={`Type ${confirmation} to confirm. Your organizations’ other members keep their access.`}
        confirmationText={confirmation}
        confirmLabel="Delete my account"
        action={formAction}
        error={state && !state.ok ? state.message : null}
      />
    </Card>
  );
}
