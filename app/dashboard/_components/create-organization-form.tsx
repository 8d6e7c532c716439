'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Field } from '@/app/_components/ui/field';
import { FormMessage } from '@/app/_components/ui/form-message';
import { fieldError, submittedValue } from '@/lib/http/form-state';
import { Input } from '@/app/_components/ui/input';
import { suggestSlug } from '@/lib/tenancy/slug';
import { createOrganizationAction } from '../actions';
import { OrganizationUrlField } from './organization-url-field';

export function CreateOrganizationForm() {
  const [state, formAction] = useActionState(createOrganizationAction, null);
  const [name, setName] = useState(submittedValue(state, 'name') ?? '');
  // The slug follows the name until the user edits it themself.
  const [customSlug, setCustomSlug] = useState<string | null>(null);
  const slug = customSlug ?? suggestSlug(name);

  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field label="Organization name" error={fieldError(state, 'name')} required>
        <Input
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Acme Inc."
          autoComplete="organization"
          maxLength={100}
        />
      </Field>
      <OrganizationUrlField
        description="Letters, digits and hyphens; you can change it later in Settings."
        error={fieldError(state, 'slug')}
        value={slug}
        onChange={(event) => setCustomSlug(event.target.value.toLowerCase())}
        placeholder="acme"
      />
      <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {slug ? (
          <>
            Your organization will live at{' '}
            <span className="font-medium break-all text-slate-900 dark:text-slate-100">/dashboard/{slug}</span>
          </>
        ) : (
          'Type a name to see its address.'
        )}
      </p>
      <Button type="submit" pendingText="Creating…" className="w-full sm:w-auto">
        Create organization
      </Button>
    </form>
  );
}
