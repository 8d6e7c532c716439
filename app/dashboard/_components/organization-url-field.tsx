'use client';

import { Field } from '@/app/_components/ui/field';
import { Input, type InputProps } from '@/app/_components/ui/input';
import { SLUG_MAX_LENGTH } from '@/lib/tenancy/slug';

/**
 * The organization's address (`/dashboard/<slug>`), as both the create and the
 * settings forms ask for it: the fixed prefix shown before the editable part.
 */
export function OrganizationUrlField({
  description,
  error,
  ...inputProps
}: { description: string; error: string | string[] | null | undefined } & InputProps) {
  return (
    <Field label="URL" description={description} error={error} required>
      <div className="flex items-stretch">
        <span
          aria-hidden="true"
          className="hidden items-center rounded-l-lg border border-r-0 border-slate-300 dark:border-slate-700 bg-slate-50 dark:bg-slate-950 px-3 text-sm text-slate-500 dark:text-slate-400 sm:flex"
        >
          /dashboard/
        </span>
        <Input
          name="slug"
          maxLength={SLUG_MAX_LENGTH}
          autoCapitalize="off"
          autoComplete="off"
          spellCheck={false}
          className="sm:rounded-l-none"
          {...inputProps}
        />
      </div>
    </Field>
  );
}
