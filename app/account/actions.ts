'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/http/form-state';
import { deleteAccount } from '@/lib/account/delete-account';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { formFailure, textField } from '@/lib/auth/action-access';
import { requireCaller } from '@/lib/auth/page-access';

/** Deletes the account after the email was typed again, then ends the session on this device. */
export async function deleteAccountAction(_previous: FormState | null, formData: FormData): Promise<FormState> {
  const caller = await requireCaller('/account');
  try {
    await deleteAccount(caller, { confirm: textField(formData, 'confirmation') });
  } catch (error) {
    return formFailure(error, formData);
  }
  // The sign-in is already gone at Supabase; this only clears this browser's cookies.
  const supabase = await createSupabaseServerClient();
  await supabase.auth.signOut({ scope: 'local' });
  redirect('/login?account=deleted');
}
