'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/http/form-state';
import { deleteAccount } from '@/lib/account/delete-account';
import { deleteAccountInput } from '@/lib/account/schema';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { textField, withCallerAction } from '@/lib/auth/action-access';

/** Deletes the account after the email was typed again, then ends the session on this device. */
export async function deleteAccountAction(_previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withCallerAction(
    formData,
    { returnTo: '/account', input: deleteAccountInput, read: (form) => ({ confirm: textField(form, 'confirmation') }) },
    (caller, input) => deleteAccount(caller, input),
  );
  if (!outcome.ok) return outcome;
  // The sign-in is already gone at Supabase; this only clears this browser's cookies.
  const supabase = await createSupabaseServerClient();
  await supabase.auth.signOut({ scope: 'local' });
  redirect('/login?account=deleted');
}
