'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Card } from '@/app/_components/ui/card';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog';
import { Field } from '@/app/_components/ui/field';
import { FormMessage } from '@/app/_components/ui/form-message';
import { fieldError, submittedValue } from '@/lib/http/form-state';
import { Input } from '@/app/_components/ui/input';
import { OrganizationUrlField } from '@/app/dashboard/_components/organization-url-field';
import { deleteOrganizationAction, updateOrganizationAction } from './actions';

export function OrganizationSettingsForm({ slug, name }: { slug: string; name: string }) {
  const [state, formAction] = useActionState(updateOrganizationAction.bind(null, slug), null);
  return (
    // Keyed by the saved values, so after a save the inputs show what is stored.
    <form key={`${slug}:${name}`} action={formAction} noValidate>
      <Card
        title="General"
        footer={
          <>
            <FormMessage state={state} className="sm:mr-auto" />
            <Button type="submit" pendingText="Saving…">
              Save changes
            </Button>
          </>
        }
      >
        <div className="max-w-lg space-y-5">
          <Field label="Organization name" error={fieldError(state, 'name')} required>
            <Input name="name" defaultValue={submittedValue(state, 'name') ?? name} maxLength={100} autoComplete="organization" />
          </Field>
          <OrganizationUrlField
            description="Changing it changes the address of every page of this organization; links with the old address lead here for 30 days."
            error={fieldError(state, 'slug')}
            defaultValue={submittedValue(state, 'slug') ?? slug}
          />
        </div>
      </Card>
    </form>
  );
}

export function DeleteOrganizationButton({ slug, name }: { slug: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [opening, setOpening] = useState(0);
  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          setOpening((value) => value + 1);
          setOpen(true);
        }}
      >
        Delete organization
      </Button>
      <DeleteOrganizationDialog key={opening} open={open} onClose={() => setOpen(false)} slug={slug} name={name} />
    </>
  );
}

function DeleteOrganizationDialog({ open, onClose, slug, name }: { open: boolean; onClose: () => void; slug: string; name: string }) {
  // Success redirects to /dashboard; only a refusal comes back.
  const [state, formAction] = useActionState(deleteOrganizationAction.bind(null, slug), null);
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title={`Delete ${name}?`}
      description="Everything in it is deleted for everyone, at once."
      confirmationText={name}
      confirmLabel="Delete organization"
      action={formAction}
      error={state && !state.ok ? state.message : null}
    />
  );
}
